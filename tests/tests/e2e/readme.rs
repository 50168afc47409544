//! Every query in the README's tour, and its mutation example, runs without errors
//! against the demo data.

use serde_json::json;
use tests::{Backend, TestApp, on_both};

/// The ```graphql blocks of the README section whose heading starts with `heading`.
fn graphql_blocks(heading: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let section = readme
        .split(&format!("## {heading}"))
        .nth(1)
        .unwrap_or_else(|| panic!("README has a section {heading}"))
        .split("\n## ")
        .next()
        .unwrap();
    section
        .split("```graphql")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_owned())
        .collect()
}

async fn readme_tour_queries_run(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let queries = graphql_blocks("A tour");
    assert_eq!(queries.len(), 6);
    for query in queries {
        let data = app.data(Some(&analyst), &query, json!({})).await;
        let root = data.as_object().unwrap().values().next().unwrap();
        assert!(!root.is_null(), "{query}: {data}");
        if let Some(hits) = root.as_array() {
            assert!(!hits.is_empty(), "{query}: nothing found");
        }
        if let Some(edges) = root.get("edges") {
            assert!(
                !edges.as_array().unwrap().is_empty(),
                "{query}: nothing found"
            );
        }
    }
}
on_both!(readme_tour_queries_run);

async fn readme_mutation_example_runs(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", "KA-BLR-PS001", "KA-BLR-PS001.pc1");
    let examples = graphql_blocks("Writing");
    assert_eq!(examples.len(), 1);
    let data = app.data(Some(&officer), &examples[0], json!({})).await;
    assert_eq!(
        data["registerFir"]["case"]["status"], "REGISTERED",
        "{data}"
    );
    let number = data["registerFir"]["number"].as_str().unwrap();
    assert!(
        number.len() == 9 && number.as_bytes()[4] == b'/',
        "NNNN/YYYY: {number}"
    );
}
on_both!(readme_mutation_example_runs);

async fn readme_search_examples_run(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let examples = graphql_blocks("Searching");
    assert_eq!(examples.len(), 3);
    for example in examples {
        let data = app.data(Some(&analyst), &example, json!({})).await;
        let root = data.as_object().unwrap().values().next().unwrap();
        let found = root.get("edges").unwrap_or(root);
        assert!(
            !found.as_array().unwrap().is_empty(),
            "{example}: nothing found"
        );
    }
}
on_both!(readme_search_examples_run);
