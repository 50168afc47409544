//! Who is calling: the verified principal of an `Authorization: Bearer` header, and the
//! client's network address.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::Response;
use schema::error::{ApiError, ErrorCode};
use schema::policy::Principal;

use super::respond::{error_response, rate_limited};
use crate::pipeline::{self, AppState, Unidentified};

/// The caller, from a verified `Authorization: Bearer` header (none: anonymous).
pub struct Caller(pub Principal);

/// The client's network address as this server saw it (the TCP peer; forwarding headers
/// are not trusted), for the audit trail.
pub(super) fn client_addr(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let authorization = match parts.headers.get(header::AUTHORIZATION) {
            None => None,
            Some(value) => Some(value.to_str().unwrap_or("")),
        };
        match pipeline::identify(state, authorization, client_addr(parts)).await {
            Ok(principal) => Ok(Caller(principal)),
            Err(Unidentified::Refused) => Err(error_response(
                StatusCode::UNAUTHORIZED,
                ApiError::new(ErrorCode::Unauthenticated, "invalid token"),
            )),
            Err(Unidentified::OverRate(seconds)) => Err(rate_limited(seconds)),
            Err(Unidentified::Unavailable(e)) => {
                Err(error_response(StatusCode::SERVICE_UNAVAILABLE, e))
            }
        }
    }
}
