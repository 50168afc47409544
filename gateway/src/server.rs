//! The HTTP surface: routes, identity extraction, GraphQL over HTTP, health and metrics.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_graphql::parser::types::OperationType;
use async_graphql_axum::{GraphQLBatchRequest, GraphQLRequest};
use axum::Router;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use federation::Federation;
use schema::audit::{self, Actor};
use schema::db::SqlStats;
use schema::error::{ApiError, ErrorCode, ensure_codes};
use schema::events::EventHub;
use schema::operations::Safelist;
use schema::policy::Principal;
use schema::{Graph, RequestContext, SchemaOptions};
use sea_orm::DatabaseConnection;

use crate::auth::Verifier;
use crate::graphiql;
use crate::metrics::{Gauges, Metrics};
use crate::rate_limit::{RateLimiter, RateLimits};
use crate::refused_tokens::RefusalTally;

/// Everything a handler needs, shared by all requests.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    graph: Graph,
    safelist: Option<Safelist>,
    events: Arc<EventHub>,
    connections: Arc<crate::ws::Connections>,
    db: DatabaseConnection,
    stats: SqlStats,
    verifier: Verifier,
    graphiql: bool,
    max_body_bytes: usize,
    max_batch: usize,
    request_timeout: Duration,
    /// Permits to execute a query or mutation on the local graph.
    executing: tokio::sync::Semaphore,
    production: bool,
    rate_limiter: RateLimiter,
    /// Refused tokens not yet on the audit trail.
    refusals: RefusalTally,
    metrics: Metrics,
    /// The supergraph over remote subgraphs, when any is configured ([`federate`]).
    federation: std::sync::OnceLock<Arc<Federation>>,
}

/// Transport settings of the router.
#[derive(Debug, Clone)]
pub struct RouterOptions {
    /// Serve the GraphiQL explorer on `GET /graphql` for browsers.
    pub graphiql: bool,
    /// Largest accepted request body in bytes (larger: 413).
    pub max_body_bytes: usize,
    /// What one GraphQL document may ask, how documents are cached, and the production
    /// posture (also: the schema is shown only to officers).
    pub schema: SchemaOptions,
    /// Run only registered operations (`cctns operations add`).
    pub safelist: bool,
    /// Most operations in one JSON-array batch.
    pub max_batch: usize,
    /// Longest one operation may run (waiting for its turn included).
    pub request_timeout: Duration,
    /// Queries and mutations executed at once on the local graph; more wait their turn,
    /// first come first served (0: four per CPU core). Under more concurrent clients
    /// than the machine can serve, throughput then holds instead of falling to
    /// contention, and latency grows evenly for all.
    pub max_concurrent_operations: usize,
    /// Browser origins allowed to call the gateway (CORS); none: no cross-origin access.
    pub cors_origins: Vec<String>,
    /// Operations per minute per caller.
    pub rate_limits: RateLimits,
    /// Refused tokens are audited as one record per client address and this window
    /// (zero: one record per refusal).
    pub refused_token_window: Duration,
}

impl Default for RouterOptions {
    /// Development settings with the documented default limits.
    fn default() -> Self {
        Self {
            graphiql: true,
            max_body_bytes: 256 * 1024,
            schema: SchemaOptions::default(),
            safelist: false,
            max_batch: 10,
            request_timeout: Duration::from_secs(30),
            max_concurrent_operations: 0,
            cors_origins: Vec::new(),
            rate_limits: RateLimits::default(),
            refused_token_window: crate::refused_tokens::DEFAULT_WINDOW,
        }
    }
}

/// Builds the gateway's router over an open database.
pub fn router(
    db: DatabaseConnection,
    stats: SqlStats,
    verifier: Verifier,
    events: Arc<EventHub>,
    options: &RouterOptions,
) -> Router {
    app(db, stats, verifier, events, options).1
}

