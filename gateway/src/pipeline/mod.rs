//! The request pipeline: how one GraphQL operation runs, whatever carried it. HTTP
//! ([`crate::http`]), WebSocket ([`crate::ws`]) and the federation's fetches from the
//! local graph ([`crate::federated`]) call it; it calls none of them. One file per step,
//! in order:
//!
//! - [`identify`]: the caller from a token; refused tokens audited and rate-limited;
//! - [`admit`]: the caller's rate, the safelist and the production posture (the document's
//!   persisted form and limits are admitted by [`schema::admission`] as it executes);
//! - [`route`]: the local graph, or remote subgraphs through the supergraph;
//! - [`execute`]: on the local graph, in turn, within the request timeout;
//! - [`audit`]: contract codes, and the audit trail flushed before a response may leave.
//!
//! Responding (status, media type, serialisation) is the transport's. [`state`] holds
//! what all requests share.

mod admit;
mod audit;
mod execute;
mod identify;
mod route;
mod state;

use std::time::Instant;

use async_graphql::parser::types::OperationType;
use schema::error::{ApiError, ErrorCode};
use schema::policy::Principal;

pub(crate) use admit::rate_message;
pub(crate) use execute::execute_local;
pub(crate) use identify::{Unidentified, identify, identify_until};
pub(crate) use route::Remote;
pub use state::AppState;
pub(crate) use state::Inner;

/// The audit trail of a request could not be written, so its response is withheld.
pub(crate) struct AuditUnavailable;

impl AuditUnavailable {
    /// What the caller is told instead of the response.
    pub(crate) fn error(&self) -> ApiError {
        ApiError::new(
            ErrorCode::Internal,
            "the audit trail could not be written; try again",
        )
    }
}

/// What a subscription answers: responses, or the audit trail's failure.
pub(crate) type ResponseStream =
    futures_util::stream::BoxStream<'static, Result<async_graphql::Response, AuditUnavailable>>;

/// Runs one GraphQL operation for `principal` (at `client`) on any transport, measured
/// and logged.
pub(crate) async fn run(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
) -> Result<async_graphql::Response, AuditUnavailable> {
    let started = Instant::now();
    let name = (request.operation_name.clone()).or_else(|| sole_operation_name(&request.query));
    let answer = admit_and_execute(state, principal, client, request, name.clone()).await;
    let outcome = match &answer {
        Ok(response) => ErrorCode::of_response(response).map_or("ok", ErrorCode::as_str),
        Err(AuditUnavailable) => ErrorCode::Internal.as_str(),
    };
    let took = started.elapsed();
    state.inner.metrics.record(name.as_deref(), outcome, took);
    tracing::info!(
        operation = name.as_deref().unwrap_or("unnamed"),
        outcome,
        ms = took.as_secs_f64() * 1000.0,
        "graphql operation"
    );
    answer
}

/// [`run`], unmeasured; `operation_name` is the one `run` found (none for a document sent
/// by hash, whose text is known only once admitted).
async fn admit_and_execute(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
    operation_name: Option<String>,
) -> Result<async_graphql::Response, AuditUnavailable> {
    let request = match admit::prepare(state, request, &principal).await {
        Ok(request) => request,
        Err(refused) => return Ok(async_graphql::Response::from_errors(vec![refused])),
    };
    if let Some(remote) = state.inner.remote.get()
        && !is_subscription(&request)
        && let Some(answer) = remote
            .answer(
                state,
                &principal,
                client.as_deref(),
                &request,
                operation_name.as_deref(),
            )
            .await
    {
        return answer;
    }
    execute_local(state, principal, client, request, operation_name).await
}

/// Runs one subscription for `principal`: each item is finished as [`run`] finishes a
/// response (contract codes, audit flush).
pub(crate) fn run_stream(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
) -> ResponseStream {
    use futures_util::StreamExt;
    let state = state.clone();
    futures_util::stream::once(async move {
        match admit::prepare(&state, request, &principal).await {
            Ok(request) => {
                let remote = state.inner.remote.get().and_then(|remote| {
                    remote.subscription(&state, &principal, client.as_deref(), &request)
                });
                match remote {
                    Some(remote) => remote,
                    None => execute::subscribe(&state, principal, client, request),
                }
            }
            Err(refused) => futures_util::stream::once(futures_util::future::ready(Ok(
                async_graphql::Response::from_errors(vec![refused]),
            )))
            .boxed(),
        }
    })
    .flatten()
    .boxed()
}

/// Whether `request` is a subscription.
pub(crate) fn is_subscription(request: &async_graphql::Request) -> bool {
    operation_type(request) == Some(OperationType::Subscription)
}

/// The kind of operation `request` would run, when it can be determined.
pub(crate) fn operation_type(request: &async_graphql::Request) -> Option<OperationType> {
    let document = async_graphql::parser::parse_query(&request.query).ok()?;
    let operations: Vec<_> = document.operations.iter().collect();
    let chosen = match request.operation_name.as_deref() {
        Some(name) => operations
            .into_iter()
            .find(|(n, _)| n.map(|n| n.as_str()) == Some(name)),
        None if operations.len() == 1 => operations.into_iter().next(),
        None => None,
    };
    chosen.map(|(_, op)| op.node.ty)
}

/// The name of a document's only operation, if it is named (for the audit trail, when the
/// request does not say which operation it runs).
fn sole_operation_name(query: &str) -> Option<String> {
    let document = async_graphql::parser::parse_query(query).ok()?;
    let mut operations = document.operations.iter();
    let (name, _) = operations.next()?;
    match operations.next() {
        None => name.map(|n| n.to_string()),
        Some(_) => None,
    }
}
