//! The live supergraph: composed at start, recomposed on reload (keeping the last good one
//! when a reload fails), and one operation's way through it.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use hive_router_plan_executor::execution::client_request_details::{
    ClientRequestDetails, JwtRequestDetails, OperationDetails,
};
use hive_router_plan_executor::execution::operation_name::{
    OperationNameFactory, OperationNameForwardConfig,
};
use hive_router_plan_executor::execution::plan::{
    CoerceVariablesPayload, ExecutionResultExtensions, QueryPlanExecutionOpts,
    QueryPlanExecutionResult, execute_query_plan,
};
use hive_router_plan_executor::executors::common::SubgraphExecutionRequest;
use hive_router_plan_executor::executors::error::SubgraphExecutorError;
use hive_router_plan_executor::introspection::resolve::IntrospectionContext;
use hive_router_plan_executor::plugin_context::{
    PluginContext, PluginRequestState, RouterHttpRequest,
};
use hive_router_plan_executor::plugin_trait::RouterPluginBoxed;
use hive_router_plan_executor::response::subgraph_response::SubgraphResponse;
use hive_router_plan_executor::variables::collect_variables;
use hive_router_query_planner::planner::plan_nodes::QueryPlan;
use serde_json::Value;

use crate::compose::{CompositionError, SubgraphSdl, compose};
use crate::config::{FederationConfig, LOCAL_SUBGRAPH};
use crate::signing::Signer;
use crate::subgraphs::{Caller, LocalGraph, PendingEvent, RequestCaller, SubgraphRouting, Tokens};
use crate::supergraph::{Prepared, Route, SubscriptionPlan, Supergraph};

/// Why a reload did not replace the supergraph (the previous one keeps serving).
#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    /// A remote subgraph's SDL could not be fetched.
    #[error("subgraph {name}: {message}")]
    Fetch {
        /// The subgraph.
        name: String,
        /// Why.
        message: String,
    },
    /// The SDLs did not compose.
    #[error(transparent)]
    Composition(#[from] CompositionError),
    /// The composed supergraph could not be planned over.
    #[error("{0}")]
    Supergraph(String),
}

/// The federation gateway's state.
pub struct Federation {
    config: FederationConfig,
    local_sdl: String,
    tokens: Arc<Tokens>,
    plugins: Arc<Vec<RouterPluginBoxed>>,
    http: reqwest::Client,
    current: RwLock<Arc<Supergraph>>,
}

impl std::fmt::Debug for Federation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Federation")
            .field("subgraphs", &self.config.subgraphs)
            .finish()
    }
}

/// The endpoint written into the supergraph for the local graph, which the gateway itself
/// runs in-process; `cctns compose --local-url` writes a real one for other routers.
pub const IN_PROCESS_URL: &str = "http://in-process.cctns/graphql";

impl Federation {
    /// Fetches every remote subgraph's SDL and composes them with the local graph's.
    /// Fails when that first composition fails: a gateway never starts half-configured.
    pub async fn start(
        config: FederationConfig,
        local_sdl: String,
        local: Arc<dyn LocalGraph>,
    ) -> anyhow::Result<Self> {
        let signer = Signer::load_or_generate(config.signing_key.as_deref(), config.token_ttl)?;
        let tokens = Arc::new(Tokens::new(signer, &config.subgraphs));
        let routing = SubgraphRouting {
            local,
            tokens: tokens.clone(),
        };
        let plugins: Vec<RouterPluginBoxed> = vec![Box::new(routing)];
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()?;
        let subgraphs = fetch_sdls(&http, &config, &local_sdl, IN_PROCESS_URL).await?;
        let sdl = compose(&subgraphs)?;
        let supergraph = Supergraph::new(sdl, &config.subgraphs)?;
        Ok(Self {
            config,
            local_sdl,
            tokens,
            plugins: Arc::new(plugins),
            http,
            current: RwLock::new(Arc::new(supergraph)),
        })
    }