/// [`router`], with the state it serves (for [`federate`]).
pub fn app(
    db: DatabaseConnection,
    stats: SqlStats,
    verifier: Verifier,
    events: Arc<EventHub>,
    options: &RouterOptions,
) -> (AppState, Router) {
    let state = AppState {
        inner: Arc::new(Inner {
            graph: Graph::new(&options.schema),
            safelist: options.safelist.then(|| Safelist::new(db.clone())),
            events,
            connections: Arc::default(),
            db,
            stats,
            verifier,
            graphiql: options.graphiql,
            max_body_bytes: options.max_body_bytes,
            max_batch: options.max_batch,
            request_timeout: options.request_timeout,
            executing: tokio::sync::Semaphore::new(concurrent_operations(
                options.max_concurrent_operations,
            )),
            production: options.schema.production,
            rate_limiter: RateLimiter::new(options.rate_limits),
            refusals: RefusalTally::new(options.refused_token_window),
            metrics: Metrics::default(),
            federation: std::sync::OnceLock::new(),
        }),
    };
    keep_auditing_refusals(&state);
    (state.clone(), routes(state, options))
}

/// Writes each closed window of refused tokens to the audit trail, looking every half
/// window, for as long as the gateway runs (when a runtime is there to run it).
fn keep_auditing_refusals(state: &AppState) {
    let window = state.inner.refusals.window();
    if window.is_zero() {
        return;
    }
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let weak = state.downgrade();
    runtime.spawn(async move {
        let mut every = tokio::time::interval((window / 2).max(Duration::from_millis(50)));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let Some(state) = AppState::upgrade(&weak) else {
                return;
            };
            let closed = state.inner.refusals.take_closed(chrono::Utc::now());
            state.audit_refusals(&closed).await;
        }
    });
}

/// The gateway's routes over `state`.
fn routes(state: AppState, options: &RouterOptions) -> Router {
    let router = Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route(
            &format!("{}/{{name}}", graphiql::ASSET_PREFIX),
            get(graphiql::asset),
        )
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/schema.graphql", get(sdl))
        .route("/.well-known/jwks.json", get(crate::federated::jwks))
        .layer(DefaultBodyLimit::max(options.max_body_bytes))
        .layer(axum::middleware::from_fn(crate::request_id::propagate));
    let router = match crate::http_guard::cors(&options.cors_origins) {
        Some(cors) => router.layer(cors),
        None => router,
    };
    router.with_state(state)
}

/// A JSON GraphQL error body with a contract code.
pub(crate) fn error_response(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code.as_str() } }]
    });
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.to_string(),
    )
        .into_response()
}

/// The caller, from a verified `Authorization: Bearer` header (none: anonymous).
pub struct Caller(pub Principal);

/// The client's network address as this server saw it (the TCP peer; forwarding headers
/// are not trusted), for the audit trail.
fn client_addr(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}

/// Why a caller was not identified.
pub(crate) enum Unidentified {
    /// The token was refused (the refusal is counted for the audit trail).
    Refused,
    /// The token was refused, and the client's address has used up its rate: whole
    /// seconds until it may try again.
    OverRate(u64),
    /// The identity could not be checked (database unreachable).
    Unavailable(ApiError),
}

/// Identifies a caller from the value of an `Authorization` header (or a WebSocket
/// `connection_init` payload): none is the anonymous principal; a token must verify and
/// name a known unit. Every refusal is audited (CJIS: unsuccessful logon attempts, counted
/// per address and minute) and takes an operation from the address's anonymous rate.
pub(crate) async fn identify(
    state: &AppState,
    authorization: Option<&str>,
    client: Option<String>,
) -> Result<Principal, Unidentified> {
    identify_until(state, authorization, client)
        .await
        .map(|(principal, _)| principal)
}

/// [`identify`], with the token's expiry (`exp`, seconds since the epoch) if there was one.
pub(crate) async fn identify_until(
    state: &AppState,
    authorization: Option<&str>,
    client: Option<String>,
) -> Result<(Principal, Option<i64>), Unidentified> {
    let Some(value) = authorization else {
        return Ok((Principal::anonymous(), None));
    };
    let refuse = |sub: Option<String>, reason: String| async move {
        state.refuse_token(client, sub, &reason).await
    };
    let Some(token) = value.strip_prefix("Bearer ") else {
        return Err(refuse(None, "malformed Authorization header".into()).await);
    };
    let claims = match state.inner.verifier.verify(token.trim()) {
        Ok(claims) => claims,
        Err(e) => {
            tracing::info!(reason = %e.0, "token refused");
            return Err(refuse(None, e.0).await);
        }
    };
    match schema::identity::resolve_principal(&state.inner.db, &claims).await {
        Ok(principal) => Ok((principal, Some(claims.exp))),
        Err(ApiError {
            code: ErrorCode::Unauthenticated,
            message,
            ..
        }) => {
            tracing::info!(reason = %message, sub = %claims.sub, "token refused");
            Err(refuse(Some(claims.sub.clone()), message).await)
        }
        Err(e) => Err(Unidentified::Unavailable(e)),
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let authorization = match parts.headers.get(header::AUTHORIZATION) {
            None => None,
            Some(value) => Some(value.to_str().unwrap_or("")),
        };
        match identify(state, authorization, client_addr(parts)).await {
            Ok(principal) => Ok(Caller(principal)),
            Err(Unidentified::Refused) => Err(error_response(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthenticated,
                "invalid token",
            )),
            Err(Unidentified::OverRate(seconds)) => Err(rate_limited_response(seconds)),
            Err(Unidentified::Unavailable(e)) => Err(error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                e.code,
                &e.message,
            )),
        }
    }
}

