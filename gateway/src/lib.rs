//! The `cctns` gateway: CLI, configuration, JWT verification and the HTTP transport over
//! the [`schema`] crate. No SQL lives here.

pub mod auth;
pub mod cli;
pub mod config;
pub mod federated;
pub mod graphiql;
pub mod http_guard;
mod metrics;
pub mod rate_limit;
pub mod refused_tokens;
pub mod request_id;
pub mod server;
pub mod telemetry;
mod ws;
