//! The HTTP surface: health, SDL, GraphiQL served offline, GET rules, error codes.

use serde_json::json;
use tests::{Backend, TestApp, error_code, on_both};

on_both! {
    async fn health_ready_and_schema(backend: Backend) {
        let app = TestApp::empty(backend).await;
        assert_eq!(app.get("/healthz", "*/*").await.0, 200);
        assert_eq!(app.get("/readyz", "*/*").await.0, 200);
        let (status, _, sdl) = app.get("/schema.graphql", "*/*").await;
        assert_eq!(status, 200);
        assert!(sdl.contains("type PoliceStation"));
        let (status, _, metrics) = app.get("/metrics", "*/*").await;
        assert_eq!(status, 200);
        assert!(metrics.contains("cctns_sql_statements_total"));
    }
}

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

on_both! {
    async fn get_runs_queries_and_refuses_mutations(backend: Backend) {
        let app = TestApp::empty(backend).await;
        let (status, content_type, body) =
            app.get("/graphql?query=%7BpoliceStations%7BtotalCount%7D%7D", "application/json").await;
        assert_eq!(status, 200, "{body}");
        assert!(content_type.starts_with("application/json"));
        let (status, _, body) =
            app.get("/graphql?query=mutation%7Bx%7D", "application/json").await;
        assert_eq!(status, 405, "{body}");
    }
}

on_both! {
    async fn every_error_carries_a_contract_code(backend: Backend) {
        let app = TestApp::empty(backend).await;
        let (_, body) = app.graphql(None, "{ nope }", json!({})).await;
        assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
        let (_, body) = app.graphql(None, "{ policeStations(first: 101) { totalCount } }", json!({})).await;
        assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
        let (_, body) = app.graphql(None, "{ fir(id: \"garbage\") { number } }", json!({})).await;
        assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
        let (status, _) = app.graphql(None, "{ policeStations { totalCount } }", json!({})).await;
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
}

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
