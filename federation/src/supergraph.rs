//! One composed supergraph: its planner, its subgraph executors, and the operations already
//! prepared against it: parsed, validated and normalized once per document and caller
//! grants, planned once per normalized operation.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use graphql_tools::validation::rules::default_rules_validation_plan;
use graphql_tools::validation::validate::{ValidationPlan, validate};
use hive_router_config::subscriptions::{
    SupergraphSubscriptionsConfig, WebSocketConfig, WebSocketSubgraphConfig,
};
use hive_router_plan_executor::SubgraphExecutorMap;
use hive_router_plan_executor::introspection::partition::partition_operation;
use hive_router_plan_executor::introspection::schema::{SchemaMetadata, SchemaWithMetadata};
use hive_router_plan_executor::projection::plan::FieldProjectionPlan;
use hive_router_query_planner::ast::normalization::normalize_operation;
use hive_router_query_planner::ast::operation::OperationDefinition;
use hive_router_query_planner::graph::PlannerOverrideContext;
use hive_router_query_planner::planner::plan_nodes::{
    FetchNode, PlanNode, QueryPlan, SequenceNode,
};
use hive_router_query_planner::planner::{Planner, QueryPlannerOptions};
use hive_router_query_planner::state::supergraph_state::OperationKind;
use hive_router_query_planner::utils::cancellation::CancellationToken;
use xxhash_rust::xxh3::Xxh3;

use crate::config::{LOCAL_SUBGRAPH, SubgraphConfig, SubscriptionTransport};
use crate::policy::{FieldRules, Grants, RootTypes, Withheld, withhold};

/// Most prepared operations (and plans) kept per supergraph; beyond it a cache starts afresh.
const PREPARED_CAP: usize = 2048;

/// A map from a hash to what was computed for it, holding at most [`PREPARED_CAP`] entries.
struct Capped<V>(Mutex<HashMap<u64, V>>);

impl<V: Clone> Capped<V> {
    fn new() -> Self {
        Self(Mutex::default())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, V>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, key: u64) -> Option<V> {
        self.lock().get(&key).cloned()
    }

    fn insert(&self, key: u64, value: V) {
        let mut map = self.lock();
        if map.len() >= PREPARED_CAP {
            map.clear();
        }
        map.insert(key, value);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

/// A composed supergraph, ready to plan and execute against.
pub struct Supergraph {
    /// The supergraph SDL (`cctns compose` prints it).
    pub sdl: String,
    pub(crate) planner: Planner,
    pub(crate) metadata: Arc<SchemaMetadata>,
    pub(crate) executors: Arc<SubgraphExecutorMap>,
    pub(crate) traffic: hive_router_config::traffic_shaping::SupergraphTrafficShapingConfig,
    validation: ValidationPlan,
    rules: FieldRules,
    /// Routes by document, operation name and grants.
    prepared: Capped<Arc<Route>>,
    /// Plans by normalized operation (after the caller's withheld fields are taken out), so
    /// documents that differ only in spelling share one.
    plans: Capped<Arc<QueryPlan>>,
}

impl std::fmt::Debug for Supergraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Supergraph")
            .field("sdl_bytes", &self.sdl.len())
            .finish()
    }
}

/// How one operation is served.
#[derive(Debug)]
pub enum Route {
    /// Entirely by the local graph: the request runs there unchanged, as it would with no
    /// remote subgraph configured.
    Local,
    /// Across subgraphs, by the plan.
    Federated(Arc<Prepared>),
    /// Refused before any fetch: the errors say why (code `GRAPHQL_VALIDATION_FAILED`).
    Invalid(Vec<String>),
}

/// An operation prepared against the supergraph.
#[derive(Debug)]
pub struct Prepared {
    pub(crate) operation_for_plan: Arc<OperationDefinition>,
    pub(crate) operation_for_introspection: Option<Arc<OperationDefinition>>,
    pub(crate) projection: Arc<Vec<FieldProjectionPlan>>,
    pub(crate) root_type_name: String,
    pub(crate) kind: OperationKind,
    pub(crate) plan: Arc<QueryPlan>,
    /// The subgraphs the plan fetches from.
    pub subgraphs: Vec<String>,
    /// Fields taken out because the caller may not see them.
    pub withheld: Vec<Withheld>,
    /// What each fetch fills, to place the errors of one that fails.
    pub(crate) fetches: Vec<crate::fetch_errors::FetchFields>,
    /// For a subscription: how it is subscribed to and how each event is completed.
    pub(crate) subscription: Option<Arc<SubscriptionPlan>>,
}

