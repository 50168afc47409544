//! N+1 is a bug: a nested query's SQL statement count does not change with its rows.

use serde_json::json;
use tests::{Backend, TestApp, on_both};

const NESTED: &str = "query($stations: Int!, $firs: Int!) { policeStations(first: $stations) { edges { node { \
    name district { name } state { name } firs(first: $firs) { totalCount edges { node { number \
    charges { section equivalents { section } } modusOperandi { code } \
    case { status investigatingOfficer { name } arrests { mode } \
      courtCases { cnr hearings(first: 3) { totalCount edges { node { date } } } } } \
    parties { role person { name phone address prisonRecords { prison { name } } } } } } } } } } }";

/// The statements one run of `NESTED` takes, and the FIRs it returns. The pool's counter
/// also counts the event hub's safety poll (every 2 s, on the same pool): of two runs, the
/// smaller count is the query's own.
async fn statements_for(app: &TestApp, token: &str, stations: i64, firs: i64) -> (u64, usize) {
    let (first, rows) = one_run(app, token, stations, firs).await;
    let (second, again) = one_run(app, token, stations, firs).await;
    assert_eq!(rows, again, "the same rows each run");
    (first.min(second), rows)
}

async fn one_run(app: &TestApp, token: &str, stations: i64, firs: i64) -> (u64, usize) {
    let before = app.stats.statements();
    let data = app
        .data(
            Some(token),
            NESTED,
            json!({ "stations": stations, "firs": firs }),
        )
        .await;
    let used = app.stats.statements() - before;
    let rows: usize = data["policeStations"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["node"]["firs"]["edges"].as_array().unwrap().len())
        .sum();
    (used, rows)
}

/// The relations `NESTED` reaches, each one statement however many rows it spans:
/// stations, their district and state (one kind), FIRs and their count, charges and
/// their equivalents, modus operandi, the case, its IO, arrests, court cases, hearings
/// and their count, parties, persons, phones, addresses, custody records, prisons.
const RELATIONS: u64 = 19;

async fn nested_query_runs_the_same_statements_at_every_page_size(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let token = app.token("ANALYST", "IN", "analyst");
    // Pages large enough that every relation has rows at every size.
    let mut counts = Vec::new();
    for (stations, firs) in [(4, 5), (8, 10), (50, 50)] {
        counts.push(statements_for(&app, &token, stations, firs).await);
    }
    println!("{backend:?}: (statements, FIRs) per page size: {counts:?}");
    let (small, small_rows) = counts[0];
    let (large, large_rows) = counts[2];
    assert!(
        large_rows > 10 * small_rows,
        "the large query touches many more rows"
    );
    // Loads go out in waves that depend on the query's shape only: the count is
    // exactly the same whatever the page size (N+1 would make it grow with rows).
    assert!(
        counts.iter().all(|(used, _)| *used == small),
        "statements changed with page size: {counts:?}"
    );
    // One statement per relation, plus the caller's identity.
    assert!(
        large <= RELATIONS + 1,
        "{large} statements for {RELATIONS} relations"
    );
    // A second run of the same query is answered alike (nothing is left over from the
    // first: the loaders' memory is per request).
    assert_eq!(
        statements_for(&app, &token, 50, 50).await,
        (large, large_rows)
    );
    // `/metrics` shows the batching: keys per batch, by key kind.
    let (_, _, metrics) = app.get("/metrics", "*/*").await;
    let value = |series: &str| -> u64 {
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(series))
            .map_or(0, |v| v.trim().parse().unwrap())
    };
    let batches = value("cctns_dataloader_batch_size_count{loader=\"ChargesOfFir\"}");
    let small = value("cctns_dataloader_batch_size_bucket{loader=\"ChargesOfFir\",le=\"100\"}");
    assert!(
        small < batches,
        "the large query loads charges in batches of over 100 keys:\n{metrics}"
    );
    assert!(
        metrics.contains("cctns_dataloader_batch_size_bucket{loader=\"PageOf<"),
        "{metrics}"
    );
}
on_both!(nested_query_runs_the_same_statements_at_every_page_size);