    /// Fetches and composes again; on success the new supergraph serves every request from
    /// now on (requests under way finish on the old one). On failure nothing changes.
    pub async fn reload(&self) -> Result<(), ReloadError> {
        let subgraphs = fetch_sdls(&self.http, &self.config, &self.local_sdl, IN_PROCESS_URL)
            .await
            .map_err(|e| match e.downcast::<ReloadError>() {
                Ok(reload) => reload,
                Err(other) => ReloadError::Supergraph(other.to_string()),
            })?;
        let sdl = compose(&subgraphs)?;
        if sdl == self.supergraph().sdl {
            return Ok(());
        }
        let supergraph = Supergraph::new(sdl, &self.config.subgraphs)
            .map_err(|e| ReloadError::Supergraph(e.to_string()))?;
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(supergraph);
        Ok(())
    }

    /// How often [`Federation::reload`] should run.
    pub fn refresh_interval(&self) -> Duration {
        self.config.refresh
    }

    /// The supergraph serving requests now.
    pub fn supergraph(&self) -> Arc<Supergraph> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The public keys subgraphs verify the gateway's tokens with.
    pub fn jwks(&self) -> &Value {
        self.tokens.jwks()
    }

    /// How `query` is served by the current supergraph to a caller holding `grants`.
    pub fn route(
        &self,
        query: &str,
        operation_name: Option<&str>,
        grants: &crate::policy::Grants,
    ) -> (Arc<Supergraph>, Arc<Route>) {
        let supergraph = self.supergraph();
        let route = supergraph.route(query, operation_name, grants);
        (supergraph, route)
    }

    /// Runs a prepared operation for `caller`: every fetch of its plan, the local ones
    /// in-process and the remote ones over HTTP, and the response shaped as the client asked.
    /// A failing subgraph leaves errors on its own fields; the rest of the data stands.
    pub async fn execute(
        &self,
        supergraph: &Supergraph,
        prepared: &Prepared,
        caller: Caller,
        query: &str,
        operation_name: Option<&str>,
        variables: serde_json::Map<String, Value>,
    ) -> Value {
        let variables = match coerce(supergraph, prepared, variables) {
            Ok(coerced) => coerced,
            Err(refused) => return refused,
        };
        let request = PlanRequest {
            supergraph,
            prepared,
            plan: &prepared.plan,
            query,
            operation_name,
            variables,
        };
        match self.run_plan(request, caller, None).await {
            Ok(QueryPlanExecutionResult::Single(output)) => answer_of(&output.body, prepared),
            Ok(QueryPlanExecutionResult::Stream(_)) => error_body(
                "a subscription needs a streaming transport",
                "BAD_USER_INPUT",
            ),
            Err(refused) => refused,
        }
    }

