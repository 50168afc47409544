//! GraphQL over WebSocket with real clients (npm `graphql-ws`, and a raw `ws` socket
//! speaking the legacy protocol): `connection_init` is verified like an HTTP token, and
//! each operation sees what the connection's caller may see.

use serde_json::json;
use tests::{Backend, TestApp, on_both};

async fn connection_init_is_verified_like_an_http_token(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let good = app.token("STATION_OFFICER", "MH-PUN-PS001", "ws-officer");
    let expired = app.expired_token("STATION_OFFICER", "MH-PUN-PS001", "ws-officer");
    let query = "{ firs(filter: { act: BNS, section: \"303\" }, first: 1) { totalCount edges { node { charges { section } } } } }";
    let scenarios = json!([
        { "token": good, "query": query },
        { "token": null, "query": query },
        { "token": "not-a-token", "query": query },
        { "token": expired, "query": query },
        { "token": good, "query": query, "legacy": true },
        { "token": "not-a-token", "query": query, "legacy": true },
        // A message over the 256 KiB limit.
        { "token": good, "query": "{ __typename }", "padding": 300 * 1024 },
    ]);
    let results = app.ws_scenarios(scenarios).await;
    // A police caller runs the query and sees charges.
    assert!(
        results[0]["data"]["firs"]["totalCount"].as_i64().unwrap() > 0,
        "{}",
        results[0]
    );
    assert!(results[0]["data"]["firs"]["edges"][0]["node"]["charges"].is_array());
    // No token: the anonymous caller, whose charge filter is refused.
    assert_eq!(
        results[1]["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{}",
        results[1]
    );
    // Bad and expired tokens close the connection before any operation runs.
    for (i, what) in [(2, "garbage"), (3, "expired")] {
        assert_eq!(results[i]["closed"], 4403, "{what}: {}", results[i]);
        assert_eq!(
            results[i]["reason"], "invalid token",
            "{what}: {}",
            results[i]
        );
    }
    // The legacy protocol: the same verification.
    assert!(
        results[4]["data"]["firs"]["totalCount"].as_i64().unwrap() > 0,
        "{}",
        results[4]
    );
    assert!(
        results[5]["connectionError"].is_object() || results[5]["connectionError"].is_string(),
        "{}",
        results[5]
    );
    // An oversized message ends the connection instead of being buffered.
    assert!(results[6]["closed"].is_number(), "{}", results[6]);
    assert!(results[6]["data"].is_null(), "{}", results[6]);

    // Refusals are audited like HTTP ones.
    let refused: i64 = app
        .text("SELECT CAST(COUNT(*) AS TEXT) FROM audit_record WHERE operation = 'authenticate'")
        .await
        .parse()
        .unwrap();
    assert_eq!(refused, 3, "garbage, expired, legacy garbage");
}
on_both!(connection_init_is_verified_like_an_http_token);
