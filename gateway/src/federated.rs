//! The gateway as a federation gateway: starting the supergraph over the configured remote
//! subgraphs, answering operations that cross them, publishing the key subgraphs verify
//! the gateway's tokens with, and reloading (SIGHUP and a periodic re-fetch).

use std::sync::{Arc, Weak};

use async_trait::async_trait;
use federation::{Caller, Federation, FederationConfig, LocalGraph, Route};
use schema::audit::Actor;
use schema::error::{ApiError, ErrorCode};
use schema::policy::Principal;

use crate::pipeline::{self, AppState, AuditUnavailable, Inner, Remote, ResponseStream};

/// The local graph as the federation's in-process subgraph: each fetch the plan sends it
/// runs like a request made to the gateway directly, with the caller's principal, batched
/// loads, error codes and audit.
struct InProcess {
    state: Weak<Inner>,
}

#[async_trait]
impl LocalGraph for InProcess {
    async fn execute(
        &self,
        caller: &Caller,
        request: async_graphql::Request,
    ) -> async_graphql::Response {
        let Some(state) = AppState::upgrade(&self.state) else {
            return refusal(ErrorCode::Internal, "the gateway is shutting down");
        };
        let name = request.operation_name.clone();
        pipeline::execute_local(
            &state,
            caller.principal.clone(),
            caller.client.clone(),
            request,
            name,
        )
        .await
        .unwrap_or_else(|unavailable| {
            async_graphql::Response::from_errors(vec![unavailable.error().into_server_error()])
        })
    }
}

fn refusal(code: ErrorCode, message: &str) -> async_graphql::Response {
    async_graphql::Response::from_errors(vec![ApiError::new(code, message).into_server_error()])
}

/// Composes the local graph with the subgraphs of `config` and serves the supergraph
/// from `state` on; the first composition must succeed.
pub async fn federate(
    state: &AppState,
    config: FederationConfig,
) -> anyhow::Result<Arc<Federation>> {
    let local = Arc::new(InProcess {
        state: state.downgrade(),
    });
    let federation = Arc::new(Federation::start(config, schema::subgraph_sdl(), local).await?);
    state.route_remote_through(Arc::new(Supergraph(federation.clone())));
    Ok(federation)
}

/// Recomposes every `federation.refresh_interval()` and on each SIGHUP, for as long as the
/// process runs; a failed reload is logged and the last good supergraph keeps serving.
pub fn keep_fresh(federation: Arc<Federation>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(federation.refresh_interval());
        every.tick().await;
        #[cfg(unix)]
        let mut hangup =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
        loop {
            #[cfg(unix)]
            let reason = match hangup.as_mut() {
                Some(signal) => tokio::select! {
                    _ = every.tick() => "periodic",
                    _ = signal.recv() => "SIGHUP",
                },
                None => {
                    every.tick().await;
                    "periodic"
                }
            };
            #[cfg(not(unix))]
            let reason = {
                every.tick().await;
                "periodic"
            };
            match federation.reload().await {
                Ok(()) => tracing::info!(reason, "supergraph reloaded"),
                Err(e) => tracing::error!(
                    reason,
                    error = %e,
                    "supergraph reload failed; still serving the last good one"
                ),
            }
        }
    });
}

/// What the supergraph makes of an operation for a caller.
enum Admission {
    /// The local graph alone serves it.
    Local,
    /// Refused before any fetch.
    Refused(Box<async_graphql::Response>),
    /// Planned across subgraphs: the operation, on the supergraph that planned it.
    Planned(Arc<federation::Supergraph>, Box<Federated>),
}

/// Routes `request` (running `operation_name`) for `principal` at `client` through the
/// current supergraph.
fn admit(
    state: &AppState,
    federation: &Federation,
    principal: &Principal,
    client: Option<&str>,
    request: &async_graphql::Request,
    operation_name: Option<&str>,
) -> Admission {
    let grants = federation::Grants {
        authenticated: principal.identity.is_some(),
        scopes: schema::policy::federation_scopes(principal)
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    };
    let (supergraph, route) = federation.route(&request.query, operation_name, &grants);
    match &*route {
        Route::Local => Admission::Local,
        Route::Invalid(messages) => {
            let errors = messages
                .iter()
                .map(|m| ApiError::bad_input(m.clone()).into_server_error())
                .collect();
            Admission::Refused(Box::new(async_graphql::Response::from_errors(errors)))
        }
        Route::Federated(prepared)
            if prepared.introspects()
                && state.production()
                && !schema::policy::explores_schema(principal) =>
        {
            Admission::Refused(Box::new(refusal(
                ErrorCode::Forbidden,
                "the schema is shown only to officers in production",
            )))
        }
        Route::Federated(prepared) => Admission::Planned(
            supergraph,
            Box::new(Federated {
                state: state.clone(),
                prepared: prepared.clone(),
                principal: principal.clone(),
                client: client.map(str::to_owned),
                query: request.query.clone(),
                operation_name: operation_name.map(str::to_owned),
            }),
        ),
    }
}