    /// Subscribes `caller` to a subscription a remote subgraph offers (see
    /// [`Supergraph::route`]): the gateway subscribes to that subgraph with the token it
    /// signs for it, and completes each event from the other subgraphs (the local graph
    /// in-process) with the plan's remaining fetches, as it would a query. Each event is an
    /// answer; a failed subscription gives one error answer and ends.
    pub fn subscribe(
        self: Arc<Self>,
        supergraph: Arc<Supergraph>,
        prepared: Arc<Prepared>,
        caller: Caller,
        query: String,
        operation_name: Option<String>,
        variables: serde_json::Map<String, Value>,
    ) -> BoxStream<'static, Value> {
        let once = |answer: Value| futures_util::stream::once(async move { answer }).boxed();
        let Some(split) = prepared.subscription.clone() else {
            return once(error_body("not a subscription", "BAD_USER_INPUT"));
        };
        let variables = match coerce(&supergraph, &prepared, variables) {
            Ok(coerced) => coerced,
            Err(refused) => return once(refused),
        };
        let subgraph = split.primary.service_name.clone();
        let token = caller
            .principal
            .identity
            .is_some()
            .then(|| self.tokens.for_subgraph(&subgraph, &caller.principal));
        let events = subscribe_remote(
            supergraph.clone(),
            split.clone(),
            variables.clone(),
            token,
            operation_name.clone(),
        );
        events
            .then(move |event| {
                let this = self.clone();
                let supergraph = supergraph.clone();
                let (prepared, split) = (prepared.clone(), split.clone());
                let (caller, query) = (caller.clone(), query.clone());
                let (operation_name, variables) = (operation_name.clone(), variables.clone());
                let subgraph = subgraph.clone();
                async move {
                    let event = match event {
                        Ok(event) => event,
                        Err(e) => return subscription_failed(&subgraph, &e),
                    };
                    let request = PlanRequest {
                        supergraph: &supergraph,
                        prepared: &prepared,
                        plan: &split.per_event,
                        query: &query,
                        operation_name: operation_name.as_deref(),
                        variables,
                    };
                    let event = PendingEvent::new(subgraph, event);
                    match this.run_plan(request, caller, Some(event)).await {
                        Ok(QueryPlanExecutionResult::Single(output)) => {
                            answer_of(&output.body, &prepared)
                        }
                        Ok(QueryPlanExecutionResult::Stream(_)) => {
                            error_body("an event planned as a subscription", "INTERNAL")
                        }
                        Err(refused) => refused,
                    }
                }
            })
            .boxed()
    }

    /// Runs the plan through the executor. With `event`, the plan's subscription fetch is answered by that event.
    async fn run_plan(
        &self,
        request: PlanRequest<'_>,
        caller: Caller,
        event: Option<PendingEvent>,
    ) -> Result<QueryPlanExecutionResult, Value> {
        let PlanRequest {
            supergraph,
            prepared,
            plan,
            query,
            operation_name,
            variables,
        } = request;
        let method = http::Method::POST;
        let uri = http::Uri::from_static("/graphql");
        let client_request = Arc::new(ClientRequestDetails {
            method: &method,
            url: &uri,
            headers: Arc::default(),
            operation: OperationDetails {
                name: operation_name,
                query,
                kind: kind_name(&prepared.kind),
            },
            jwt: Arc::new(JwtRequestDetails::Unauthenticated),
            path_params: Default::default(),
        });
        let context = Arc::new(PluginContext::default());
        context.insert(RequestCaller(Arc::new(caller)));
        if let Some(event) = event {
            context.insert(event);
        }
        let match_info = ntex::router::Path::new(uri.clone());
        let http_headers = ntex::http::HeaderMap::new();
        let plugin_state = PluginRequestState {
            plugins: self.plugins.clone(),
            router_http_request: RouterHttpRequest {
                uri: &uri,
                method: &method,
                version: http::Version::HTTP_11,
                headers: &http_headers,
                path: "/graphql",
                query_string: "",
                match_info: &match_info,
            },
            context,
            request_context: Default::default(),
        };
        let introspection = IntrospectionContext {
            query: prepared.operation_for_introspection.clone(),
            schema: supergraph.planner.consumer_schema.document.clone(),
            metadata: supergraph.metadata.clone(),
            variables: variables.clone(),
        };
        let names = operation_names(supergraph, operation_name);
        execute_query_plan(QueryPlanExecutionOpts {
            query_plan: plan,
            operation_for_plan: prepared.operation_for_plan.clone(),
            projection_plan: prepared.projection.clone(),
            headers_plan: Arc::default(),
            extensions_plan: Arc::default(),
            variable_values: variables,
            extensions: ExecutionResultExtensions::default(),
            client_request,
            introspection_context: Arc::new(introspection),
            operation_type_name: prepared.root_type_name.clone(),
            operation_kind: prepared.kind.clone(),
            executors: supergraph.executors.clone(),
            jwt_auth_forwarding: None,
            graphql_error_recorder: None,
            demand_control_context: None,
            initial_errors: Vec::new(),
            span:
                hive_router_internal::telemetry::traces::spans::graphql::GraphQLOperationSpan::new(
                ),
            plugin_req_state: Some(plugin_state),
            operation_name_factory: names,
            response_header_sink: Default::default(),
            error_masking_runtime: Arc::new(None),
            connection_fingerprint: None,
        })
        .await
        .map_err(|e| error_body(&e.to_string(), "INTERNAL"))
    }
}

