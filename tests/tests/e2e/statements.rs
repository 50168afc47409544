//! N+1 is a bug: a nested query's SQL statement count does not grow with its rows.

use serde_json::json;
use tests::{TestApp, on_both};

const NESTED: &str = "query($stations: Int!, $firs: Int!) { policeStations(first: $stations) { edges { node { \
    name district { name } state { name } firs(first: $firs) { totalCount edges { node { number \
    charges { section equivalents { section } } modusOperandi { code } \
    case { status investigatingOfficer { name } arrests { mode } \
      courtCases { cnr hearings(first: 3) { totalCount edges { node { date } } } } } \
    parties { role person { name phone address prisonRecords { prison { name } } } } } } } } } } }";

async fn statements_for(app: &TestApp, token: &str, stations: i64, firs: i64) -> (u64, usize) {
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

on_both! {
    async fn nested_query_runs_a_constant_number_of_statements(backend: Backend) {
        let app = TestApp::with_demo_data(backend).await;
        let token = app.token("ANALYST", "IN", "analyst");
        let (tiny, tiny_rows) = statements_for(&app, &token, 1, 1).await;
        let (small, small_rows) = statements_for(&app, &token, 8, 2).await;
        let (large, large_rows) = statements_for(&app, &token, 50, 50).await;
        println!(
            "{backend:?}: {tiny} statements for {tiny_rows} FIR, {small} for {small_rows} FIRs, \
             {large} for {large_rows} FIRs"
        );
        assert!(large_rows > 10 * small_rows, "the large query touches many more rows");
        // A batch that lands while the request is being polled can split one wave in two,
        // more often when the machine is busy (the whole suite runs in parallel): allow a
        // few such splits, but nothing that grows with rows (N+1 here would be hundreds).
        assert!(large <= small + 20, "statements grew with rows: {small} → {large}");
        assert!(large <= 60, "about one statement per relation per level: {large}");
        assert!(large * 5 < large_rows as u64, "fewer statements than rows by far: {large} for {large_rows}");
        // `/metrics` shows the batching: keys per batch, by key kind.
        let (_, _, metrics) = app.get("/metrics", "*/*").await;
        let value = |series: &str| -> u64 {
            metrics.lines().find_map(|l| l.strip_prefix(series)).map_or(0, |v| v.trim().parse().unwrap())
        };
        let batches = value("cctns_dataloader_batch_size_count{loader=\"ChargesOfFir\"}");
        let small = value("cctns_dataloader_batch_size_bucket{loader=\"ChargesOfFir\",le=\"100\"}");
        assert!(small < batches, "the large query loads charges in batches of over 100 keys:\n{metrics}");
        assert!(metrics.contains("cctns_dataloader_batch_size_bucket{loader=\"PageOf<"), "{metrics}");
    }
}
