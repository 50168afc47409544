//! Responding over HTTP: the media type the client accepts, contract error bodies, and
//! the refusals HTTP gives before an operation runs.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use schema::error::{ApiError, ErrorCode};

use crate::pipeline::AuditUnavailable;

/// A JSON GraphQL error body: `error` with its contract code.
pub(crate) fn error_response(status: StatusCode, error: ApiError) -> Response {
    let body = serde_json::json!({ "errors": [error.into_server_error()] });
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.to_string(),
    )
        .into_response()
}

/// Rejection for unreadable GraphQL requests: `BAD_USER_INPUT`, 400.
pub struct BadRequest(async_graphql::ParseRequestError);

impl From<async_graphql::ParseRequestError> for BadRequest {
    fn from(err: async_graphql::ParseRequestError) -> Self {
        BadRequest(err)
    }
}

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        match self.0 {
            async_graphql::ParseRequestError::PayloadTooLarge => error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                ApiError::new(ErrorCode::BadUserInput, "request body too large"),
            ),
            other => error_response(
                StatusCode::BAD_REQUEST,
                ApiError::new(
                    ErrorCode::BadUserInput,
                    format!("malformed GraphQL request: {other}"),
                ),
            ),
        }
    }
}

/// Whether the client asked for the GraphQL-over-HTTP media type.
pub(super) fn wants_graphql_response(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/graphql-response+json"))
}

/// `body` as the answer, in the media type the client accepts.
pub(super) fn answer(
    status: StatusCode,
    headers: &HeaderMap,
    body: &impl serde::Serialize,
) -> Response {
    let content_type = if wants_graphql_response(headers) {
        "application/graphql-response+json"
    } else {
        "application/json"
    };
    match serde_json::to_string(body) {
        Ok(body) => (status, [(header::CONTENT_TYPE, content_type)], body).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "response serialisation failed");
            error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                ApiError::new(ErrorCode::Internal, "internal error"),
            )
        }
    }
}

/// HTTP 429 `RATE_LIMITED`, with `Retry-After: seconds`.
pub(super) fn rate_limited(seconds: u64) -> Response {
    let mut response = error_response(
        StatusCode::TOO_MANY_REQUESTS,
        ApiError::new(
            ErrorCode::RateLimited,
            crate::pipeline::rate_message(seconds),
        ),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// The answer when a request's audit trail could not be written.
pub(super) fn audit_unavailable() -> Response {
    error_response(StatusCode::SERVICE_UNAVAILABLE, AuditUnavailable.error())
}