/// One operation to run through the executor.
struct PlanRequest<'a> {
    supergraph: &'a Supergraph,
    prepared: &'a Prepared,
    /// The prepared plan, or for a subscription event the plan completing it.
    plan: &'a QueryPlan,
    query: &'a str,
    operation_name: Option<&'a str>,
    /// The client's variables, coerced once per operation (see [`coerce`]).
    variables: Arc<CoerceVariablesPayload>,
}

/// The client's variables, coerced to the operation's types.
fn coerce(
    supergraph: &Supergraph,
    prepared: &Prepared,
    variables: serde_json::Map<String, Value>,
) -> Result<Arc<CoerceVariablesPayload>, Value> {
    let mut variables: std::collections::HashMap<String, sonic_rs::Value> = variables
        .into_iter()
        .filter_map(|(name, value)| {
            let value = sonic_rs::from_str(&value.to_string()).ok()?;
            Some((name, value))
        })
        .collect();
    collect_variables(
        &prepared.operation_for_plan,
        &mut variables,
        &supergraph.metadata,
    )
    .map(|map| Arc::new(CoerceVariablesPayload { variables_map: map }))
    .map_err(|e| error_body(&e.to_string(), "BAD_USER_INPUT"))
}

/// The raw events of `split`'s subscription fetch, sent to its subgraph with `token`;
/// the stream ends after a failure. The executor's transports start their streams with
/// `spawn_local`, so the subscription runs on the thread of [`crate::local_runtime`].
fn subscribe_remote(
    supergraph: Arc<Supergraph>,
    split: Arc<SubscriptionPlan>,
    coerced: Arc<CoerceVariablesPayload>,
    token: Option<String>,
    operation_name: Option<String>,
) -> BoxStream<'static, Result<SubgraphResponse<'static>, SubgraphExecutorError>> {
    let (sender, receiver) = tokio::sync::mpsc::channel(16);
    crate::local_runtime::spawn(Box::new(move || {
        Box::pin(async move {
            let primary = &split.primary;
            let mut headers = http::HeaderMap::new();
            if let Some(value) =
                token.and_then(|t| http::HeaderValue::from_str(&format!("Bearer {t}")).ok())
            {
                headers.insert(http::header::AUTHORIZATION, value);
            }
            let variables = coerced.variables_map.as_ref().and_then(|values| {
                let usages = primary.variable_usages.as_ref()?;
                Some(
                    usages
                        .iter()
                        .filter_map(|name| values.get_key_value(name.as_str()))
                        .map(|(name, value)| (name.as_str(), value))
                        .collect(),
                )
            });
            let names = operation_names(&supergraph, operation_name.as_deref());
            let request = SubgraphExecutionRequest {
                query: &primary.operation.document_str,
                document_name_write_pos: primary.operation.name_write_position,
                dedupe: false,
                operation_name: names.generate(&primary.service_name, primary.id),
                variables,
                headers,
                raw_variable_values: None,
                extensions: None,
                custom_scalar_paths: primary.custom_scalar_paths.as_ref(),
                connection_fingerprint: None,
            };
            let method = http::Method::POST;
            let uri = http::Uri::from_static("/graphql");
            let client_request = ClientRequestDetails {
                method: &method,
                url: &uri,
                headers: Arc::default(),
                operation: OperationDetails {
                    name: operation_name.as_deref(),
                    query: &primary.operation.document_str,
                    kind: "subscription",
                },
                jwt: Arc::new(JwtRequestDetails::Unauthenticated),
                path_params: Default::default(),
            };
            let subscribed = supergraph
                .executors
                .subscribe(&primary.service_name, request, &client_request)
                .await;
            let mut events = match subscribed {
                Ok(events) => events,
                Err(e) => {
                    let _ = sender.send(Err(e)).await;
                    return;
                }
            };
            while let Some(event) = events.next().await {
                let failed = event.is_err();
                // A closed channel means the client is gone: dropping `events` ends the
                // subgraph's stream too.
                if sender.send(event).await.is_err() || failed {
                    break;
                }
            }
        })
    }));
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|event| (event, receiver))
    })
    .boxed()
}

