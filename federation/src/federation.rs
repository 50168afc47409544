//! The live supergraph: composed at start, recomposed on reload (keeping the last good one
//! when a reload fails), and one operation's way through it.

use std::sync::{Arc, RwLock};
use std::time::Duration;

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
use hive_router_plan_executor::headers::compile::compile_headers_plan;
use hive_router_plan_executor::headers::plan::HeaderRulesPlan;
use hive_router_plan_executor::introspection::resolve::IntrospectionContext;
use hive_router_plan_executor::plugin_context::{
    PluginContext, PluginRequestState, RouterHttpRequest,
};
use hive_router_plan_executor::plugin_trait::RouterPluginBoxed;
use hive_router_plan_executor::variables::collect_variables;
use serde_json::Value;

use crate::compose::{CompositionError, SubgraphSdl, compose};
use crate::config::{FederationConfig, LOCAL_SUBGRAPH};
use crate::signing::Signer;
use crate::subgraphs::{Caller, LocalGraph, RequestCaller, SubgraphRouting, Tokens};
use crate::supergraph::{Prepared, Route, Supergraph};

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
        let request = PlanRequest {
            supergraph,
            prepared,
            query,
            operation_name,
            variables,
        };
        let no_headers = ntex::http::HeaderMap::new();
        match self
            .run_plan(request, caller, no_headers, Arc::default())
            .await
        {
            Ok(QueryPlanExecutionResult::Single(output)) => answer_of(&output.body, prepared),
            Ok(QueryPlanExecutionResult::Stream(_)) => error_body(
                "a subscription needs a streaming transport",
                "BAD_USER_INPUT",
            ),
            Err(refused) => refused,
        }
    }

    /// Subscribes `caller` to a subscription of a remote subgraph (the plan's only one;
    /// see [`Supergraph::route`]): each event is an answer. The subscription request
    /// carries the token the gateway signs for that subgraph.
    pub fn subscribe(
        self: Arc<Self>,
        supergraph: Arc<Supergraph>,
        prepared: Arc<Prepared>,
        caller: Caller,
        query: String,
        operation_name: Option<String>,
        variables: serde_json::Map<String, Value>,
    ) -> futures_util::stream::BoxStream<'static, Value> {
        use futures_util::StreamExt;
        let (sender, receiver) = tokio::sync::mpsc::channel::<Value>(16);
        crate::local_runtime::spawn(Box::new(move || {
            Box::pin(async move {
                let mut events = self
                    .subscribe_here(
                        &supergraph,
                        &prepared,
                        caller,
                        &query,
                        operation_name.as_deref(),
                        variables,
                    )
                    .await;
                while let Some(event) = events.next().await {
                    if sender.send(event).await.is_err() {
                        break; // the client is gone: dropping the stream ends the upstream
                    }
                }
            })
        }));
        futures_util::stream::unfold(receiver, |mut receiver| async move {
            receiver.recv().await.map(|event| (event, receiver))
        })
        .boxed()
    }

    /// [`Federation::subscribe`], on the thread that runs it.
    async fn subscribe_here(
        &self,
        supergraph: &Supergraph,
        prepared: &Arc<Prepared>,
        caller: Caller,
        query: &str,
        operation_name: Option<&str>,
        variables: serde_json::Map<String, Value>,
    ) -> futures_util::stream::BoxStream<'static, Value> {
        use futures_util::StreamExt;
        let single = |answer: Value| futures_util::stream::once(async move { answer }).boxed();
        let Some(subgraph) = prepared.subgraphs.first().cloned() else {
            return single(error_body(
                "the subscription fetches nothing",
                "BAD_USER_INPUT",
            ));
        };
        // The executor's subscription path runs no hook; the token reaches the subgraph
        // as a header propagated to it alone.
        let mut headers = ntex::http::HeaderMap::new();
        if caller.principal.identity.is_some() {
            let token = self.tokens.for_subgraph(&subgraph, &caller.principal);
            if let Ok(value) = ntex::http::header::HeaderValue::from_str(&format!("Bearer {token}"))
            {
                headers.insert(ntex::http::header::AUTHORIZATION, value);
            }
        }
        let propagate = match authorization_to(&subgraph) {
            Ok(plan) => Arc::new(plan),
            Err(e) => return single(error_body(&e, "INTERNAL")),
        };
        let request = PlanRequest {
            supergraph,
            prepared: prepared.as_ref(),
            query,
            operation_name,
            variables,
        };
        let owned = Arc::clone(prepared);
        match self.run_plan(request, caller, headers, propagate).await {
            Ok(QueryPlanExecutionResult::Stream(output)) => output
                .body
                .map(move |event| answer_of(&event, &owned))
                .boxed(),
            Ok(QueryPlanExecutionResult::Single(output)) => {
                single(answer_of(&output.body, prepared))
            }
            Err(refused) => single(refused),
        }
    }

    /// Coerces the variables and runs the plan through the executor.
    async fn run_plan(
        &self,
        request: PlanRequest<'_>,
        caller: Caller,
        client_headers: ntex::http::HeaderMap,
        headers_plan: Arc<HeaderRulesPlan>,
    ) -> Result<QueryPlanExecutionResult, Value> {
        let PlanRequest {
            supergraph,
            prepared,
            query,
            operation_name,
            variables,
        } = request;
        let mut variables: std::collections::HashMap<String, sonic_rs::Value> = variables
            .into_iter()
            .filter_map(|(name, value)| {
                let value = sonic_rs::from_str(&value.to_string()).ok()?;
                Some((name, value))
            })
            .collect();
        let coerced = match collect_variables(
            &prepared.operation_for_plan,
            &mut variables,
            &supergraph.metadata,
        ) {
            Ok(map) => CoerceVariablesPayload { variables_map: map },
            Err(e) => return Err(error_body(&e.to_string(), "BAD_USER_INPUT")),
        };
        let coerced = Arc::new(coerced);
        let method = http::Method::POST;
        let uri = http::Uri::from_static("/graphql");
        let client_request = Arc::new(ClientRequestDetails {
            method: &method,
            url: &uri,
            headers: Arc::new(client_headers),
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
            variables: coerced.clone(),
        };
        let names = OperationNameFactory::new(
            Arc::new(OperationNameForwardConfig::new(
                &supergraph.traffic,
                supergraph.planner.supergraph.subgraph_endpoint_map.keys(),
            )),
            operation_name,
        );
        execute_query_plan(QueryPlanExecutionOpts {
            query_plan: &prepared.plan,
            operation_for_plan: prepared.operation_for_plan.clone(),
            projection_plan: prepared.projection.clone(),
            headers_plan,
            extensions_plan: Arc::default(),
            variable_values: coerced,
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
    query: &'a str,
    operation_name: Option<&'a str>,
    variables: serde_json::Map<String, Value>,
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

/// Header rules passing the request's `Authorization` to `subgraph` only.
fn authorization_to(subgraph: &str) -> Result<HeaderRulesPlan, String> {
    let config: hive_router_config::headers::HeadersConfig =
        serde_json::from_value(serde_json::json!({ "subgraphs": { subgraph: { "request": [
            { "propagate": { "named": "authorization" } }
        ] } } }))
        .map_err(|e| format!("header rules: {e}"))?;
    compile_headers_plan(&config).map_err(|e| format!("header rules: {e}"))
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