/// The caller and request of one federated operation, owned (a subscription's events
/// outlive the request).
#[derive(Clone)]
struct Federated {
    state: AppState,
    prepared: Arc<federation::Prepared>,
    principal: Principal,
    client: Option<String>,
    query: String,
    operation_name: Option<String>,
}

impl Federated {
    fn caller(&self) -> Caller {
        Caller {
            principal: self.principal.clone(),
            client: self.client.clone(),
        }
    }

    /// An answer of the executor as the gateway's response: contract codes, and the remote
    /// reads audited (the local graph's fetches audited themselves).
    async fn finish(
        &self,
        body: serde_json::Value,
    ) -> Result<async_graphql::Response, AuditUnavailable> {
        let mut response: async_graphql::Response =
            serde_json::from_value(body).unwrap_or_else(|e| {
                tracing::error!(error = %e, "federated response not readable");
                refusal(
                    ErrorCode::Internal,
                    "the federated response could not be read",
                )
            });
        contract_codes(&mut response);
        let trail = schema::audit::AuditTrail::default();
        for subgraph in self
            .prepared
            .subgraphs
            .iter()
            .filter(|s| *s != federation::LOCAL_SUBGRAPH)
        {
            trail.crossed(subgraph);
        }
        let actor = Actor::of(&self.principal, self.client.clone());
        self.state
            .finish(
                response,
                &trail,
                &actor,
                self.operation_name.clone(),
                &self.query,
            )
            .await
    }
}

fn variables_of(request: &async_graphql::Request) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(&request.variables) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

/// The supergraph as the pipeline's route for operations that cross into remote
/// subgraphs.
struct Supergraph(Arc<Federation>);

#[async_trait]
impl Remote for Supergraph {
    async fn answer(
        &self,
        state: &AppState,
        principal: &Principal,
        client: Option<&str>,
        request: &async_graphql::Request,
        operation_name: Option<&str>,
    ) -> Option<Result<async_graphql::Response, AuditUnavailable>> {
        let federation = &self.0;
        let (supergraph, operation) = match admit(
            state,
            federation,
            principal,
            client,
            request,
            operation_name,
        ) {
            Admission::Local => return None,
            Admission::Refused(response) => return Some(Ok(*response)),
            Admission::Planned(supergraph, operation) => (supergraph, operation),
        };
        let body = federation
            .execute(
                &supergraph,
                &operation.prepared,
                operation.caller(),
                &request.query,
                operation_name,
                variables_of(request),
            )
            .await;
        Some(operation.finish(body).await)
    }

    fn subscription(
        &self,
        state: &AppState,
        principal: &Principal,
        client: Option<&str>,
        request: &async_graphql::Request,
    ) -> Option<ResponseStream> {
        use futures_util::StreamExt;
        let federation = &self.0;
        let operation_name = request.operation_name.as_deref();
        let (supergraph, operation) = match admit(
            state,
            federation,
            principal,
            client,
            request,
            operation_name,
        ) {
            Admission::Local => return None,
            Admission::Refused(response) => {
                return Some(futures_util::stream::once(async move { Ok(*response) }).boxed());
            }
            Admission::Planned(supergraph, operation) => (supergraph, operation),
        };
        let variables = variables_of(request);
        let events = federation.clone().subscribe(
            supergraph,
            operation.prepared.clone(),
            operation.caller(),
            operation.query.clone(),
            operation.operation_name.clone(),
            variables,
        );
        Some(
            events
                .then(move |event| {
                    let operation = operation.clone();
                    async move { operation.finish(event).await }
                })
                .boxed(),
        )
    }

    fn jwks(&self) -> &serde_json::Value {
        self.0.jwks()
    }
}

/// Keeps every error's code within the contract's closed set: a code a subgraph or the
/// executor chose (`SUBREQUEST_HTTP_ERROR`, a peer's own) becomes `INTERNAL`, and the
/// original stays beside it as `extensions.reason`; the message and path are kept.
fn contract_codes(response: &mut async_graphql::Response) {
    for error in &mut response.errors {
        let Some(extensions) = error.extensions.as_mut() else {
            continue;
        };
        let Some(async_graphql::Value::String(code)) = extensions.get("code").cloned() else {
            continue;
        };
        if ErrorCode::ALL.iter().any(|known| known.as_str() == code) {
            continue;
        }
        extensions.set("reason", code);
        extensions.set("code", ErrorCode::Internal.as_str());
    }
}