/// A remote subgraph's subscription, split for the gateway to run: the subscription
/// itself, and the plan that completes each of its events from the other subgraphs.
#[derive(Debug)]
pub(crate) struct SubscriptionPlan {
    /// The subscription fetch, sent once to the subgraph that offers it.
    pub primary: FetchNode,
    /// Per event: that fetch (answered with the event itself), then the rest of the plan.
    pub per_event: QueryPlan,
}

impl SubscriptionPlan {
    /// The split of `plan`, when it is a subscription's.
    fn of(plan: &QueryPlan) -> Option<Self> {
        let (primary, rest) = match plan.node.as_ref()? {
            PlanNode::Subscription(subscription) => (&subscription.primary, &[][..]),
            PlanNode::Sequence(sequence) => match sequence.nodes.split_first()? {
                (PlanNode::Subscription(subscription), rest) => (&subscription.primary, rest),
                _ => return None,
            },
            _ => return None,
        };
        let mut nodes = vec![PlanNode::Fetch(primary.clone())];
        nodes.extend(rest.iter().cloned());
        let node = if nodes.len() == 1 {
            nodes.pop()
        } else {
            Some(PlanNode::Sequence(SequenceNode { nodes }))
        };
        Some(Self {
            primary: primary.clone(),
            per_event: QueryPlan {
                kind: plan.kind,
                node,
            },
        })
    }
}

impl Prepared {
    /// Whether the operation reads the schema itself (`__schema`, `__type`).
    pub fn introspects(&self) -> bool {
        self.operation_for_introspection.is_some()
    }

    /// The query plan, as `cctns plan` prints it.
    pub fn plan_text(&self) -> String {
        self.plan.to_string()
    }
}

