//! `cctns`: the CCTNS Graph Gateway binary.

use std::process::ExitCode;

use clap::Parser;
use gateway::cli::{Cli, run};

#[tokio::main]
async fn main() -> ExitCode {
    let telemetry = match gateway::telemetry::init() {
        Ok(telemetry) => telemetry,
        Err(error) => {
            eprintln!("error: tracing: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let cli = Cli::parse();
    let result = run(cli).await;
    telemetry.shutdown().await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
