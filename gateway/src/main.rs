//! `cctns`: the CCTNS Graph Gateway binary.

use std::process::ExitCode;

use clap::Parser;
use gateway::cli::{Cli, run};

/// The allocator (feature `mimalloc`, on by default): glibc's malloc serialises on its
/// arena locks when many request threads allocate at once (bench/allocator.sh).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
