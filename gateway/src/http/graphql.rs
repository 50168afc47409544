//! GraphQL over HTTP on `/graphql`: POST (single operations and JSON-array batches), GET
//! (queries only; the GraphiQL page for browsers; the WebSocket upgrade), and the SDL.

use async_graphql::parser::types::OperationType;
use async_graphql_axum::{GraphQLBatchRequest, GraphQLRequest};
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{FromRequestParts, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use schema::error::{ApiError, ErrorCode, Limit};
use schema::policy::Principal;

use super::caller::{Caller, client_addr};
use super::respond::{
    BadRequest, answer, audit_unavailable, error_response, rate_limited, wants_graphql_response,
};
use crate::graphiql;
use crate::pipeline::{self, AppState, AuditUnavailable};

/// Runs one operation and answers it in the media type the client accepts.
async fn execute(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
    headers: &HeaderMap,
) -> Response {
    let Ok(response) = pipeline::run(state, principal, client, request).await else {
        return audit_unavailable();
    };
    // Under application/graphql-response+json, a request that never executed is a 400
    // without a `data` entry.
    if wants_graphql_response(headers)
        && response.data == async_graphql::Value::Null
        && response.is_err()
    {
        let mut body = serde_json::to_value(&response).unwrap_or_default();
        if let Some(fields) = body.as_object_mut() {
            fields.remove("data");
        }
        return answer(StatusCode::BAD_REQUEST, headers, &body);
    }
    answer(StatusCode::OK, headers, &response)
}

/// `POST /graphql`: one operation, or a JSON-array batch.
pub(super) async fn graphql_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Response {
    if let Some(refused) = super::guard::csrf_refusal(&headers) {
        return refused;
    }
    let (mut parts, body) = request.into_parts();
    let principal = match Caller::from_request_parts(&mut parts, &state).await {
        Ok(Caller(principal)) => principal,
        Err(response) => return response,
    };
    let client = client_addr(&parts);
    // The whole body, up to the limit: GraphQL extractors stream it without one.
    let body = match axum::body::to_bytes(body, state.inner.max_body_bytes).await {
        Ok(bytes) => axum::body::Body::from(bytes),
        Err(e) if too_long(&e) => {
            return error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                ApiError::new(
                    ErrorCode::BadUserInput,
                    format!("request body over {} bytes", state.inner.max_body_bytes),
                ),
            );
        }
        Err(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                ApiError::new(ErrorCode::BadUserInput, "request body unreadable"),
            );
        }
    };
    let request = axum::extract::Request::from_parts(parts, body);
    let batch = match <GraphQLBatchRequest<BadRequest> as axum::extract::FromRequest<AppState>>::from_request(
        request, &state,
    )
    .await
    {
        Ok(batch) => batch.into_inner(),
        Err(rejection) => return rejection.into_response(),
    };
    if let Some(seconds) = state.over_rate(&principal, client.as_deref(), batch.iter().count()) {
        return rate_limited(seconds);
    }
    match batch {
        async_graphql::BatchRequest::Single(request) => {
            execute(&state, principal, client, request, &headers).await
        }
        async_graphql::BatchRequest::Batch(requests) => {
            execute_batch(&state, principal, client, requests, &headers).await
        }
    }
}

/// Whether reading a body failed because it was longer than allowed.
fn too_long(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = e.source();
    }
    false
}

/// Runs a JSON-array batch, one operation after another, answering with an array; more
/// operations than allowed are refused before any runs.
async fn execute_batch(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    requests: Vec<async_graphql::Request>,
    headers: &HeaderMap,
) -> Response {
    let max = state.inner.max_batch;
    if requests.len() > max {
        return error_response(
            StatusCode::BAD_REQUEST,
            ApiError::over_limit(
                Limit::Batch,
                format!(
                    "a batch of {} operations; at most {max} are accepted",
                    requests.len()
                ),
            ),
        );
    }
    let mut responses = Vec::with_capacity(requests.len());
    for request in requests {
        match pipeline::run(state, principal.clone(), client.clone(), request).await {
            Ok(response) => responses.push(response),
            Err(AuditUnavailable) => return audit_unavailable(),
        }
    }
    answer(StatusCode::OK, headers, &responses)
}

/// `GET /graphql`: a query in the URL, the GraphiQL page, or a WebSocket upgrade.
pub(super) async fn graphql_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Response {
    if headers
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
    {
        let (mut parts, _) = request.into_parts();
        let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
            Ok(upgrade) => upgrade,
            Err(rejection) => return rejection.into_response(),
        };
        return crate::ws::upgrade(state, upgrade, &parts.headers, client_addr(&parts));
    }
    let accepts_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let has_query = request.uri().query().is_some_and(|q| !q.is_empty());
    if accepts_html && !has_query {
        if state.inner.graphiql {
            return graphiql::page().await;
        }
        return error_response(
            StatusCode::NOT_FOUND,
            ApiError::new(ErrorCode::NotFound, "GraphiQL is disabled"),
        );
    }
    let (mut parts, body) = request.into_parts();
    let caller = match Caller::from_request_parts(&mut parts, &state).await {
        Ok(Caller(principal)) => principal,
        Err(response) => return response,
    };
    let client = client_addr(&parts);
    let request = axum::extract::Request::from_parts(parts, body);
    let graphql =
        match <GraphQLRequest<BadRequest> as axum::extract::FromRequest<AppState>>::from_request(
            request, &state,
        )
        .await
        {
            Ok(request) => request.into_inner(),
            Err(rejection) => return rejection.into_response(),
        };
    if let Some(seconds) = state.over_rate(&caller, client.as_deref(), 1) {
        return rate_limited(seconds);
    }
    if pipeline::operation_type(&graphql) == Some(OperationType::Mutation) {
        let mut response = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            ApiError::new(
                ErrorCode::BadUserInput,
                "mutations are only accepted over POST",
            ),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    execute(&state, caller, client, graphql, &headers).await
}

/// `GET /schema.graphql`: the served SDL (in production, to officers only).
pub(super) async fn sdl(State(state): State<AppState>, Caller(principal): Caller) -> Response {
    if state.inner.production && !schema::policy::explores_schema(&principal) {
        return error_response(
            StatusCode::FORBIDDEN,
            ApiError::new(ErrorCode::Forbidden, "the schema is shown to officers only"),
        );
    }
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        state.inner.graph.sdl(),
    )
        .into_response()
}
