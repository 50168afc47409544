//! Route: an operation runs on the local graph, unless it crosses into remote subgraphs;
//! then the supergraph ([`crate::federated`]) answers it, through this trait so that the
//! pipeline does not depend on the federation.

use async_trait::async_trait;
use schema::policy::Principal;

use super::{AppState, AuditUnavailable, ResponseStream};

/// Where operations that leave the local graph go.
#[async_trait]
pub(crate) trait Remote: Send + Sync {
    /// Answers `request` when it crosses into remote subgraphs, or refuses one that cannot
    /// be planned; `None` when the local graph alone serves it.
    async fn answer(
        &self,
        state: &AppState,
        principal: &Principal,
        client: Option<&str>,
        request: &async_graphql::Request,
        operation_name: Option<&str>,
    ) -> Option<Result<async_graphql::Response, AuditUnavailable>>;

    /// The events of a subscription that a remote subgraph serves, or its refusal; `None`
    /// when it is the local graph's.
    fn subscription(
        &self,
        state: &AppState,
        principal: &Principal,
        client: Option<&str>,
        request: &async_graphql::Request,
    ) -> Option<ResponseStream>;

    /// The public keys of the tokens the gateway signs for remote subgraphs (a JWKS).
    fn jwks(&self) -> &serde_json::Value;
}
