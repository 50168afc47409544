//! Guards in front of GraphQL over HTTP that browsers make necessary: cross-site request
//! forgery prevention (as Apollo Router does it) and the CORS allow-list.
//!
//! A browser sends a "simple" cross-site request (a form post, `text/plain`) without
//! asking the server first; such a POST must carry a header a browser will only send
//! after a CORS preflight, or it is refused before it is read. GET never runs a mutation
//! (405), so it is not guarded.

use std::time::Duration;

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use schema::error::{ApiError, ErrorCode};
use tower_http::cors::CorsLayer;

use super::respond::error_response;

/// Content types a browser may send cross-site without a preflight.
const SIMPLE_TYPES: [&str; 3] = [
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
];

/// Headers that a browser sends cross-site only after a preflight the CORS policy passed.
const PREFLIGHT_HEADERS: [&str; 2] = ["apollo-require-preflight", "x-apollo-operation-name"];

/// The refusal of a POST a browser could have sent cross-site without a preflight (no
/// content type, or a simple one, and none of the preflight headers); none for others.
pub(crate) fn csrf_refusal(headers: &HeaderMap) -> Option<Response> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    let simple = content_type.is_none_or(|t| SIMPLE_TYPES.contains(&t.as_str()));
    let flagged = PREFLIGHT_HEADERS
        .iter()
        .any(|name| headers.get(*name).is_some_and(|v| !v.is_empty()));
    (simple && !flagged).then(|| {
        error_response(
            StatusCode::BAD_REQUEST,
            ApiError::new(
                ErrorCode::BadUserInput,
                "refused as a possible cross-site request forgery: send `Content-Type: \
             application/json`, or an `apollo-require-preflight` header",
            ),
        )
    })
}

/// Checks configured CORS origins: each `http://` or `https://` and a valid header value.
pub fn validate_origins(origins: &[String]) -> anyhow::Result<()> {
    for origin in origins {
        let valid = (origin.starts_with("https://") || origin.starts_with("http://"))
            && HeaderValue::from_str(origin).is_ok()
            && !origin.ends_with('/');
        if !valid {
            anyhow::bail!(
                "invalid CORS origin {origin:?}: expected scheme://host[:port], e.g. https://cctns.example.gov.in"
            );
        }
    }
    Ok(())
}

/// The CORS layer for `origins` (validated by [`validate_origins`]); none when empty, so
/// no cross-origin browser access is allowed.
pub(crate) fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect();
    Some(
        CorsLayer::new()
            .allow_origin(origins)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::ACCEPT,
                HeaderName::from_static("apollo-require-preflight"),
                HeaderName::from_static("x-apollo-operation-name"),
                HeaderName::from_static("x-request-id"),
            ])
            .max_age(Duration::from_secs(600)),
    )
}
