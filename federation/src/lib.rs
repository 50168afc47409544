//! The federation gateway: the local graph composed with other agencies' subgraphs (a
//! forensic lab, a state's e-Prosecution) and served at the same endpoint, with the same
//! identity and policy.
//!
//! - [`config`]: which subgraphs, from flags or `cctns.toml`.
//! - [`compose`]: their SDLs into one supergraph (`graphql-composition`).
//! - [`supergraph`]: one composed supergraph with its planner (`hive-router-query-planner`),
//!   its executors (`hive-router-plan-executor`) and its plan cache.
//! - [`subgraphs`]: how each fetch reaches its subgraph: the local graph in-process with the
//!   caller's principal, remote ones over HTTP with a token the gateway signs ([`signing`]).
//! - [`Federation`]: the live supergraph, its reloads, and one operation's way through it.

pub mod compose;
pub mod config;
mod federation;
mod fetch_errors;
mod local_runtime;
pub mod policy;
pub mod signing;
mod subgraphs;
pub mod supergraph;

pub use config::{Claim, FederationConfig, LOCAL_SUBGRAPH, SubgraphConfig};
pub use federation::{Federation, IN_PROCESS_URL, ReloadError, compose_supergraph};
pub use policy::Grants;
pub use subgraphs::{Caller, LocalGraph};
pub use supergraph::{Prepared, Route, Supergraph, Unplanned};

/// What several modules' unit tests read from a response.
#[cfg(test)]
mod test_support {
    use serde_json::Value;

    /// The `path` of every error of `answer`, in order.
    pub(crate) fn error_paths(answer: &Value) -> Vec<&Value> {
        answer["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["path"])
            .collect()
    }
}
