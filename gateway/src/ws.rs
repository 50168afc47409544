//! GraphQL over WebSocket on `/graphql`: the `graphql-transport-ws` protocol and the legacy
//! `graphql-ws` (subscriptions-transport-ws) one.
//!
//! The caller is identified once, from the `connection_init` payload, by the same
//! verification as HTTP ([`pipeline::identify_until`]): `{"Authorization": "Bearer …"}` (or
//! `{"authorization": …}`, or `{"token": …}`); no token is the anonymous caller. A refused
//! token closes the connection before any operation runs (`4403` with the reason
//! `invalid token` on `graphql-transport-ws`; a `connection_error` message on the legacy
//! protocol). When the token expires, the connection is closed with `4403 token expired`.
//!
//! Each operation runs exactly as an HTTP request does ([`pipeline::run`], or
//! [`pipeline::run_stream`] for subscriptions): its own request context, batched loads,
//! audit trail. The server pings every [`PING_EVERY`] and closes a connection that has
//! sent nothing for [`IDLE_TIMEOUT`]; a connection holds at most
//! [`MAX_SUBSCRIPTIONS_PER_CONNECTION`] subscriptions, a caller at most
//! [`MAX_CONNECTIONS_PER_CALLER`] connections.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use async_graphql::http::{WebSocket as GraphQLSocket, WebSocketProtocols, WsMessage};
use async_graphql::{Data, Executor, Request, Response};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response as HttpResponse;
use futures_util::stream::{self, BoxStream, StreamExt};
use futures_util::{SinkExt, future};
use schema::error::{ApiError, ErrorCode};
use schema::policy::Principal;

use crate::connections::{ConnectionSlot, MAX_CONNECTIONS_PER_CALLER};
use crate::pipeline::{self, AppState, Unidentified};

/// How often the server pings an idle connection.
pub const PING_EVERY: Duration = Duration::from_secs(20);
/// A connection that sends nothing (not even a pong) for this long is closed.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Subscriptions one connection may hold at once.
pub const MAX_SUBSCRIPTIONS_PER_CONNECTION: usize = 32;
/// Bytes read from the socket at a time.
const READ_BUFFER: usize = 4 * 1024;
/// The largest message (and frame) a client may send: a subscription document with its
/// variables fits many times over.
const MAX_MESSAGE: usize = 256 * 1024;

/// Who a connection belongs to, decided at `connection_init`.
struct Session {
    principal: Principal,
    _slot: ConnectionSlot,
}

/// Runs each operation of one connection through the gateway's one request path.
#[derive(Clone)]
struct GatewayExecutor {
    state: AppState,
    client: Option<String>,
    subscriptions: Arc<AtomicUsize>,
}

impl GatewayExecutor {
    async fn run(self, principal: Principal, request: Request) -> Response {
        match pipeline::run(&self.state, principal, self.client, request).await {
            Ok(response) => response,
            Err(pipeline::AuditUnavailable) => audit_unavailable(),
        }
    }
}

/// The response that replaces one whose audit records could not be written.
fn audit_unavailable() -> Response {
    Response::from_errors(vec![pipeline::AuditUnavailable.error().into_server_error()])
}

/// A refusal with `code`, as a GraphQL error.
fn error(code: ErrorCode, message: &str) -> async_graphql::ServerError {
    ApiError::new(code, message).into_server_error()
}

/// Decrements the connection's subscription count when a subscription ends.
struct SubscriptionSlot(Arc<AtomicUsize>);

impl Drop for SubscriptionSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
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
        // Each operation over the socket counts against the caller's rate, as over HTTP.
        if let Some(seconds) = self.state.over_rate(&principal, self.client.as_deref(), 1) {
            let refused = Response::from_errors(vec![error(
                ErrorCode::RateLimited,
                &pipeline::rate_message(seconds),
            )]);
            return stream::once(future::ready(refused)).boxed();
        }
        if !pipeline::is_subscription(&request) {
            return stream::once(self.clone().run(principal, request)).boxed();
        }
        if self.subscriptions.fetch_add(1, Ordering::AcqRel) >= MAX_SUBSCRIPTIONS_PER_CONNECTION {
            self.subscriptions.fetch_sub(1, Ordering::AcqRel);
            let refused = Response::from_errors(vec![error(
                ErrorCode::RateLimited,
                &format!("at most {MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection"),
            )]);
            return stream::once(future::ready(refused)).boxed();
        }
        let slot = SubscriptionSlot(self.subscriptions.clone());
        pipeline::run_stream(&self.state, principal, self.client.clone(), request)
            .map(move |item| {
                let _held = &slot;
                item.unwrap_or_else(|pipeline::AuditUnavailable| audit_unavailable())
            })
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

/// The sub-protocol the client asked for (graphql-transport-ws unless it asked only for
/// the legacy one).
fn protocol(headers: &axum::http::HeaderMap) -> Option<WebSocketProtocols> {
    let offered = headers
        .get(axum::http::header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())?;
    offered
        .split(',')
        .filter_map(|p| p.trim().parse::<WebSocketProtocols>().ok())
        .min_by_key(|p| matches!(p, WebSocketProtocols::SubscriptionsTransportWS))
}

