//! Token verification at the HTTP edge: bad tokens are refused before anything executes.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use tests::{Backend, TestApp, error_code, on_both};

const QUERY: &str = "{ policeStations(first: 1) { totalCount } }";

fn unsigned_token(claims: serde_json::Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{body}.")
}

async fn bad_tokens_get_401_and_nothing_runs(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let station = app
        .data(
            None,
            "{ policeStations(first: 1) { edges { node { code } } } }",
            json!({}),
        )
        .await["policeStations"]["edges"][0]["node"]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let good = app.token("STATION_OFFICER", &station, "someone");
    let (status, _) = app.graphql(Some(&good), QUERY, json!({})).await;
    assert_eq!(status, 200);

    let exp = chrono_like_now() + 600;
    let cases = [
        ("garbage", "not-a-token".to_owned()),
        ("tampered", format!("{}x", good)),
        (
            "alg none",
            unsigned_token(json!({"sub":"x","role":"ADMIN","unit":"IN","exp":exp})),
        ),
        (
            "unknown unit",
            app.token("STATION_OFFICER", "NO-SUCH-UNIT", "x"),
        ),
        ("unknown role", app.token("SUPERUSER", &station, "x")),
    ];
    let audited =
        "SELECT CAST(COUNT(*) AS TEXT) FROM audit_record WHERE operation = 'authenticate'";
    for (name, token) in cases {
        let before = app.stats.statements();
        let refusals = app.text(audited).await;
        let (status, body) = app.graphql(Some(&token), QUERY, json!({})).await;
        assert_eq!(status, 401, "{name}: {body}");
        assert_eq!(error_code(&body), Some("UNAUTHENTICATED"), "{name}");
        assert!(body.get("data").is_none(), "{name}: nothing executed");
        // Only the unit/officer lookups may run for a well-signed token, and the
        // refusal's audit record (begin, lock on PostgreSQL, last hash, insert, commit).
        let spent = app.stats.statements() - before - 1;
        assert!(spent <= 2 + 5, "{name}: {spent} statements");
        let after: i64 = app.text(audited).await.parse().unwrap();
        assert_eq!(
            after,
            refusals.parse::<i64>().unwrap() + 1,
            "{name}: the refusal is audited"
        );
    }
}
on_both!(bad_tokens_get_401_and_nothing_runs);

fn chrono_like_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}
