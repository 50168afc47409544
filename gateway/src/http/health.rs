//! What operators poll: readiness (the database answers) and Prometheus metrics.

use std::time::Duration;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::metrics::Gauges;
use crate::pipeline::AppState;

/// How long `/readyz` waits for the database before saying it is unreachable (a load
/// balancer's probe must get an answer, not wait out the pool's acquire timeout).
const READY_WITHIN: Duration = Duration::from_secs(1);

pub(super) async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(READY_WITHIN, state.inner.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready").into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
        Err(_) => {
            tracing::warn!("database did not answer within {READY_WITHIN:?}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

pub(super) async fn metrics(State(state): State<AppState>) -> Response {
    let inner = &state.inner;
    let (pool_size, pool_idle) = schema::db::pool_use(&inner.db);
    let body = inner.metrics.render(&Gauges {
        sql_statements: inner.stats.statements(),
        sql_failures: inner.stats.failures(),
        pool_size,
        pool_idle,
        subscriptions: inner.events.subscribers(),
        events_published: inner.events.published(),
    });
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}
