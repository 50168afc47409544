//! The CPU-per-field benchmark (ignored in normal runs; `bash bench/fields.sh` runs it in
//! a release build against a seeded PostgreSQL): the nested national query executed
//! in-process through the served [`Graph`](crate::Graph) (admission, policy, audit trail;
//! no HTTP), at 10, 100 and 1,000 FIRs per response. It reports the process's CPU time
//! (user + system, so the database server's own work is not in it) per request, per
//! resolved field and per returned FIR: the cost should grow linearly with the work,
//! with a small constant.

use std::time::{Duration, Instant};

use async_graphql::{Request, Variables};

use crate::audit::{self, Actor};
use crate::policy::Role;
use crate::{Graph, RequestContext, SchemaOptions};

/// The nested query of `bench/nested.sh`, sized by variables.
const NESTED: &str = "query($stations: Int!, $firs: Int!) { policeStations(first: $stations) { edges { node { name firs(first: $firs) { edges { node { number parties { role person { name prisonRecords { prison { name } } } } } } } } } } }";

/// CPU time this process has used so far (user + system), from `/proc/self/stat`.
fn process_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // Fields after the command name (which may hold spaces) start at `state`.
    let rest = &stat[stat.rfind(')').expect("stat format") + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 =
        fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
    // Linux reports these in USER_HZ, which is 100 on every supported architecture.
    Duration::from_millis(ticks * 10)
}

/// Every field a response carries (objects' members, at every depth).
fn fields(value: &serde_json::Value) -> u64 {
    match value {
        serde_json::Value::Object(map) => map.values().map(|v| 1 + fields(v)).sum(),
        serde_json::Value::Array(items) => items.iter().map(fields).sum(),
        _ => 0,
    }
}

/// The FIRs of a nested response.
fn firs(data: &serde_json::Value) -> u64 {
    data["policeStations"]["edges"]
        .as_array()
        .expect("stations")
        .iter()
        .map(|s| s["node"]["firs"]["edges"].as_array().expect("firs").len() as u64)
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: run by bench/fields.sh in release"]
async fn cpu_per_field() {
    let url = std::env::var("FIELD_BENCH_DATABASE_URL")
        .expect("FIELD_BENCH_DATABASE_URL: a seeded database (bench/fields.sh starts one)");
    let secs = std::env::var("FIELD_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let (db, _) = crate::db::connect(&url, &crate::db::PoolOptions::default())
        .await
        .expect("connect");
    let graph = Graph::new(&SchemaOptions::default());
    let principal = crate::policy::cost::principal(&db, Role::Analyst, false).await;
    let actor = Actor::of(&principal, Some("127.0.0.1".into()));
    println!(
        "| FIRs per response | fields per response | requests | CPU ms per request | CPU µs per field | CPU µs per FIR |"
    );
    println!("|---|---|---|---|---|---|");
    for (stations, per_station) in [(1, 10), (10, 10), (50, 20)] {
        let variables =
            Variables::from_json(serde_json::json!({ "stations": stations, "firs": per_station }));
        let run = || async {
            let (context, batches) = RequestContext::new(db.clone(), principal.clone());
            let trail = context.audit.clone();
            let request = Request::new(NESTED).variables(variables.clone());
            let response = batches.drive(graph.execute(request, context)).await;
            assert!(response.errors.is_empty(), "{:?}", response.errors);
            audit::flush(&db, &trail, &actor, None)
                .await
                .expect("audit");
            response.data.into_json().expect("json")
        };
        let data = run().await;
        let (per_response, fir_count) = (fields(&data), firs(&data));
        assert_eq!(
            fir_count,
            stations * per_station,
            "the database holds enough FIRs"
        );
        let cpu = process_cpu();
        let start = Instant::now();
        let mut requests = 0_u64;
        while start.elapsed() < Duration::from_secs(secs) {
            run().await;
            requests += 1;
        }
        let used = (process_cpu() - cpu).as_secs_f64() * 1e6 / requests as f64;
        println!(
            "| {fir_count} | {per_response} | {requests} | {:.2} | {:.2} | {:.1} |",
            used / 1000.0,
            used / per_response as f64,
            used / fir_count as f64
        );
    }
}
