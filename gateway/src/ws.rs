//! GraphQL over WebSocket on `/graphql`: the `graphql-transport-ws` protocol and the legacy
//! `graphql-ws` (subscriptions-transport-ws) one.
//!
//! The caller is identified once, from the `connection_init` payload, by the same
//! verification as HTTP ([`server::identify`]): `{"Authorization": "Bearer …"}` (or
//! `{"authorization": …}`, or `{"token": …}`); no token is the anonymous caller. A refused
//! token closes the connection before any operation runs (close code 1002 with the reason
//! `invalid token` on `graphql-transport-ws`, as async-graphql rejects a failed
//! `connection_init`; a `connection_error` message on the legacy protocol). Each operation then runs exactly as an HTTP
//! request does ([`server::run`]): its own request context, batched loads, audit trail.

use std::sync::Arc;

use async_graphql::{Data, Executor, Request, Response};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::extract::ws::WebSocketUpgrade;
use axum::response::Response as HttpResponse;
use futures_util::stream::{self, BoxStream, StreamExt};
use schema::error::ErrorCode;
use schema::policy::Principal;

use crate::server::{self, AppState, Unidentified};

/// Who a connection belongs to, decided at `connection_init`.
struct Session {
    principal: Principal,
}

/// Runs each operation of a connection through the gateway's one request path.
#[derive(Clone)]
struct GatewayExecutor {
    state: AppState,
    client: Option<String>,
}

impl GatewayExecutor {
    async fn run(self, principal: Principal, request: Request) -> Response {
        match server::run(&self.state, principal, self.client, request).await {
            Ok(response) => response,
            Err(server::AuditUnavailable) => audit_unavailable(),
        }
    }
}

/// The response that replaces one whose audit records could not be written.
fn audit_unavailable() -> Response {
    Response::from_errors(vec![error(
        ErrorCode::Internal,
        "the audit trail could not be written; try again",
    )])
}

fn error(code: ErrorCode, message: &str) -> async_graphql::ServerError {
    let mut error = async_graphql::ServerError::new(message, None);
    let mut extensions = async_graphql::ErrorExtensionValues::default();
    extensions.set("code", code.as_str());
    error.extensions = Some(extensions);
    error
}

impl Executor for GatewayExecutor {
    async fn execute(&self, request: Request) -> Response {
        // Only reached outside a connection (no session): the anonymous caller.
        self.clone().run(Principal::anonymous(), request).await
    }

    fn execute_stream(
        &self,
        request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let principal = session_data
            .as_deref()
            .and_then(|data| data.get(&std::any::TypeId::of::<Session>()))
            .and_then(|session| session.downcast_ref::<Session>())
            .map_or_else(Principal::anonymous, |s| s.principal.clone());
        if !server::is_subscription(&request) {
            return stream::once(self.clone().run(principal, request)).boxed();
        }
        server::run_stream(&self.state, principal, self.client.clone(), request)
            .map(|item| item.unwrap_or_else(|server::AuditUnavailable| audit_unavailable()))
            .boxed()
    }
}

/// The bearer token of a `connection_init` payload, as an `Authorization` header value.
fn authorization(payload: &serde_json::Value) -> Option<String> {
    let header = ["Authorization", "authorization"]
        .iter()
        .find_map(|key| payload.get(key).and_then(|v| v.as_str()));
    match (header, payload.get("token").and_then(|v| v.as_str())) {
        (Some(header), _) => Some(header.to_owned()),
        (None, Some(token)) => Some(format!("Bearer {token}")),
        (None, None) => None,
    }
}

/// Upgrades a `GET /graphql` to a GraphQL WebSocket connection.
pub(crate) fn upgrade(
    state: AppState,
    upgrade: WebSocketUpgrade,
    protocol: GraphQLProtocol,
    client: Option<String>,
) -> HttpResponse {
    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            let executor = GatewayExecutor {
                state: state.clone(),
                client: client.clone(),
            };
            GraphQLWebSocket::new(socket, executor, protocol)
                .on_connection_init(move |payload| async move {
                    let authorization = authorization(&payload);
                    match server::identify(&state, authorization.as_deref(), client).await {
                        Ok(principal) => {
                            let mut data = Data::default();
                            data.insert(Session { principal });
                            Ok(data)
                        }
                        Err(Unidentified::Refused) => Err("invalid token".into()),
                        Err(Unidentified::Unavailable(e)) => Err(e.message.into()),
                    }
                })
                .serve()
        })
}
