//! Schema-driven fuzzing over HTTP (`tests/peers/fuzz.mjs`): thousands of generated
//! operations, as callers of several roles and anonymous, over the demo data. No answer
//! may be a 5xx, unreadable, or an error without a contract code.
//!
//! `FUZZ_OPERATIONS` (default 2,000) and `FUZZ_SEED` (default 1) change the run:
//! `FUZZ_OPERATIONS=50000 FUZZ_SEED=9 cargo test -p tests --test e2e fuzz -- --nocapture`.

use serde_json::Value;
use tests::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_operations_never_get_a_server_error() {
    let app = TestApp::with_demo_data(Backend::Sqlite).await;
    let env =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
    let (operations, seed) = (env("FUZZ_OPERATIONS", "2000"), env("FUZZ_SEED", "1"));
    let tokens = [
        app.token("STATION_HOUSE_OFFICER", "MH-PUN-PS001", "MH-PUN-PS001.sho"),
        app.token("ANALYST", "IN", "fuzz.analyst"),
        app.token("SUPERVISOR", "MH-PUN", "fuzz.sp"),
        app.token("CITIZEN", "IN", "fuzz.citizen"),
        app.token("COURT", "MH-PUN-CT01", "fuzz.court"),
    ];
    let script = tests::peer_script("fuzz.mjs");
    let url = format!("{}/graphql", app.base);
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("node")
            .arg(script)
            .arg(url)
            .arg(operations)
            .arg(seed)
            .args(tokens)
            .output()
            .expect("node runs")
    })
    .await
    .expect("fuzzer finished");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    println!(
        "fuzz: {}",
        serde_json::json!({ "statuses": report["statuses"], "codes": report["codes"] })
    );
    assert_eq!(
        report["failures"],
        serde_json::json!([]),
        "5xx or unreadable answers"
    );
    assert_eq!(
        report["internal"],
        serde_json::json!([]),
        "server-side faults"
    );
    assert!(
        report["codes"].get("NONE").is_none(),
        "every error carries a code: {report}"
    );
    assert!(
        report["statuses"]["200"].as_u64().unwrap_or(0) > 0,
        "{report}"
    );
}
