//! Audit flush: a response gets its contract codes, and what it disclosed or was refused
//! is written to the audit trail before it may leave; when that fails, it is withheld.

use schema::audit::{self, Actor};
use schema::error::ensure_codes;

use super::{AppState, AuditUnavailable, sole_operation_name};

impl AppState {
    /// Gives `response` its contract codes and writes `trail` for `actor`; withholds the
    /// response if that fails.
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