/// Rejection for unreadable GraphQL requests: `BAD_USER_INPUT`, 400.
pub struct BadRequest(async_graphql::ParseRequestError);

impl From<async_graphql::ParseRequestError> for BadRequest {
    fn from(err: async_graphql::ParseRequestError) -> Self {
        BadRequest(err)
    }
}

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        match self.0 {
            async_graphql::ParseRequestError::PayloadTooLarge => error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::BadUserInput,
                "request body too large",
            ),
            other => error_response(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadUserInput,
                &format!("malformed GraphQL request: {other}"),
            ),
        }
    }
}

/// Whether the client asked for the GraphQL-over-HTTP media type.
fn wants_graphql_response(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/graphql-response+json"))
}

/// The audit trail of a request could not be written, so its response is withheld.
pub(crate) struct AuditUnavailable;

/// Runs one GraphQL operation for `principal` on any transport: a fresh request context,
/// batched loads, contract error codes, and the request's audit trail flushed before
/// the response may leave.
pub(crate) async fn run(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
) -> Result<async_graphql::Response, AuditUnavailable> {
    let started = Instant::now();
    let name = (request.operation_name.clone()).or_else(|| sole_operation_name(&request.query));
    let answer = execute_one(state, principal, client, request, name.clone()).await;
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
async fn execute_one(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
    operation_name: Option<String>,
) -> Result<async_graphql::Response, AuditUnavailable> {
    let request = match state.prepare(request, &principal).await {
        Ok(request) => request,
        Err(refused) => return Ok(async_graphql::Response::from_errors(vec![refused])),
    };
    if let Some(federation) = state.inner.federation.get()
        && !is_subscription(&request)
        && let Some(answer) = crate::federated::answer(
            state,
            federation,
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

/// Runs `request` on the local graph: the whole of [`execute_one`] without remote
/// subgraphs, and each of the local graph's fetches when there are.
pub(crate) async fn execute_local(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
    operation_name: Option<String>,
) -> Result<async_graphql::Response, AuditUnavailable> {
    let actor = Actor::of(&principal, client.clone());
    let query = request.query.clone();
    let (context, batches) = state.context(principal, client);
    let trail = context.audit.clone();
    let limit = state.inner.request_timeout;
    let execution = async {
        let _turn = state.inner.executing.acquire().await;
        batches
            .drive(state.inner.graph.execute(request, context))
            .await
    };
    let response = match tokio::time::timeout(limit, execution).await {
        Ok(response) => response,
        // Dropping the execution rolls back any transaction it had open.
        Err(_) => async_graphql::Response::from_errors(vec![
            ApiError::new(
                ErrorCode::QueryTooComplex,
                format!(
                    "the operation ran longer than {} s and was stopped",
                    limit.as_secs()
                ),
            )
            .into_server_error(),
        ]),
    };
    state
        .finish(response, &trail, &actor, operation_name, &query)
        .await
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
        match state.prepare(request, &principal).await {
            Ok(request) => {
                match crate::federated::subscription(
                    &state,
                    &principal,
                    client.as_deref(),
                    &request,
                ) {
                    Some(remote) => remote,
                    None => subscribe(&state, principal, client, request),
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

/// What a subscription answers: responses, or the audit trail's failure.
pub(crate) type ResponseStream =
    futures_util::stream::BoxStream<'static, Result<async_graphql::Response, AuditUnavailable>>;

/// The responses of an admitted subscription.
fn subscribe(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
) -> ResponseStream {
    use futures_util::StreamExt;
    let actor = Actor::of(&principal, client.clone());
    let operation_name = request.operation_name.clone();
    let query = request.query.clone();
    let (context, batches) = state.context(principal, client);
    let trail = context.audit.clone();
    let stream = batches.drive_stream(state.inner.graph.execute_stream(request, context));
    let state = state.clone();
    stream
        .then(move |response| {
            let (state, trail, actor) = (state.clone(), trail.clone(), actor.clone());
            let (operation_name, query) = (operation_name.clone(), query.clone());
            async move {
                state
                    .finish(response, &trail, &actor, operation_name, &query)
                    .await
            }
        })
        .boxed()
}

/// The permits of `configured` (0: four per CPU core).
fn concurrent_operations(configured: usize) -> usize {
    match configured {
        0 => 4 * std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
}

/// What a caller over their rate is told.
pub(crate) fn rate_message(seconds: u64) -> String {
    format!("too many requests; try again in {seconds} s")
}

/// HTTP 429 `RATE_LIMITED`, with `Retry-After: seconds`.
fn rate_limited_response(seconds: u64) -> Response {
    let mut response = error_response(
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::RateLimited,
        &rate_message(seconds),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

impl AppState {
    /// The open WebSocket connections, per caller.
    pub(crate) fn connections(&self) -> &Arc<crate::ws::Connections> {
        &self.inner.connections
    }

    /// Whole seconds until `principal` (at `client`) may run `operations` more, taking
    /// them from their allowance if they may go on now (then `None`).
    pub(crate) fn over_rate(
        &self,
        principal: &Principal,
        client: Option<&str>,
        operations: usize,
    ) -> Option<u64> {
        let wait = self
            .inner
            .rate_limiter
            .take(principal, client, operations)
            .err()?;
        Some(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
    }

    /// The refusal when `principal` (at `client`) has used up their rate for `operations`
    /// more; none while they may go on.
    fn rate_limited(
        &self,
        principal: &Principal,
        client: Option<&str>,
        operations: usize,
    ) -> Option<Response> {
        let seconds = self.over_rate(principal, client, operations)?;
        Some(rate_limited_response(seconds))
    }

    /// Counts a refused token from `client` (naming `sub`, if it verified) for the audit
    /// trail and against the address's anonymous rate, as one operation: a flood of bad
    /// tokens is refused like any other flood, and audited a row per address and minute.
    async fn refuse_token(
        &self,
        client: Option<String>,
        sub: Option<String>,
        reason: &str,
    ) -> Unidentified {
        let over = self.over_rate(&Principal::anonymous(), client.as_deref(), 1);
        let refusals = &self.inner.refusals;
        refusals.note(client, sub, reason, chrono::Utc::now());
        if refusals.window().is_zero() {
            self.audit_refusals(&refusals.take_closed(chrono::Utc::now()))
                .await;
        }
        over.map_or(Unidentified::Refused, Unidentified::OverRate)
    }

    /// Writes tallies of refused tokens to the audit trail (a failure is logged: the
    /// refusal itself stands).
    async fn audit_refusals(&self, refused: &[schema::audit::RefusedTokens]) {
        if let Err(e) = audit::refused_authentications(&self.inner.db, refused).await {
            tracing::error!(error = %e, "audit record of refused tokens not written");
        }
    }

    /// Writes every refused token still held back to the audit trail, closed window or
    /// not: called once the server has stopped, so none goes unrecorded.
    pub async fn audit_pending_refusals(&self) {
        self.audit_refusals(&self.inner.refusals.take_all()).await;
    }

    /// `request` as the deployment allows `principal` to run it: refused when a safelist
    /// is kept and it is not on it (a registered document sent by hash is filled in); in
    /// production, without introspection unless the caller explores the schema.
    async fn prepare(
        &self,
        mut request: async_graphql::Request,
        principal: &Principal,
    ) -> Result<async_graphql::Request, async_graphql::ServerError> {
        if let Some(safelist) = &self.inner.safelist {
            safelist
                .admit(&mut request)
                .await
                .map_err(ApiError::into_server_error)?;
        }
        if self.inner.production && !schema::policy::explores_schema(principal) {
            request = request.disable_introspection();
        }
        Ok(request)
    }

    /// The federation, once [`crate::federated::federate`] has started it.
    pub(crate) fn federation(&self) -> Option<&Arc<Federation>> {
        self.inner.federation.get()
    }

    /// Starts serving the supergraph `federation` (once per process).
    pub(crate) fn set_federation(&self, federation: Arc<Federation>) {
        self.inner.federation.set(federation).ok();
    }

    /// A weak handle on the state, for the federation's in-process local subgraph (which
    /// the state itself holds).
    pub(crate) fn downgrade(&self) -> std::sync::Weak<Inner> {
        Arc::downgrade(&self.inner)
    }

    /// The state behind a handle from [`AppState::downgrade`], while the gateway runs.
    pub(crate) fn upgrade(weak: &std::sync::Weak<Inner>) -> Option<AppState> {
        weak.upgrade().map(|inner| AppState { inner })
    }

    /// Whether the production posture is on.
    pub(crate) fn production(&self) -> bool {
        self.inner.production
    }

    /// A request context for `principal`, with the client's address and the event hub.
    fn context(
        &self,
        principal: Principal,
        client: Option<String>,
    ) -> (RequestContext, schema::loader::BatchQueue) {
        let (mut context, batches) = RequestContext::new(self.inner.db.clone(), principal);
        context.client_addr = client;
        context.events = Some(self.inner.events.clone());
        (context, batches)
    }

    /// Gives a response its contract codes and writes what it disclosed or was refused
    /// to the audit log; withholds it if that fails.
    pub(crate) async fn finish(
        &self,
        mut response: async_graphql::Response,
        trail: &audit::AuditTrail,
        actor: &Actor,
        operation_name: Option<String>,
        query: &str,
    ) -> Result<async_graphql::Response, AuditUnavailable> {
        ensure_codes(&mut response);
        trail.refused_errors(&response.errors);
        let operation_name = match operation_name {
            None if !trail.is_empty() => sole_operation_name(query),
            given => given,
        };
        if let Err(e) = audit::flush(&self.inner.db, trail, actor, operation_name.as_deref()).await
        {
            // Nothing is shown that the audit trail does not record.
            tracing::error!(error = %e, "audit trail not written; response withheld");
            return Err(AuditUnavailable);
        }
        Ok(response)
    }
}

/// Whether `request` is a subscription.
pub(crate) fn is_subscription(request: &async_graphql::Request) -> bool {
    operation_type(request) == Some(OperationType::Subscription)
}

async fn execute(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
    headers: &HeaderMap,
) -> Response {
    let Ok(response) = run(state, principal, client, request).await else {
        return audit_unavailable();
    };
    // Under application/graphql-response+json, a request that never executed is a 400
    // without a `data` entry.
    if wants_graphql_response(headers)
        && response.data == async_graphql::Value::Null
        && response.is_err()
    {
        let mut body = serde_json::to_value(&response).unwrap_or_default();
        if let Some(fields) = body.as_object_mut() {
            fields.remove("data");
        }
        return answer(StatusCode::BAD_REQUEST, headers, &body);
    }
    answer(StatusCode::OK, headers, &response)
}

/// `body` as the answer, in the media type the client accepts.
fn answer(status: StatusCode, headers: &HeaderMap, body: &impl serde::Serialize) -> Response {
    let content_type = if wants_graphql_response(headers) {
        "application/graphql-response+json"
    } else {
        "application/json"
    };
    match serde_json::to_string(body) {
        Ok(body) => (status, [(header::CONTENT_TYPE, content_type)], body).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "response serialisation failed");
            error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "internal error",
            )
        }
    }
}

async fn graphql_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Response {
    if let Some(refused) = crate::http_guard::csrf_refusal(&headers) {
        return refused;
    }
    let (mut parts, body) = request.into_parts();
    let principal = match Caller::from_request_parts(&mut parts, &state).await {
        Ok(Caller(principal)) => principal,
        Err(response) => return response,
    };
    let client = client_addr(&parts);
    // The whole body, up to the limit: GraphQL extractors stream it without one.
    let body = match axum::body::to_bytes(body, state.inner.max_body_bytes).await {
        Ok(bytes) => axum::body::Body::from(bytes),
        Err(e) if too_long(&e) => {
            return error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::BadUserInput,
                &format!("request body over {} bytes", state.inner.max_body_bytes),
            );
        }
        Err(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadUserInput,
                "request body unreadable",
            );
        }
    };
    let request = axum::extract::Request::from_parts(parts, body);
    let batch = match <GraphQLBatchRequest<BadRequest> as axum::extract::FromRequest<AppState>>::from_request(
        request, &state,
    )
    .await
    {
        Ok(batch) => batch.into_inner(),
        Err(rejection) => return rejection.into_response(),
    };
    if let Some(refused) = state.rate_limited(&principal, client.as_deref(), batch.iter().count()) {
        return refused;
    }
    match batch {
        async_graphql::BatchRequest::Single(request) => {
            execute(&state, principal, client, request, &headers).await
        }
        async_graphql::BatchRequest::Batch(requests) => {
            execute_batch(&state, principal, client, requests, &headers).await
        }
    }
}

/// Whether reading a body failed because it was longer than allowed.
fn too_long(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = e.source();
    }
    false
}

/// Runs a JSON-array batch, one operation after another, answering with an array; more
/// operations than allowed are refused before any runs.
async fn execute_batch(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    requests: Vec<async_graphql::Request>,
    headers: &HeaderMap,
) -> Response {
    let max = state.inner.max_batch;
    if requests.len() > max {
        return error_response(
            StatusCode::BAD_REQUEST,
            ErrorCode::QueryTooComplex,
            &format!(
                "a batch of {} operations; at most {max} are accepted",
                requests.len()
            ),
        );
    }
    let mut responses = Vec::with_capacity(requests.len());
    for request in requests {
        match run(state, principal.clone(), client.clone(), request).await {
            Ok(response) => responses.push(response),
            Err(AuditUnavailable) => return audit_unavailable(),
        }
    }
    answer(StatusCode::OK, headers, &responses)
}

/// The answer when a request's audit trail could not be written.
fn audit_unavailable() -> Response {
    error_response(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Internal,
        "the audit trail could not be written; try again",
    )
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

/// The operation a GET request would run, when it can be determined.
fn operation_type(request: &async_graphql::Request) -> Option<OperationType> {
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

async fn graphql_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Response {
    if headers
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
    {
        let (mut parts, _) = request.into_parts();
        let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
            Ok(upgrade) => upgrade,
            Err(rejection) => return rejection.into_response(),
        };
        return crate::ws::upgrade(state, upgrade, &parts.headers, client_addr(&parts));
    }
    let accepts_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let has_query = request.uri().query().is_some_and(|q| !q.is_empty());
    if accepts_html && !has_query {
        if state.inner.graphiql {
            return graphiql::page().await;
        }
        return error_response(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "GraphiQL is disabled",
        );
    }
    let (mut parts, body) = request.into_parts();
    let caller = match Caller::from_request_parts(&mut parts, &state).await {
        Ok(Caller(principal)) => principal,
        Err(response) => return response,
    };
    let client = client_addr(&parts);
    let request = axum::extract::Request::from_parts(parts, body);
    let graphql =
        match <GraphQLRequest<BadRequest> as axum::extract::FromRequest<AppState>>::from_request(
            request, &state,
        )
        .await
        {
            Ok(request) => request.into_inner(),
            Err(rejection) => return rejection.into_response(),
        };
    if let Some(refused) = state.rate_limited(&caller, client.as_deref(), 1) {
        return refused;
    }
    if operation_type(&graphql) == Some(OperationType::Mutation) {
        let mut response = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadUserInput,
            "mutations are only accepted over POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    execute(&state, caller, client, graphql, &headers).await
}

/// How long `/readyz` waits for the database before saying it is unreachable (a load
/// balancer's probe must get an answer, not wait out the pool's acquire timeout).
const READY_WITHIN: Duration = Duration::from_secs(1);

async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(READY_WITHIN, state.inner.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready").into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
        Err(_) => {
            tracing::warn!("database did not answer within {READY_WITHIN:?}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    let inner = &state.inner;
    let (pool_size, pool_idle) = schema::db::pool_use(&inner.db);
    let body = inner.metrics.render(&Gauges {
        sql_statements: inner.stats.statements(),
        sql_failures: inner.stats.failures(),
        pool_size,
        pool_idle,
        subscriptions: inner.events.subscribers(),
        events_published: inner.events.published(),
    });
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}

async fn sdl(State(state): State<AppState>, Caller(principal): Caller) -> Response {
    if state.inner.production && !schema::policy::explores_schema(&principal) {
        return error_response(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "the schema is shown to officers only",
        );
    }
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        state.inner.graph.sdl(),
    )
        .into_response()
}
