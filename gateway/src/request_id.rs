//! Request ids: every HTTP request runs inside a `request` span carrying an id, taken from
//! the client's `x-request-id` when it is a sensible token (so a trace can be followed
//! from a client or proxy through the gateway), or made here; the response carries it
//! back in `x-request-id`. Each GraphQL operation logs one line in that span: its name,
//! outcome and duration; never its text or variables, which may hold personal data.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

/// The header.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Longest client-given id kept.
const MAX_LEN: usize = 64;

/// Ids made by this process so far.
static MADE: AtomicU64 = AtomicU64::new(0);

/// A client's id if it is 1–64 characters of letters, digits, `-`, `_`, `.` or `:`.
fn given(value: &HeaderValue) -> Option<String> {
    let text = value.to_str().ok()?;
    let fits = !text.is_empty()
        && text.len() <= MAX_LEN
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    fits.then(|| text.to_owned())
}

/// A new id: the start time in microseconds and a sequence number, both hex.
fn made() -> String {
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    format!("{micros:x}-{:x}", MADE.fetch_add(1, Ordering::Relaxed))
}

/// The middleware: runs the request in its span and returns the id with the response.
pub(crate) async fn propagate(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(given)
        .unwrap_or_else(made);
    let span = tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path());
    crate::telemetry::join_callers_trace(&span, request.headers());
    let mut response = next.run(request).instrument(span).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensible_client_ids_are_kept_and_others_replaced() {
        assert_eq!(
            given(&HeaderValue::from_static("abc-123_x.y:z")).as_deref(),
            Some("abc-123_x.y:z")
        );
        for bad in ["", "has space", "new\u{7f}line", &"x".repeat(65)] {
            if let Ok(value) = HeaderValue::from_str(bad) {
                assert_eq!(given(&value), None, "{bad:?}");
            }
        }
        assert_ne!(made(), made());
    }
}
