//! How each fetch of a plan reaches its subgraph.
//!
//! The executor's HTTP client (pooled connections, per-subgraph timeouts, circuit breakers,
//! deduplication) serves remote subgraphs; a hook on every subgraph fetch adds the token the
//! gateway signs for that subgraph, and sends the local graph's fetches to [`LocalExecutor`],
//! which runs them in-process with the caller's principal (no HTTP hop).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use futures_util::stream::BoxStream;
use hive_router_plan_executor::executors::common::{SubgraphExecutionRequest, SubgraphExecutor};
use hive_router_plan_executor::executors::error::SubgraphExecutorError;
use hive_router_plan_executor::hooks::on_plugin_init::{OnPluginInitPayload, OnPluginInitResult};
use hive_router_plan_executor::hooks::on_subgraph_execute::{
    OnSubgraphExecuteStartHookPayload, OnSubgraphExecuteStartHookResult,
};
use hive_router_plan_executor::plugin_trait::{RouterPlugin, StartHookPayload};
use hive_router_plan_executor::response::graphql_error::GraphQLError;
use hive_router_plan_executor::response::subgraph_response::SubgraphResponse;
use schema::policy::Principal;
use serde_json::{Map, Value};

use crate::config::{Claim, LOCAL_SUBGRAPH, SubgraphConfig};
use crate::signing::Signer;

/// The caller of one operation: their verified principal and address (for the audit).
#[derive(Debug, Clone)]
pub struct Caller {
    /// Who is asking, from their verified token.
    pub principal: Principal,
    /// Their network address, when known.
    pub client: Option<String>,
}

/// The local graph as the federation calls it: in-process, for a caller, with the same
/// audit and error codes as a request made to it directly.
#[async_trait]
pub trait LocalGraph: Send + Sync + 'static {
    /// Runs `request` for `caller`.
    async fn execute(
        &self,
        caller: &Caller,
        request: async_graphql::Request,
    ) -> async_graphql::Response;
}

/// The claims of `principal` that a subgraph configured with `wanted` receives.
pub(crate) fn claims_for(principal: &Principal, wanted: &[Claim]) -> Map<String, Value> {
    let mut claims = Map::new();
    let Some(identity) = &principal.identity else {
        return claims;
    };
    for claim in wanted {
        let (key, value): (&str, Option<Value>) = match claim {
            Claim::Sub => ("sub", Some(identity.sub.clone().into())),
            Claim::Role => ("role", Some(identity.role.as_claim().into())),
            Claim::Unit => ("unit", Some(identity.unit.code.clone().into())),
            Claim::Rank => ("rank", identity.rank.clone().map(Value::from)),
            Claim::Name => ("name", identity.name.clone().map(Value::from)),
            Claim::Scope => (
                "scope",
                Some(
                    schema::policy::federation_scopes(principal)
                        .join(" ")
                        .into(),
                ),
            ),
        };
        if let Some(value) = value {
            claims.insert(key.into(), value);
        }
    }
    claims
}

/// What the hook needs for one request, kept in the executor's per-request plugin context.
pub(crate) struct RequestCaller(pub Arc<Caller>);

/// One event of a remote subscription, waiting in the request's plugin context: the hook
/// hands it to the executor as the answer of the plan's subscription fetch, so the rest of
/// the plan completes it like a query (local fetches in-process, remote ones with tokens).
pub(crate) struct PendingEvent {
    subgraph: String,
    event: Option<SubgraphResponse<'static>>,
}

impl PendingEvent {
    pub fn new(subgraph: String, event: SubgraphResponse<'static>) -> Self {
        Self {
            subgraph,
            event: Some(event),
        }
    }

    /// The event, once, for the fetch to the subgraph it came from.
    fn take_for(&mut self, subgraph: &str) -> Option<SubgraphResponse<'static>> {
        if self.subgraph == subgraph {
            self.event.take()
        } else {
            None
        }
    }
}

/// The tokens the gateway signs for remote subgraphs: one place decides which claims
/// each subgraph's token carries.
pub(crate) struct Tokens {
    signer: Signer,
    /// Claims each remote subgraph receives, by name.
    claims: HashMap<String, Vec<Claim>>,
}

impl Tokens {
    pub fn new(signer: Signer, remotes: &[SubgraphConfig]) -> Self {
        let claims = remotes
            .iter()
            .map(|s| (s.name.clone(), s.claims.clone()))
            .collect();
        Self { signer, claims }
    }

    /// The token `principal`'s requests to `subgraph` carry.
    pub fn for_subgraph(&self, subgraph: &str, principal: &Principal) -> String {
        let wanted = self
            .claims
            .get(subgraph)
            .map_or(&Claim::DEFAULT[..], Vec::as_slice);
        self.signer.sign(subgraph, claims_for(principal, wanted))
    }