impl Supergraph {
    /// Builds the planner and executors of the supergraph `sdl`, whose remote subgraphs are
    /// configured by `remotes`.
    pub fn new(sdl: String, remotes: &[SubgraphConfig]) -> anyhow::Result<Self> {
        let document = hive_router_query_planner::utils::parsing::safe_parse_schema(&sdl)
            .map_err(|e| anyhow::anyhow!("the supergraph does not parse: {e}"))?;
        let planner = Planner::new_from_supergraph(&document, QueryPlannerOptions::default())
            .map_err(|e| anyhow::anyhow!("the supergraph cannot be planned over: {e}"))?;
        let metadata = Arc::new(planner.consumer_schema.schema_metadata());
        let traffic = traffic_shaping(remotes)?;
        // Two TLS back ends are linked in (through the executor's and reqwest's defaults);
        // rustls needs one chosen for the process. A second call finds it chosen.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let telemetry = Arc::new(
            hive_router_internal::telemetry::TelemetryContext::from_propagation_config(
                &Default::default(),
                &Default::default(),
            ),
        );
        let executors = SubgraphExecutorMap::from_http_endpoint_map(
            &planner.supergraph.subgraph_endpoint_map,
            traffic.clone(),
            Default::default(),
            subscription_transports(remotes),
            None,
            telemetry,
            Default::default(),
        )
        .map_err(|e| anyhow::anyhow!("subgraph executors: {e}"))?;
        Ok(Self {
            sdl,
            planner,
            metadata,
            executors: Arc::new(executors),
            traffic,
            validation: default_rules_validation_plan(),
            rules: FieldRules::of(&document),
            prepared: Capped::new(),
            plans: Capped::new(),
        })
    }

    /// How `query` (operation `operation_name`) is served to a caller holding `grants`,
    /// prepared once per document and grants.
    pub fn route(&self, query: &str, operation_name: Option<&str>, grants: &Grants) -> Arc<Route> {
        let mut hasher = Xxh3::new();
        query.hash(&mut hasher);
        operation_name.hash(&mut hasher);
        grants.hash(&mut hasher);
        let key = hasher.finish();
        if let Some(route) = self.prepared.get(key) {
            return route;
        }
        let route = Arc::new(self.prepare(query, operation_name, grants));
        self.prepared.insert(key, route.clone());
        route
    }

    fn prepare(&self, query: &str, operation_name: Option<&str>, grants: &Grants) -> Route {
        let prepared = match self.plan(query, operation_name, Some(grants)) {
            Ok(prepared) => prepared,
            // The local graph refuses what does not parse in its own words, and serves
            // subscriptions (its events) itself.
            Err(Unplanned::Unparsed(_) | Unplanned::Subscription) => return Route::Local,
            Err(Unplanned::Invalid(messages)) => return Route::Invalid(messages),
        };
        let local_only = !prepared.subgraphs.is_empty()
            && prepared.subgraphs.iter().all(|s| s == LOCAL_SUBGRAPH);
        // With a field withheld, the local graph alone could not run the client's document.
        if local_only && !prepared.introspects() && prepared.withheld.is_empty() {
            Route::Local
        } else {
            Route::Federated(Arc::new(prepared))
        }
    }

    /// Parses, validates, normalizes and plans `query` against the supergraph; with
    /// `grants`, without the fields they do not reach (see [`crate::policy`]).
    pub fn plan(
        &self,
        query: &str,
        operation_name: Option<&str>,
        grants: Option<&Grants>,
    ) -> Result<Prepared, Unplanned> {
        let document = hive_router_query_planner::utils::parsing::safe_parse_operation(query)
            .map_err(|e| Unplanned::Unparsed(e.to_string()))?;
        let subscription = selects_subscription(&document, operation_name);
        let schema = &self.planner.consumer_schema.document;
        let errors = validate(schema, &document, &self.validation);
        if !errors.is_empty() {
            // The local graph's own subscriptions (its events) are not in the supergraph.
            if subscription {
                return Err(Unplanned::Subscription);
            }
            return Err(Unplanned::Invalid(
                errors.into_iter().map(|e| e.message).collect(),
            ));
        }
        let (document, withheld) = match grants {
            Some(grants) if !self.rules.is_empty() => {
                withhold(&self.rules, document, &RootTypes::default(), grants)
            }
            _ => (document, Vec::new()),
        };
        let normalized = normalize_operation(&self.planner.supergraph, &document, operation_name)
            .map_err(|e| Unplanned::Invalid(vec![e.to_string()]))?;
        let operation = normalized.operation;
        let kind = operation
            .operation_kind
            .clone()
            .unwrap_or(OperationKind::Query);
        let (root_type_name, projection) =
            FieldProjectionPlan::from_operation(&operation, &self.metadata);
        let root_type_name = root_type_name.to_owned();
        let partitioned = partition_operation(operation);
        let operation_for_plan = Arc::new(partitioned.downstream_operation);
        let plan = self.plan_of(&operation_for_plan)?;
        let mut subgraphs = Vec::new();
        let mut fetches = Vec::new();
        if let Some(node) = &plan.node {
            fetched_subgraphs(node, &mut subgraphs);
            crate::fetch_errors::of_plan(node, "", &mut fetches);
        }
        let subscription = match kind {
            OperationKind::Subscription => {
                let split = SubscriptionPlan::of(&plan).ok_or_else(|| {
                    Unplanned::Invalid(vec!["the subscription has no subscription fetch".into()])
                })?;
                // The local graph serves its own subscriptions (its events) directly.
                if split.primary.service_name == LOCAL_SUBGRAPH {
                    return Err(Unplanned::Subscription);
                }
                Some(Arc::new(split))
            }
            _ => None,
        };
        Ok(Prepared {
            operation_for_plan,
            operation_for_introspection: partitioned.introspection_operation.map(Arc::new),
            projection: Arc::new(projection),
            root_type_name,
            kind,
            plan,
            subgraphs,
            withheld,
            fetches,
            subscription,
        })
    }

    /// The plan of a normalized operation, made once.
    fn plan_of(&self, operation: &OperationDefinition) -> Result<Arc<QueryPlan>, Unplanned> {
        let key = operation.hash();
        if let Some(plan) = self.plans.get(key) {
            return Ok(plan);
        }
        let plan = self
            .planner
            .plan_from_normalized_operation(
                operation,
                PlannerOverrideContext::default(),
                &CancellationToken::new(),
            )
            .map_err(|e| Unplanned::Invalid(vec![format!("no plan: {e}")]))?;
        let plan = Arc::new(plan);
        self.plans.insert(key, plan.clone());
        Ok(plan)
    }
}

