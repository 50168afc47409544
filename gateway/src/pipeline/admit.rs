//! Admit: whether the caller may run an operation now (their rate), and may run this one
//! (the safelist; introspection in production). The document itself is admitted when the
//! graph executes it ([`schema::admission`]: persisted documents, size and shape limits).

use schema::error::ApiError;
use schema::policy::Principal;

use super::AppState;

impl AppState {
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
}

/// What a caller over their rate is told.
pub(crate) fn rate_message(seconds: u64) -> String {
    format!("too many requests; try again in {seconds} s")
}

/// `request` as the deployment allows `principal` to run it: refused when a safelist is
/// kept and it is not on it (a registered document sent by hash is filled in); in
/// production, without introspection unless the caller explores the schema.
pub(super) async fn prepare(
    state: &AppState,
    mut request: async_graphql::Request,
    principal: &Principal,
) -> Result<async_graphql::Request, async_graphql::ServerError> {
    if let Some(safelist) = &state.inner.safelist {
        safelist
            .admit(&mut request)
            .await
            .map_err(ApiError::into_server_error)?;
    }
    if state.inner.production && !schema::policy::explores_schema(principal) {
        request = request.disable_introspection();
    }
    Ok(request)
}
