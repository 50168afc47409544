//! The HTTP surface: health, SDL, GraphiQL served offline, GET rules, error codes.

use serde_json::json;
use tests::{Backend, TestApp, error_code, on_both};

async fn health_ready_and_schema(backend: Backend) {
    let app = TestApp::empty(backend).await;
    assert_eq!(app.get("/healthz", "*/*").await.0, 200);
    assert_eq!(app.get("/readyz", "*/*").await.0, 200);
    let (status, _, sdl) = app.get("/schema.graphql", "*/*").await;
    assert_eq!(status, 200);
    assert!(sdl.contains("type PoliceStation"));
    // Operations are counted by name and outcome, with their latency.
    app.data(
        None,
        "query Stations { policeStations(first: 1) { totalCount } }",
        json!({}),
    )
    .await;
    app.graphql(None, "query Broken { nope }", json!({})).await;
    let (status, _, metrics) = app.get("/metrics", "*/*").await;
    assert_eq!(status, 200);
    for line in [
        "cctns_graphql_operations_total{operation=\"Stations\",outcome=\"ok\"} 1",
        "cctns_graphql_operations_total{operation=\"Broken\",outcome=\"BAD_USER_INPUT\"} 1",
        "cctns_graphql_operation_seconds_count{operation=\"Stations\",outcome=\"ok\"} 1",
        "cctns_subscriptions_open 0",
    ] {
        assert!(metrics.contains(line), "{line} in\n{metrics}");
    }
    for series in [
        "cctns_sql_statements_total",
        "cctns_db_pool_connections",
        "cctns_events_published_total",
        "cctns_graphql_operation_seconds_bucket{operation=\"Stations\",outcome=\"ok\",le=\"+Inf\"} 1",
    ] {
        assert!(metrics.contains(series), "{series} in\n{metrics}");
    }
}
on_both!(health_ready_and_schema);

#[tokio::test]
async fn graphiql_is_served_without_any_external_url() {
    let app = TestApp::empty(Backend::Sqlite).await;
    let (status, content_type, page) = app.get("/graphql", "text/html").await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "{page}"
    );
    let srcs: Vec<&str> = page
        .split(['"', '\''])
        .filter(|s| s.starts_with("/graphiql/"))
        .collect();
    assert!(
        srcs.len() >= 4,
        "page loads its assets from the gateway: {srcs:?}"
    );
    for src in srcs {
        let (status, _, body) = app.get(src, "*/*").await;
        assert_eq!(status, 200, "{src}");
        assert!(body.len() > 100, "{src}");
    }
}

async fn get_runs_queries_and_refuses_mutations(backend: Backend) {
    let app = TestApp::empty(backend).await;
    let (status, content_type, body) = app
        .get(
            "/graphql?query=%7BpoliceStations%7BtotalCount%7D%7D",
            "application/json",
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(content_type.starts_with("application/json"));
    let (status, _, body) = app
        .get("/graphql?query=mutation%7Bx%7D", "application/json")
        .await;
    assert_eq!(status, 405, "{body}");
}
on_both!(get_runs_queries_and_refuses_mutations);

async fn every_error_carries_a_contract_code(backend: Backend) {
    let app = TestApp::empty(backend).await;
    let (_, body) = app.graphql(None, "{ nope }", json!({})).await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    let (_, body) = app
        .graphql(
            None,
            "{ policeStations(first: 101) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    let (_, body) = app
        .graphql(None, "{ fir(id: \"garbage\") { number } }", json!({}))
        .await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    let (status, _) = app
        .graphql(None, "{ policeStations { totalCount } }", json!({}))
        .await;
    assert_eq!(status, 200);
    let response = app
        .client
        .post(format!("{}/graphql", app.base))
        .header("content-type", "application/json")
        .body("{ not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"));
}
on_both!(every_error_carries_a_contract_code);

#[test]
fn committed_sdl_matches_the_served_schema() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql"))
            .expect("schema.graphql at the workspace root");
    let served = schema::sdl();
    assert!(
        committed == served,
        "schema.graphql is out of date: run `cargo run -- schema > schema.graphql` and commit it"
    );
}

#[tokio::test]
async fn every_type_field_and_argument_is_described() {
    // The descriptions are the docs officers read in GraphiQL: none may be missing.
    let query = "{ __schema { types { name description \
        fields { name description args { name description } } \
        inputFields { name description } enumValues { name description } } } }";
    let response = schema::build_schema().execute(query).await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    let data = response.data.into_json().unwrap();
    let built_in = |name: &str| {
        name.starts_with("__")
            || name.starts_with('_')
            || name.starts_with("link__")
            || ["String", "Int", "Float", "Boolean", "ID", "FieldSet"].contains(&name)
            // Relay connection wrappers are generated by async-graphql without a description.
            || name.ends_with("Connection")
    };
    let described = |v: &serde_json::Value| {
        v["description"]
            .as_str()
            .is_some_and(|d| !d.trim().is_empty())
    };
    let mut missing = Vec::new();
    for ty in data["__schema"]["types"].as_array().unwrap() {
        let name = ty["name"].as_str().unwrap();
        if built_in(name) {
            continue;
        }
        if !described(ty) {
            missing.push(name.to_owned());
        }
        for field in ty["fields"].as_array().into_iter().flatten() {
            let field_name = field["name"].as_str().unwrap();
            if field_name.starts_with('_') {
                continue;
            }
            if !described(field) {
                missing.push(format!("{name}.{field_name}"));
            }
            for arg in field["args"].as_array().into_iter().flatten() {
                if !described(arg) {
                    missing.push(format!("{name}.{field_name}({})", arg["name"]));
                }
            }
        }
        for item in ty["inputFields"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(ty["enumValues"].as_array().into_iter().flatten())
        {
            if !described(item) {
                missing.push(format!("{name}.{}", item["name"]));
            }
        }
    }
    assert!(missing.is_empty(), "undocumented: {missing:#?}");
}

/// The `graphql-http` conformance audit (npm, the GraphQL-over-HTTP reference
/// implementation) passes every MUST; the SHOULD and MAY it does not meet are printed.
#[tokio::test]
async fn graphql_over_http_audit_has_no_must_failures() {
    let app = TestApp::empty(Backend::Sqlite).await;
    let script = tests::peer_script("http-audit.mjs");
    let url = format!("{}/graphql", app.base);
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("node")
            .arg(script)
            .arg(url)
            .output()
            .expect("node runs")
    })
    .await
    .expect("audit finished");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(results.len() > 30, "the audit ran: {results:?}");
    let failed = |level: &str| -> Vec<String> {
        results
            .iter()
            .filter(|r| r["name"].as_str().unwrap_or("").starts_with(level) && r["status"] != "ok")
            .map(|r| format!("{} ({}): {}", r["name"], r["status"], r["reason"]))
            .collect()
    };
    for level in ["SHOULD", "MAY"] {
        for line in failed(level) {
            println!("graphql-http audit, not met: {line}");
        }
    }
    assert_eq!(failed("MUST"), Vec::<String>::new());
}