/// Why an operation has no plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplanned {
    /// The document does not parse.
    Unparsed(String),
    /// It is not valid against the supergraph.
    Invalid(Vec<String>),
    /// It is a subscription of the local graph (its events, served by it directly).
    Subscription,
}

impl std::fmt::Display for Unplanned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unplanned::Unparsed(message) => write!(f, "the document does not parse: {message}"),
            Unplanned::Invalid(messages) => f.write_str(&messages.join("; ")),
            Unplanned::Subscription => f.write_str("subscriptions are not planned"),
        }
    }
}

/// Whether the operation `operation_name` of `document` (or its only one) is a
/// subscription.
fn selects_subscription(
    document: &graphql_tools::parser::query::Document<'static, String>,
    operation_name: Option<&str>,
) -> bool {
    use graphql_tools::parser::query::{Definition, OperationDefinition};
    let operations: Vec<&OperationDefinition<'static, String>> = document
        .definitions
        .iter()
        .filter_map(|d| match d {
            Definition::Operation(operation) => Some(operation),
            Definition::Fragment(_) => None,
        })
        .collect();
    let name_of = |operation: &OperationDefinition<'static, String>| match operation {
        OperationDefinition::Query(q) => q.name.clone(),
        OperationDefinition::Mutation(m) => m.name.clone(),
        OperationDefinition::Subscription(s) => s.name.clone(),
        OperationDefinition::SelectionSet(_) => None,
    };
    let selected = match operation_name {
        Some(name) => operations
            .into_iter()
            .find(|o| name_of(o).as_deref() == Some(name)),
        None if operations.len() == 1 => operations.into_iter().next(),
        None => None,
    };
    matches!(selected, Some(OperationDefinition::Subscription(_)))
}

/// Every subgraph a plan node fetches from, in plan order, once each.
fn fetched_subgraphs(node: &PlanNode, into: &mut Vec<String>) {
    let name = match node {
        PlanNode::Fetch(fetch) => &fetch.service_name,
        PlanNode::BatchFetch(fetch) => &fetch.service_name,
        PlanNode::Subscription(subscription) => &subscription.primary.service_name,
        PlanNode::Flatten(flatten) => return fetched_subgraphs(&flatten.node, into),
        PlanNode::Sequence(sequence) => {
            return sequence
                .nodes
                .iter()
                .for_each(|n| fetched_subgraphs(n, into));
        }
        PlanNode::Parallel(parallel) => {
            return parallel
                .nodes
                .iter()
                .for_each(|n| fetched_subgraphs(n, into));
        }
        PlanNode::Condition(condition) => {
            return [&condition.if_clause, &condition.else_clause]
                .into_iter()
                .flatten()
                .for_each(|n| fetched_subgraphs(n, into));
        }
        PlanNode::Defer(_) => return,
    };
    if !into.contains(name) {
        into.push(name.clone());
    }
}

/// The remote subgraphs whose subscriptions are reached over WebSocket; the others over
/// an HTTP stream.
fn subscription_transports(remotes: &[SubgraphConfig]) -> SupergraphSubscriptionsConfig {
    let websocket: HashMap<String, WebSocketSubgraphConfig> = remotes
        .iter()
        .filter(|remote| remote.subscriptions == SubscriptionTransport::Websocket)
        .map(|remote| (remote.name.clone(), WebSocketSubgraphConfig::default()))
        .collect();
    SupergraphSubscriptionsConfig {
        websocket: (!websocket.is_empty()).then_some(WebSocketConfig {
            all: None,
            subgraphs: websocket,
        }),
        ..Default::default()
    }
}

/// Timeouts and circuit breakers: each remote subgraph's own timeout; a breaker that opens
/// when half of the last 5 fetches failed (unreachable, timed out or answered 5xx) and lets
/// fetches through again after 10 s.
/// How long a pooled connection to a remote subgraph may stay idle (below the 5 s after
/// which common Node servers close it).
const POOL_IDLE: std::time::Duration = std::time::Duration::from_secs(4);

