//! Start-up, written once: `cctns serve` and the end-to-end test kit open the database,
//! start the event hub, build the shared state and the routes, compose the supergraph when
//! remote subgraphs are configured, and serve, all through [`App`].

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use axum::Router;
use federation::FederationConfig;
use migration::{Migrator, MigratorTrait};
use schema::db::{PoolOptions, SqlStats};
use schema::events::EventHub;
use sea_orm::DatabaseConnection;

use crate::auth::Verifier;
use crate::config::{RouterOptions, redact_url};
use crate::pipeline::AppState;

/// What a gateway starts from.
pub struct AppConfig {
    /// The database's URL (`sqlite://…` or `postgres://…`).
    pub database_url: String,
    /// The request pool's settings.
    pub pool: PoolOptions,
    /// How tokens are verified.
    pub verifier: Verifier,
    /// The transport's and the schema's settings.
    pub options: RouterOptions,
    /// Remote subgraphs to compose with the local graph (none: the local graph alone).
    pub federation: FederationConfig,
}

/// A started gateway, ready to serve.
pub struct App {
    /// What every request shares.
    pub state: AppState,
    /// The routes over [`App::state`].
    pub router: Router,
    /// The request pool.
    pub db: DatabaseConnection,
    /// The request pool's statement counter.
    pub stats: SqlStats,
    /// The event hub (completed when the server stops).
    pub events: Arc<EventHub>,
}

/// Opens the database at `url` with `pool`.
pub async fn open(url: &str, pool: PoolOptions) -> anyhow::Result<(DatabaseConnection, SqlStats)> {
    schema::db::connect(url, &pool)
        .await
        .with_context(|| format!("cannot open database {}", redact_url(url)))
}

/// Brings `db` to the current schema.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    let pending = Migrator::get_pending_migrations(db)
        .await
        .context("cannot read migration state")?
        .len();
    Migrator::up(db, None).await.context("migration failed")?;
    tracing::info!(applied = pending, "database schema up to date");
    Ok(())
}

impl App {
    /// Opens the request pool, starts the event hub from the outbox, builds the state and
    /// the routes, and composes the supergraph (the first composition must succeed; it is
    /// then kept fresh). The database must be migrated already ([`migrate`]).
    pub async fn start(config: AppConfig) -> anyhow::Result<App> {
        let (db, stats) = open(&config.database_url, config.pool).await?;
        let events = EventHub::start(db.clone())
            .await
            .context("cannot read the event outbox")?;
        let state = AppState::new(
            db.clone(),
            stats.clone(),
            config.verifier,
            events.clone(),
            &config.options,
        );
        if config.federation.is_federated() {
            let names: Vec<&str> = (config.federation.subgraphs.iter())
                .map(|s| s.name.as_str())
                .collect();
            let names = names.join(", ");
            let federation = crate::federated::federate(&state, config.federation)
                .await
                .context("cannot compose the supergraph")?;
            tracing::info!(subgraphs = %names, "serving the supergraph");
            crate::federated::keep_fresh(federation);
        }
        let router = crate::http::routes(state.clone(), &config.options);
        Ok(App {
            state,
            router,
            db,
            stats,
            events,
        })
    }

    /// Serves on `listener` until `shutdown` completes, then completes every event stream
    /// (subscribers get `complete`), drains the requests in flight and writes the refused
    /// tokens still held back to the audit trail.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let events = self.events;
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            events.shutdown();
        })
        .await
        .context("server error")?;
        self.state.audit_pending_refusals().await;
        Ok(())
    }
}
