//! What every request shares: the served graph, the database, the verifier, the limits
//! and the tallies the pipeline keeps between requests.

use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use schema::Graph;
use schema::db::SqlStats;
use schema::events::EventHub;
use schema::operations::Safelist;
use sea_orm::DatabaseConnection;

use super::route::Remote;
use crate::auth::Verifier;
use crate::config::RouterOptions;
use crate::connections::Connections;
use crate::metrics::Metrics;
use crate::rate_limit::RateLimiter;
use crate::refused_tokens::RefusalTally;

/// Everything a request needs, shared by all requests (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

/// The shared state behind [`AppState`].
pub(crate) struct Inner {
    /// The served schema with its admission (persisted documents, document limits).
    pub(crate) graph: Graph,
    /// The registered operations, when only those may run.
    pub(crate) safelist: Option<Safelist>,
    pub(crate) events: Arc<EventHub>,
    /// The WebSocket connections each caller holds.
    pub(crate) connections: Arc<Connections>,
    pub(crate) db: DatabaseConnection,
    pub(crate) stats: SqlStats,
    pub(crate) verifier: Verifier,
    /// Serve the GraphiQL explorer to browsers.
    pub(crate) graphiql: bool,
    pub(crate) max_body_bytes: usize,
    pub(crate) max_batch: usize,
    pub(crate) request_timeout: Duration,
    /// Permits to execute a query or mutation on the local graph.
    pub(crate) executing: tokio::sync::Semaphore,
    pub(crate) production: bool,
    pub(crate) rate_limiter: RateLimiter,
    /// Refused tokens not yet on the audit trail.
    pub(crate) refusals: RefusalTally,
    pub(crate) metrics: Metrics,
    /// Where operations that cross into remote subgraphs go, once the supergraph is
    /// composed ([`AppState::route_remote_through`]).
    pub(crate) remote: OnceLock<Arc<dyn Remote>>,
}

impl AppState {
    /// The state of a gateway over an open database; refused tokens are audited in the
    /// background from now on (when a runtime is there to do it).
    pub fn new(
        db: DatabaseConnection,
        stats: SqlStats,
        verifier: Verifier,
        events: Arc<EventHub>,
        options: &RouterOptions,
    ) -> AppState {
        let state = AppState {
            inner: Arc::new(Inner {
                graph: Graph::new(&options.schema),
                safelist: options.safelist.then(|| Safelist::new(db.clone())),
                events,
                connections: Arc::default(),
                db,
                stats,
                verifier,
                graphiql: options.graphiql,
                max_body_bytes: options.max_body_bytes,
                max_batch: options.max_batch,
                request_timeout: options.request_timeout,
                executing: tokio::sync::Semaphore::new(super::execute::permits(
                    options.max_concurrent_operations,
                )),
                production: options.schema.production,
                rate_limiter: RateLimiter::new(options.rate_limits),
                refusals: RefusalTally::new(options.refused_token_window),
                metrics: Metrics::default(),
                remote: OnceLock::new(),
            }),
        };
        super::identify::keep_auditing_refusals(&state);
        state
    }

    /// The open WebSocket connections, per caller.
    pub(crate) fn connections(&self) -> &Arc<Connections> {
        &self.inner.connections
    }

    /// From now on, operations that cross into remote subgraphs go to `remote` (once per
    /// process).
    pub(crate) fn route_remote_through(&self, remote: Arc<dyn Remote>) {
        self.inner.remote.set(remote).ok();
    }

    /// A weak handle on the state, for what the state itself holds (the federation's
    /// in-process local subgraph, background tasks).
    pub(crate) fn downgrade(&self) -> Weak<Inner> {
        Arc::downgrade(&self.inner)
    }

    /// The state behind a handle from [`AppState::downgrade`], while the gateway runs.
    pub(crate) fn upgrade(weak: &Weak<Inner>) -> Option<AppState> {
        weak.upgrade().map(|inner| AppState { inner })
    }

    /// Whether the production posture is on.
    pub(crate) fn production(&self) -> bool {
        self.inner.production
    }
}