fn traffic_shaping(
    remotes: &[SubgraphConfig],
) -> anyhow::Result<hive_router_config::traffic_shaping::SupergraphTrafficShapingConfig> {
    let subgraphs: serde_json::Map<String, serde_json::Value> = remotes
        .iter()
        .map(|remote| {
            let config = serde_json::json!({
                "request_timeout": format!("{}ms", remote.timeout.as_millis()),
                "circuit_breaker": {
                    "enabled": true,
                    "error_threshold": "50%",
                    "volume_threshold": 5,
                    "reset_timeout": "10s",
                    "error_status_codes": ["5xx"],
                },
            });
            (remote.name.clone(), config)
        })
        .collect();
    // An idle pooled connection is dropped before a peer's server would close it: Node's
    // HTTP server (Apollo Server, GraphQL Yoga) closes idle keep-alive connections after
    // 5 s, and a request sent on one just as it closes fails with a connection reset.
    let all = serde_json::json!({ "pool_idle_timeout": format!("{}ms", POOL_IDLE.as_millis()) });
    let config: hive_router_config::traffic_shaping::TrafficShapingConfig =
        serde_json::from_value(serde_json::json!({ "all": all, "subgraphs": subgraphs }))
            .map_err(|e| anyhow::anyhow!("traffic shaping: {e}"))?;
    Ok((&config).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_connections_to_remote_subgraphs_close_before_a_node_server_would() {
        let shaping = traffic_shaping(&[]).expect("traffic shaping");
        assert_eq!(shaping.all.pool_idle_timeout, POOL_IDLE);
        assert!(POOL_IDLE < std::time::Duration::from_secs(5));
    }
    use crate::compose::{SubgraphSdl, compose};

    /// The local graph with FIRs, and a lab whose subscription returns reports on them.
    fn supergraph() -> Supergraph {
        let lab = r#"
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
            type Fir @key(fields: "id") { id: ID! }
            type Report { id: ID! fir: Fir! }
            type Query { report(id: ID!): Report }
            type Subscription { reportIssued: Report! }
        "#;
        let sdl = compose(&[
            SubgraphSdl::at_test_address(LOCAL_SUBGRAPH, crate::compose::tests::LOCAL),
            SubgraphSdl::at_test_address("lab", lab),
        ])
        .unwrap();
        Supergraph::new(sdl, &[]).unwrap()
    }

    #[test]
    fn a_crossing_subscription_is_split_into_the_subscription_and_its_per_event_plan() {
        let prepared = supergraph()
            .plan(
                "subscription { reportIssued { id fir { number } } }",
                None,
                None,
            )
            .unwrap();
        let split = prepared.subscription.expect("a subscription plan");
        assert_eq!(split.primary.service_name, "lab");
        let Some(PlanNode::Sequence(sequence)) = &split.per_event.node else {
            panic!("{}", split.per_event);
        };
        // The event answers the first fetch; the local graph completes it after.
        assert!(matches!(&sequence.nodes[0], PlanNode::Fetch(f) if f.service_name == "lab"));
        let mut rest = Vec::new();
        sequence.nodes[1..]
            .iter()
            .for_each(|n| fetched_subgraphs(n, &mut rest));
        assert_eq!(rest, [LOCAL_SUBGRAPH]);
        assert_eq!(prepared.subgraphs, ["lab", LOCAL_SUBGRAPH]);

        let alone = supergraph()
            .plan("subscription { reportIssued { id } }", None, None)
            .unwrap();
        let split = alone.subscription.expect("a subscription plan");
        assert!(matches!(split.per_event.node, Some(PlanNode::Fetch(_))));

        let query = supergraph()
            .plan("{ fir(id: 1) { number } }", None, None)
            .unwrap();
        assert!(query.subscription.is_none());
    }

    #[test]
    fn documents_that_normalize_alike_share_one_plan() {
        let supergraph = supergraph();
        let grants = Grants::default();
        for document in [
            "{ fir(id: 1) { number } }",
            "query { fir(id: 1) { number } }",
            "query Named { fir(id: 1) { ...N } } fragment N on Fir { number }",
            "{ fir(id: 1) { number number } }",
        ] {
            assert!(matches!(
                *supergraph.route(document, None, &grants),
                Route::Local
            ));
        }
        assert_eq!(supergraph.prepared.len(), 4, "one route per document");
        assert_eq!(supergraph.plans.len(), 1, "one plan for them all");
        supergraph.route("{ fir(id: 2) { number } }", None, &grants);
        assert_eq!(supergraph.plans.len(), 2);
    }
}