/// The answer ending a subscription whose subgraph failed it: code INTERNAL, the
/// executor's own code as `reason`, and the subgraph as `service`.
fn subscription_failed(subgraph: &str, error: &SubgraphExecutorError) -> Value {
    serde_json::json!({ "errors": [{
        "message": format!("the subscription to {subgraph} failed: {error}"),
        "extensions": { "code": "INTERNAL", "reason": error.error_code(), "service": subgraph },
    }] })
}

/// How fetches are named for the subgraphs (after the client's operation, where the
/// traffic settings allow).
fn operation_names(supergraph: &Supergraph, operation_name: Option<&str>) -> OperationNameFactory {
    OperationNameFactory::new(
        Arc::new(OperationNameForwardConfig::new(
            &supergraph.traffic,
            supergraph.planner.supergraph.subgraph_endpoint_map.keys(),
        )),
        operation_name,
    )
}

/// The answer in `body`, with the fields the caller may not see marked and the errors of
/// failed fetches at the fields they cost.
fn answer_of(body: &[u8], prepared: &Prepared) -> Value {
    match serde_json::from_slice(body) {
        Ok(mut answer) => {
            crate::policy::mark_withheld(&mut answer, &prepared.withheld);
            crate::fetch_errors::place(&mut answer, &prepared.fetches);
            answer
        }
        Err(e) => error_body(&format!("unreadable federated response: {e}"), "INTERNAL"),
    }
}

fn kind_name(
    kind: &hive_router_query_planner::state::supergraph_state::OperationKind,
) -> &'static str {
    use hive_router_query_planner::state::supergraph_state::OperationKind;
    match kind {
        OperationKind::Query => "query",
        OperationKind::Mutation => "mutation",
        OperationKind::Subscription => "subscription",
    }
}

/// A response with one error and no data.
fn error_body(message: &str, code: &str) -> Value {
    serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": code } }] })
}

/// The local SDL and every remote one, fetched with `{ _service { sdl } }`.
async fn fetch_sdls(
    http: &reqwest::Client,
    config: &FederationConfig,
    local_sdl: &str,
    local_url: &str,
) -> anyhow::Result<Vec<SubgraphSdl>> {
    let mut subgraphs = vec![SubgraphSdl {
        name: LOCAL_SUBGRAPH.into(),
        url: local_url.into(),
        sdl: local_sdl.into(),
    }];
    for remote in &config.subgraphs {
        let failed = |message: String| ReloadError::Fetch {
            name: remote.name.clone(),
            message,
        };
        let response = http
            .post(&remote.url)
            .timeout(remote.timeout.max(Duration::from_secs(2)))
            .json(&serde_json::json!({ "query": "{ _service { sdl } }" }))
            .send()
            .await
            .map_err(|e| failed(format!("unreachable at {}: {e}", remote.url)))?;
        let status = response.status();
        let body: Value = response
            .json()
            .await
            .map_err(|e| failed(format!("HTTP {status}, not a GraphQL response: {e}")))?;
        let sdl = body
            .pointer("/data/_service/sdl")
            .and_then(Value::as_str)
            .ok_or_else(|| failed(format!("HTTP {status}, no _service.sdl in the answer")))?;
        subgraphs.push(SubgraphSdl {
            name: remote.name.clone(),
            url: remote.url.clone(),
            sdl: sdl.to_owned(),
        });
    }
    Ok(subgraphs)
}

/// Fetches and composes the supergraph as `cctns compose` prints it, with `local_url` as
/// the local graph's endpoint.
pub async fn compose_supergraph(
    config: &FederationConfig,
    local_sdl: &str,
    local_url: &str,
) -> anyhow::Result<String> {
    let http = reqwest::Client::new();
    let subgraphs = fetch_sdls(&http, config, local_sdl, local_url).await?;
    Ok(compose(&subgraphs)?)
}