/// Upgrades a `GET /graphql` to a GraphQL WebSocket connection.
pub(crate) fn upgrade(
    state: AppState,
    upgrade: WebSocketUpgrade,
    headers: &axum::http::HeaderMap,
    client: Option<String>,
) -> HttpResponse {
    let Some(protocol) = protocol(headers) else {
        return axum::response::IntoResponse::into_response((
            axum::http::StatusCode::BAD_REQUEST,
            "use the graphql-transport-ws or graphql-ws sub-protocol",
        ));
    };
    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        // Subscribers mostly sit idle: read in small chunks (the 128 KiB default costs
        // every connection that much), and refuse oversized messages outright.
        .read_buffer_size(READ_BUFFER)
        .max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .on_upgrade(move |socket| serve(socket, state, protocol, client))
}

/// Serves one connection until either side closes it or its token expires.
async fn serve(
    socket: WebSocket,
    state: AppState,
    protocol: WebSocketProtocols,
    client: Option<String>,
) {
    let (mut sink, incoming) = socket.split();
    let input = incoming
        .take_while(|message| future::ready(message.is_ok()))
        .filter_map(|message| {
            future::ready(match message {
                Ok(Message::Text(text)) => Some(text.as_bytes().to_vec()),
                Ok(Message::Binary(bytes)) => Some(bytes.to_vec()),
                _ => None,
            })
        });
    let executor = GatewayExecutor {
        state: state.clone(),
        client: client.clone(),
        subscriptions: Arc::new(AtomicUsize::new(0)),
    };
    let (expiry_tx, mut expiry_rx) = tokio::sync::watch::channel(None::<i64>);
    // Set when connection_init is refused, so the close that follows says 4403.
    let refused = Arc::new(AtomicBool::new(false));
    let refusing = refused.clone();
    let graphql = GraphQLSocket::new(executor, input, protocol)
        .keepalive_timeout(IDLE_TIMEOUT)
        .on_connection_init(move |payload| async move {
            let accepted = accept(&state, &payload, client, expiry_tx).await;
            refusing.store(accepted.is_err(), Ordering::Release);
            accepted
        })
        .map(move |message| match message {
            WsMessage::Text(text) => Message::Text(text.into()),
            // async-graphql closes a refused connection_init with 1002; the protocol
            // names 4403 Forbidden for it.
            WsMessage::Close(code, reason) => Message::Close(Some(CloseFrame {
                code: if code == 1002 && refused.load(Ordering::Acquire) {
                    4403
                } else {
                    code
                },
                reason: reason.into(),
            })),
        });
    let ping = match protocol {
        WebSocketProtocols::GraphQLWS => r#"{"type":"ping"}"#,
        WebSocketProtocols::SubscriptionsTransportWS => r#"{"type":"ka"}"#,
    };
    let pings = tokio_stream_interval(PING_EVERY).map(move |_| Message::Text(ping.into()));
    let expiry = stream::once(async move {
        // Wait for connection_init to name the token's expiry, then until it passes.
        let expires = loop {
            if let Some(expires) = *expiry_rx.borrow_and_update() {
                break expires;
            }
            if expiry_rx.changed().await.is_err() {
                return None;
            }
        };
        let now = chrono::Utc::now().timestamp();
        tokio::time::sleep(Duration::from_secs(
            expires.saturating_sub(now).max(0) as u64
        ))
        .await;
        Some(Message::Close(Some(CloseFrame {
            code: 4403,
            reason: "token expired".into(),
        })))
    })
    .filter_map(future::ready);
    // The connection ends with the GraphQL stream (the client went away or was closed):
    // its end is marked with `None`, which stops the pings and the expiry timer too.
    let graphql = graphql.map(Some).chain(stream::once(future::ready(None)));
    let others = stream::select(pings, expiry).map(Some);
    let mut outgoing = std::pin::pin!(stream::select(graphql, others));
    while let Some(Some(message)) = outgoing.next().await {
        let closing = matches!(message, Message::Close(_));
        if sink.send(message).await.is_err() || closing {
            break;
        }
    }
}

/// Identifies the caller of a `connection_init` and takes a connection slot for them;
/// sends the token's expiry to the connection's timer.
async fn accept(
    state: &AppState,
    payload: &serde_json::Value,
    client: Option<String>,
    expiry: tokio::sync::watch::Sender<Option<i64>>,
) -> async_graphql::Result<Data> {
    let authorization = authorization(payload);
    let (principal, expires) =
        match pipeline::identify_until(state, authorization.as_deref(), client.clone()).await {
            Ok(identified) => identified,
            Err(Unidentified::Refused) => return Err("invalid token".into()),
            Err(Unidentified::OverRate(seconds)) => {
                return Err(pipeline::rate_message(seconds).into());
            }
            Err(Unidentified::Unavailable(e)) => return Err(e.message.into()),
        };
    let caller = principal
        .identity
        .as_ref()
        .map(|i| format!("sub:{}", i.sub))
        .unwrap_or_else(|| format!("addr:{}", client.unwrap_or_default()));
    let Some(slot) = state.connections().open(caller) else {
        return Err(format!("at most {MAX_CONNECTIONS_PER_CALLER} connections per caller").into());
    };
    expiry.send_replace(expires);
    let mut data = Data::default();
    data.insert(Session {
        principal,
        _slot: slot,
    });
    Ok(data)
}

/// A stream that yields every `period`, starting after the first period.
fn tokio_stream_interval(period: Duration) -> impl futures_util::Stream<Item = ()> {
    stream::unfold((), move |()| async move {
        tokio::time::sleep(period).await;
        Some(((), ()))
    })
}
