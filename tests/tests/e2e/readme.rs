//! Every query in the README's tour runs without errors against the demo data.

use serde_json::json;
use tests::{TestApp, on_both};

/// The ```graphql blocks of the README's tour section.
fn tour_queries() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let tour = readme
        .split("## A tour")
        .nth(1)
        .expect("README has a tour section")
        .split("\n## ")
        .next()
        .unwrap();
    tour.split("```graphql")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_owned())
        .collect()
}

on_both! {
    async fn readme_tour_queries_run(backend: Backend) {
        let app = TestApp::with_demo_data(backend).await;
        let analyst = app.token("ANALYST", "IN", "analyst");
        let queries = tour_queries();
        assert_eq!(queries.len(), 5);
        for query in queries {
            let data = app.data(Some(&analyst), &query, json!({})).await;
            let root = data.as_object().unwrap().values().next().unwrap();
            assert!(!root.is_null(), "{query}: {data}");
            if let Some(edges) = root.get("edges") {
                assert!(!edges.as_array().unwrap().is_empty(), "{query}: nothing found");
            }
        }
    }
}
