//! Apollo automatic persisted queries, and the safelist mode in which only registered
//! operations run.

use gateway::cli::{Cli, run};
use gateway::config::RouterOptions;
use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both};

const STATIONS: &str = "query Stations { policeStations(first: 2) { totalCount } }";

/// POSTs `body` (a whole GraphQL-over-HTTP request) as the holder of `token` (none:
/// anonymous).
async fn post(app: &TestApp, token: Option<&str>, body: Value) -> Value {
    let mut request = app.client.post(format!("{}/graphql", app.base)).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap().json().await.unwrap()
}

/// An Apollo persisted query naming the hash of `hashed`, with the document `text` (none:
/// the hash alone).
fn persisted(hashed: &str, text: Option<&str>) -> Value {
    let hash = schema::operations::hash(hashed);
    let mut body =
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    if let Some(text) = text {
        body["query"] = json!(text);
    }
    body
}

#[tokio::test]
async fn automatic_persisted_queries_register_then_run_by_hash() {
    let app = TestApp::with_demo_data(Backend::Sqlite).await;
    let token = app.token("ANALYST", "IN", "apq.analyst");
    let unknown = post(&app, Some(&token), persisted(STATIONS, None)).await;
    assert_eq!(
        unknown["errors"][0]["message"], "PersistedQueryNotFound",
        "{unknown}"
    );
    let registered = post(&app, Some(&token), persisted(STATIONS, Some(STATIONS))).await;
    assert!(
        registered["data"]["policeStations"]["totalCount"]
            .as_i64()
            .unwrap()
            > 0,
        "{registered}"
    );
    let again = post(&app, Some(&token), persisted(STATIONS, None)).await;
    assert_eq!(again["data"], registered["data"]);
    // The hash must be the text's.
    let mismatch = post(
        &app,
        Some(&token),
        persisted(STATIONS, Some("{ __typename }")),
    )
    .await;
    assert!(
        mismatch["data"].is_null() && mismatch["errors"].is_array(),
        "{mismatch}"
    );
}

async fn the_persisted_query_cache_tells_no_caller_what_another_ran(backend: Backend) {
    const AUDIT: &str = "query Audit { auditLog(first: 1) { totalCount } }";
    const NEVER_RUN: &str = "query Audit { auditLog(first: 2) { totalCount } }";
    let app = TestApp::with_demo_data(backend).await;
    // An auditor runs a document by automatic persisted query (text and hash).
    let auditor = app.token("AUDITOR", "IN", "apq.auditor");
    let ran = post(&app, Some(&auditor), persisted(AUDIT, Some(AUDIT))).await;
    assert!(ran["data"]["auditLog"]["totalCount"].is_i64(), "{ran}");

    // The attempt: other callers send that document's hash alone, to learn whether
    // anyone ran it, beside the hash of a document nobody ran.
    let supervisor = app.token("SUPERVISOR", "MH", "apq.supervisor");
    for (who, token) in [
        ("anonymous", None),
        ("a supervisor", Some(supervisor.as_str())),
    ] {
        let unknown = post(&app, token, persisted(NEVER_RUN, None)).await;
        assert_eq!(
            unknown["errors"][0]["message"], "PersistedQueryNotFound",
            "{who}: {unknown}"
        );
        // What they learn: nothing; the answer is the one for a document never run.
        let probe = post(&app, token, persisted(AUDIT, None)).await;
        assert_eq!(probe, unknown, "{who}");
    }
    // The auditor's own documents still run by hash.
    let again = post(&app, Some(&auditor), persisted(AUDIT, None)).await;
    assert!(again["data"]["auditLog"]["totalCount"].is_i64(), "{again}");
}
on_both!(the_persisted_query_cache_tells_no_caller_what_another_ran);

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
    let hashed = post(&app, Some(&token), persisted(STATIONS, None)).await;
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
