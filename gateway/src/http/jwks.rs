//! `GET /.well-known/jwks.json`: the public keys of the tokens the gateway signs for
//! remote subgraphs (404 when no remote subgraph is configured).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::pipeline::AppState;

/// The JWKS remote subgraphs verify the gateway's tokens with.
pub(super) async fn jwks(State(state): State<AppState>) -> Response {
    match state.inner.remote.get() {
        Some(remote) => axum::Json(remote.jwks().clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
