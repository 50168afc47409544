//! Execute: an admitted operation on the local graph, with a fresh request context and
//! batched loads; queries and mutations take their turn (at most so many at once, first
//! come first served) within the request timeout; subscriptions stream.

use schema::RequestContext;
use schema::audit::Actor;
use schema::error::{ApiError, Limit};
use schema::policy::Principal;

use super::{AppState, AuditUnavailable, ResponseStream};

/// Runs `request` on the local graph: the whole of an operation without remote subgraphs,
/// and each of the local graph's fetches when there are.
pub(crate) async fn execute_local(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
    operation_name: Option<String>,
) -> Result<async_graphql::Response, AuditUnavailable> {
    let actor = Actor::of(&principal, client.clone());
    let query = request.query.clone();
    let (context, batches) = context(state, principal, client);
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
            ApiError::over_limit(
                Limit::Timeout,
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

/// The responses of an admitted subscription on the local graph, each finished as a
/// query's response is.
pub(super) fn subscribe(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
    request: async_graphql::Request,
) -> ResponseStream {
    use futures_util::StreamExt;
    let actor = Actor::of(&principal, client.clone());
    let operation_name = request.operation_name.clone();
    let query = request.query.clone();
    let (context, batches) = context(state, principal, client);
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

/// A request context for `principal`, with the client's address and the event hub.
fn context(
    state: &AppState,
    principal: Principal,
    client: Option<String>,
) -> (RequestContext, schema::loader::BatchQueue) {
    let (mut context, batches) = RequestContext::new(state.inner.db.clone(), principal);
    context.client_addr = client;
    context.events = Some(state.inner.events.clone());
    (context, batches)
}

/// The permits of `configured` (0: four per CPU core).
pub(super) fn permits(configured: usize) -> usize {
    match configured {
        0 => 4 * std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
}