    /// The public keys the tokens verify with.
    pub fn jwks(&self) -> &Value {
        self.signer.jwks()
    }
}

/// The hook on every subgraph fetch.
pub(crate) struct SubgraphRouting {
    pub local: Arc<dyn LocalGraph>,
    pub tokens: Arc<Tokens>,
}

#[async_trait]
impl RouterPlugin for SubgraphRouting {
    fn plugin_name() -> &'static str {
        "cctns_subgraph_routing"
    }

    type Config = ();

    /// Never loaded from router configuration: the gateway builds it directly.
    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        payload.disable_plugin()
    }

    async fn on_subgraph_execute<'exec>(
        &'exec self,
        mut payload: OnSubgraphExecuteStartHookPayload<'exec>,
    ) -> OnSubgraphExecuteStartHookResult<'exec> {
        let caller = payload
            .context
            .get_ref::<RequestCaller>()
            .map(|entry| entry.as_ref().0.clone());
        let Some(caller) = caller else {
            // Every request the gateway runs carries its caller; without one nothing leaves.
            let error =
                GraphQLError::from_message_and_code("no caller for this request", "INTERNAL");
            return payload.end_with_graphql_error(error, http::StatusCode::INTERNAL_SERVER_ERROR);
        };
        let event = payload
            .context
            .get_mut::<PendingEvent>()
            .and_then(|mut pending| pending.take_for(payload.subgraph_name));
        if let Some(event) = event {
            let event: SubgraphResponse<'exec> = event;
            return payload.end_with_response(event);
        }
        if payload.subgraph_name == LOCAL_SUBGRAPH {
            payload.executor = LocalExecutor {
                local: self.local.clone(),
                caller,
                endpoint: http::Uri::from_static("http://in-process/graphql"),
            }
            .to_boxed_arc();
            return payload.proceed();
        }
        // The client's own credentials never travel further.
        let headers = &mut payload.execution_request.headers;
        headers.remove(http::header::AUTHORIZATION);
        headers.remove(http::header::COOKIE);
        if caller.principal.identity.is_some() {
            let token = self
                .tokens
                .for_subgraph(payload.subgraph_name, &caller.principal);
            if let Ok(value) = http::HeaderValue::from_str(&format!("Bearer {token}")) {
                headers.insert(http::header::AUTHORIZATION, value);
            }
        }
        payload.proceed()
    }
}

/// Runs the local graph's fetches in-process for the request's caller.
struct LocalExecutor {
    local: Arc<dyn LocalGraph>,
    caller: Arc<Caller>,
    endpoint: http::Uri,
}

#[async_trait]
impl SubgraphExecutor for LocalExecutor {
    fn executor_name(&self) -> &str {
        LOCAL_SUBGRAPH
    }

    fn endpoint(&self) -> &http::Uri {
        &self.endpoint
    }

    async fn execute<'a>(
        &self,
        request: SubgraphExecutionRequest<'a>,
        _timeout: Option<Duration>,
        _plugins: Option<&'a hive_router_plan_executor::plugin_context::PluginRequestState<'a>>,
    ) -> Result<SubgraphResponse<'static>, SubgraphExecutorError> {
        let mut graphql = async_graphql::Request::new(request.query);
        if let Some(name) = &request.operation_name {
            graphql = graphql.operation_name(name.clone());
        }
        // Variables come as values, and entity representations as JSON text already
        // serialized for the wire; the local graph reads both as one JSON object.
        let mut json = Map::new();
        for (name, value) in request.variables.iter().flatten() {
            let value = sonic_rs::to_string(value)
                .ok()
                .and_then(|text| serde_json::from_str(&text).ok())
                .unwrap_or(Value::Null);
            json.insert((*name).to_owned(), value);
        }
        for (name, raw) in request.raw_variable_values.iter().flatten() {
            let value = serde_json::from_slice(raw).unwrap_or(Value::Null);
            json.insert((*name).to_owned(), value);
        }
        if !json.is_empty() {
            graphql = graphql.variables(async_graphql::Variables::from_json(Value::Object(json)));
        }
        let response = self.local.execute(&self.caller, graphql).await;
        let body = serde_json::to_vec(&response).unwrap_or_default();
        SubgraphResponse::deserialize_from_bytes(body.into(), request.custom_scalar_paths)
    }

    async fn subscribe<'a>(
        &self,
        _request: SubgraphExecutionRequest<'a>,
        _timeout: Option<Duration>,
    ) -> Result<
        BoxStream<'static, Result<SubgraphResponse<'static>, SubgraphExecutorError>>,
        SubgraphExecutorError,
    > {
        // Local subscriptions are served by the local graph directly (see `Route`).
        Err(SubgraphExecutorError::UnsupportedContentTypeError(
            "subscriptions of the local graph are served directly".into(),
        ))
    }
}
