//! The HTTP transport: routes, who is calling, GraphQL over HTTP, health and metrics,
//! the browser guards. Handlers run operations through [`crate::pipeline`].

mod caller;
mod graphql;
pub mod guard;
mod health;
mod jwks;
mod respond;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

pub use caller::Caller;

use crate::config::RouterOptions;
use crate::graphiql;
use crate::pipeline::AppState;

/// The gateway's routes over `state`.
pub fn routes(state: AppState, options: &RouterOptions) -> Router {
    let router = Router::new()
        .route(
            "/graphql",
            get(graphql::graphql_get).post(graphql::graphql_post),
        )
        .route(
            &format!("{}/{{name}}", graphiql::ASSET_PREFIX),
            get(graphiql::asset),
        )
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .route("/schema.graphql", get(graphql::sdl))
        .route("/.well-known/jwks.json", get(jwks::jwks))
        .layer(DefaultBodyLimit::max(options.max_body_bytes))
        .layer(axum::middleware::from_fn(crate::request_id::propagate));
    let router = match guard::cors(&options.cors_origins) {
        Some(cors) => router.layer(cors),
        None => router,
    };
    router.with_state(state)
}
