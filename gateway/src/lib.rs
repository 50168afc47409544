//! The `cctns` gateway: CLI, configuration, JWT verification and the transports over the
//! [`schema`] crate. No SQL lives here.
//!
//! Module map, each layer calling only those below it:
//!
//! - [`cli`]: the commands; [`app`]: start-up, written once (`cctns serve`, the e2e kit);
//! - transports: [`http`] (GraphQL over HTTP, health, metrics, browser guards), `ws`
//!   (GraphQL over WebSocket), [`federated`] (the supergraph over remote subgraphs);
//! - [`pipeline`]: one operation's path whatever carried it (identify, admit, route,
//!   execute, audit), and the state all requests share;
//! - below it: [`config`] (every option), [`auth`] (token verification), [`rate_limit`],
//!   [`refused_tokens`], `metrics`, `connections`, [`request_id`], [`telemetry`],
//!   [`graphiql`] (the explorer's page and assets).
//!
//! `gateway/tests/layers.rs` fails on an import cycle between these modules.

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
mod connections;
pub mod federated;
pub mod graphiql;
pub mod http;
mod metrics;
pub mod pipeline;
pub mod rate_limit;
pub mod refused_tokens;
pub mod request_id;
pub mod telemetry;
mod ws;
