//! The production posture, cross-site request forgery prevention and CORS.

use gateway::config::RouterOptions;
use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both};

const INTROSPECT: &str = "{ __schema { queryType { name } } }";

/// The production posture (`CCTNS_ENV=production`).
fn production() -> RouterOptions {
    RouterOptions {
        graphiql: false,
        schema: schema::SchemaOptions {
            production: true,
            ..schema::SchemaOptions::default()
        },
        ..tests::unlimited()
    }
}

#[tokio::test]
async fn production_shows_the_schema_to_officers_only_and_suggests_nothing() {
    let app = TestApp::with_demo_data_and(Backend::Sqlite, production()).await;
    let officer = app.token("STATION_HOUSE_OFFICER", "MH-PUN-PS001", "MH-PUN-PS001.sho");
    let citizen = app.token("CITIZEN", "IN", "citizen.1");

    let data = app.data(Some(&officer), INTROSPECT, json!({})).await;
    assert_eq!(data["__schema"]["queryType"]["name"], "Query");
    for (who, token) in [("anonymous", None), ("citizen", Some(citizen.as_str()))] {
        let (_, body) = app.graphql(token, INTROSPECT, json!({})).await;
        assert!(body["data"]["__schema"].is_null(), "{who}: {body}");
        let (status, _, _) = app.get_as(token, "/schema.graphql", "text/plain").await;
        assert_eq!(status, 403, "{who}");
    }
    let (status, _, _) = app
        .get_as(Some(&officer), "/schema.graphql", "text/plain")
        .await;
    assert_eq!(status, 200);

    // A misspelt field names no real one.
    let (_, body) = app
        .graphql(Some(&officer), "{ policeStaton { totalCount } }", json!({}))
        .await;
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(!message.contains("policeStations"), "{message}");
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"));
    // No GraphiQL for browsers.
    let (status, _, _) = app.get("/graphql", "text/html").await;
    assert_eq!(status, 404);

    // Development, for contrast, suggests.
    let dev = TestApp::empty(Backend::Sqlite).await;
    let (_, body) = dev
        .graphql(None, "{ policeStaton { totalCount } }", json!({}))
        .await;
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("policeStations"),
        "{body}"
    );
    let (_, body) = dev.graphql(None, INTROSPECT, json!({})).await;
    assert_eq!(body["data"]["__schema"]["queryType"]["name"], "Query");
}

async fn production_keeps_the_federation_sdl_from_callers_who_may_not_introspect(backend: Backend) {
    let app = TestApp::with_demo_data_and(backend, production()).await;
    let citizen = app.token("CITIZEN", "IN", "citizen.sdl");
    let attempts = [
        "{ _service { sdl } }",
        "{ schema: _service { sdl } }",
        "query Q { ...Sdl } fragment Sdl on Query { ... on Query { _service { sdl } } }",
    ];
    for (who, token) in [("anonymous", None), ("citizen", Some(citizen.as_str()))] {
        // The attempt: the federation's SDL field, as written and disguised.
        for attempt in attempts {
            let (_, body) = app.graphql(token, attempt, json!({})).await;
            // What comes back: a refusal, and nothing of the schema.
            assert_eq!(
                error_code(&body),
                Some("FORBIDDEN"),
                "{who}: {attempt}: {body}"
            );
            assert!(body["data"].is_null(), "{who}: {attempt}: {body}");
            assert!(
                !body.to_string().contains("type Fir"),
                "{who}: {attempt}: {body}"
            );
        }
    }
    // An officer, who may introspect, reads it as a federation gateway would.
    let officer = app.token("STATION_HOUSE_OFFICER", "MH-PUN-PS001", "MH-PUN-PS001.sho");
    let data = app.data(Some(&officer), attempts[0], json!({})).await;
    assert!(
        data["_service"]["sdl"]
            .as_str()
            .unwrap()
            .contains("type Fir"),
        "{data}"
    );
}
on_both!(production_keeps_the_federation_sdl_from_callers_who_may_not_introspect);

#[tokio::test]
async fn simple_cross_site_posts_are_refused_unless_preflighted() {
    let app = TestApp::empty(Backend::Sqlite).await;
    let body = json!({ "query": "{ policeStations(first: 1) { totalCount } }" }).to_string();
    let post = |content_type: Option<&'static str>, preflight: bool| {
        let mut request = app
            .client
            .post(format!("{}/graphql", app.base))
            .body(body.clone());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        if preflight {
            request = request.header("apollo-require-preflight", "true");
        }
        request.send()
    };
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
    ] {
        let before = app.stats.statements();
        let response = post(content_type, false).await.unwrap();
        assert_eq!(response.status().as_u16(), 400, "{content_type:?}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(
            error_code(&answer),
            Some("BAD_USER_INPUT"),
            "{content_type:?}: {answer}"
        );
        assert_eq!(
            app.stats.statements(),
            before,
            "{content_type:?}: nothing ran"
        );
    }
    let response = post(Some("text/plain"), true).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let response = post(Some("application/json"), false).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn cors_allows_only_the_configured_origins() {
    let options = RouterOptions {
        cors_origins: vec!["https://cctns.example.gov.in".to_owned()],
        ..tests::unlimited()
    };
    let app = TestApp::empty_with(Backend::Sqlite, options).await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, format!("{}/graphql", app.base))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
            .send()
    };
    let allowed = preflight("https://cctns.example.gov.in").await.unwrap();
    assert_eq!(
        allowed
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("https://cctns.example.gov.in")
    );
    let other = preflight("https://evil.example.com").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    // Without a configured origin, no cross-origin access at all.
    let closed = TestApp::empty(Backend::Sqlite).await;
    let response = closed
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/graphql", closed.base))
        .header("origin", "https://cctns.example.gov.in")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}
