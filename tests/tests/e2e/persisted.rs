//! Apollo automatic persisted queries, and the safelist mode in which only registered
//! operations run.

use gateway::cli::{Cli, run};
use gateway::server::RouterOptions;
use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code};

const STATIONS: &str = "query Stations { policeStations(first: 2) { totalCount } }";

/// POSTs `body` (a whole GraphQL-over-HTTP request) as the holder of `token`.
async fn post(app: &TestApp, token: &str, body: Value) -> Value {
    app.client
        .post(format!("{}/graphql", app.base))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn by_hash(query: Option<&str>) -> Value {
    let hash = schema::operations::hash(STATIONS);
    let mut body =
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    if let Some(query) = query {
        body["query"] = json!(query);
    }
    body
}

#[tokio::test]
async fn automatic_persisted_queries_register_then_run_by_hash() {
    let app = TestApp::with_demo_data(Backend::Sqlite).await;
    let token = app.token("ANALYST", "IN", "apq.analyst");
    let unknown = post(&app, &token, by_hash(None)).await;
    assert_eq!(
        unknown["errors"][0]["message"], "PersistedQueryNotFound",
        "{unknown}"
    );
    let registered = post(&app, &token, by_hash(Some(STATIONS))).await;
    assert!(
        registered["data"]["policeStations"]["totalCount"]
            .as_i64()
            .unwrap()
            > 0,
        "{registered}"
    );
    let again = post(&app, &token, by_hash(None)).await;
    assert_eq!(again["data"], registered["data"]);
    // The hash must be the text's.
    let mismatch = post(&app, &token, by_hash(Some("{ __typename }"))).await;
    assert!(
        mismatch["data"].is_null() && mismatch["errors"].is_array(),
        "{mismatch}"
    );
}

#[tokio::test]
async fn the_safelist_runs_registered_operations_only() {
    let options = RouterOptions {
        safelist: true,
        ..tests::unlimited()
    };
    let app = TestApp::with_demo_data_and(Backend::Sqlite, options).await;
    let token = app.token("ANALYST", "IN", "safelist.analyst");
    let (_, refused) = app.graphql(Some(&token), STATIONS, json!({})).await;
    assert_eq!(error_code(&refused), Some("FORBIDDEN"), "{refused}");
    assert!(refused["data"].is_null());

    // Registered with the command line, from a file, as an operator would.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stations.graphql");
    std::fs::write(&file, STATIONS).unwrap();
    let cli = <Cli as clap::Parser>::try_parse_from([
        "cctns",
        "operations",
        "add",
        "--database-url",
        &app.url,
        file.to_str().unwrap(),
    ])
    .unwrap();
    run(cli).await.unwrap();

    let whole = app.data(Some(&token), STATIONS, json!({})).await;
    assert!(whole["policeStations"]["totalCount"].as_i64().unwrap() > 0);
    let hashed = post(&app, &token, by_hash(None)).await;
    assert_eq!(hashed["data"], whole);
    // Any other text, even the same query spaced differently, is not registered.
    let (_, refused) = app
        .graphql(
            Some(&token),
            "query Stations { policeStations(first: 2) { totalCount }}",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&refused), Some("FORBIDDEN"), "{refused}");
    let (_, refused) = app.graphql(Some(&token), "{ __typename }", json!({})).await;
    assert_eq!(error_code(&refused), Some("FORBIDDEN"), "{refused}");
}
