//! Query limits: a document just at each limit runs, one just over is refused with
//! `QUERY_TOO_COMPLEX` before a single SQL statement; batches, bodies and run time are
//! bounded too.

use std::time::Duration;

use gateway::config::RouterOptions;
use gateway::rate_limit::RateLimits;
use schema::{QueryLimits, SchemaOptions};
use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, nodes, on_both};

/// Tight limits, so that small queries sit on either side of each.
fn tight() -> RouterOptions {
    RouterOptions {
        schema: SchemaOptions {
            limits: QueryLimits {
                max_query_bytes: 400,
                max_depth: 4,
                max_complexity: 200,
                max_aliases: 2,
                max_root_fields: 2,
                max_directives: 1,
            },
            ..SchemaOptions::default()
        },
        max_batch: 2,
        max_body_bytes: 4096,
        ..tests::unlimited()
    }
}

/// Runs `query`; returns the response and how many SQL statements it cost.
async fn run(app: &TestApp, query: &str) -> (Value, u64) {
    let before = app.stats.statements();
    let (_, body) = app.graphql(None, query, json!({})).await;
    (body, app.stats.statements() - before)
}

#[tokio::test]
async fn each_limit_admits_its_value_and_refuses_one_more_without_touching_the_database() {
    let app = TestApp::empty_with(Backend::Sqlite, tight()).await;
    let stations = |n: u32, inner: &str| {
        format!("{{ policeStations(first: {n}) {{ edges {{ node {{ name {inner} }} }} }} }}")
    };
    let padded = |bytes: usize| {
        let query = "{ policeStations(first: 1) { totalCount } }";
        format!("{query}{}", " ".repeat(bytes - query.len()))
    };
    let cases = [
        // depth: policeStations > edges > node > name is 4; a district under node is 5.
        ("DEPTH", stations(1, ""), stations(1, "district { name }")),
        // complexity: first × (1 + edges(1 + node(1 + name))) = 4 × first.
        ("COMPLEXITY", stations(50, ""), stations(51, "")),
        (
            "ALIASES",
            "{ policeStations(first: 1) { a: totalCount b: totalCount } }".to_owned(),
            "{ policeStations(first: 1) { a: totalCount b: totalCount c: totalCount } }".to_owned(),
        ),
        (
            "ROOT_FIELDS",
            "{ policeStations(first: 1) { totalCount } __typename }".to_owned(),
            "{ policeStations(first: 1) { totalCount } __typename t: __typename }".to_owned(),
        ),
        (
            "DIRECTIVES",
            "{ policeStations(first: 1) { totalCount @include(if: true) } }".to_owned(),
            "{ policeStations(first: 1) { totalCount @include(if: true) @skip(if: false) } }"
                .to_owned(),
        ),
        ("DOCUMENT_SIZE", padded(400), padded(401)),
    ];
    for (limit, at, over) in cases {
        let (body, _) = run(&app, &at).await;
        assert!(
            body.get("errors").is_none(),
            "{limit}: at the limit must run: {body}"
        );
        let (body, statements) = run(&app, &over).await;
        assert_eq!(
            error_code(&body),
            Some("QUERY_TOO_COMPLEX"),
            "{limit}: {body}"
        );
        // Which limit it went over, for the client to act on.
        assert_eq!(body["errors"][0]["extensions"]["limit"], limit, "{body}");
        assert!(body["data"].is_null(), "{limit}: {body}");
        assert_eq!(statements, 0, "{limit}: refused before any SQL");
    }
}

#[tokio::test]
async fn fields_nested_deeper_than_the_parser_reads_are_over_the_depth_limit() {
    let app = TestApp::empty_with(Backend::Sqlite, tight()).await;
    // 70 levels: async-graphql's parser stops at 64, before any limit of ours measures.
    let deep = format!("{{{}{}}}", "a {".repeat(69) + "b", "}".repeat(69));
    let (body, statements) = run(&app, &deep).await;
    assert_eq!(error_code(&body), Some("QUERY_TOO_COMPLEX"), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["limit"], "DEPTH", "{body}");
    assert_eq!(statements, 0);
    // A syntax error is still the caller's input, not a limit.
    let (body, _) = run(&app, "{ policeStations(first: 1) { totalCount }").await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
}

/// Persons with their FIRs' parties, nested five levels deep: each representation costs
/// 2,212 (see `schema::limits`), so more than 452 exceed the default complexity budget.
const NESTED_PERSONS: &str = "query People($r: [_Any!]!) { _entities(representations: $r) {
    ... on Person { name parties { fir { parties { person { name parties { fir { parties {
    person { name } } } } } } } } } } }";

async fn entities_cost_every_representation_sent_in_a_variable(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_HOUSE_OFFICER", "MH-PUN-PS001", "MH-PUN-PS001.sho");
    let firs = app
        .data(
            Some(&officer),
            "{ firs(first: 5) { edges { node { parties { person { id } } } } } }",
            json!({}),
        )
        .await;
    let persons: Vec<Value> = nodes(&firs["firs"])
        .iter()
        .flat_map(|fir| fir["parties"].as_array().cloned().unwrap_or_default())
        .filter_map(|party| party["person"]["id"].as_str().map(str::to_owned))
        .map(|id| json!({ "__typename": "Person", "id": id }))
        .take(3)
        .collect();
    assert_eq!(persons.len(), 3, "{firs}");
    // A few persons: the document is within the budget and runs (whatever the policy
    // then shows of them).
    let before = app.stats.statements();
    let (_, body) = app
        .graphql(None, NESTED_PERSONS, json!({ "r": persons }))
        .await;
    assert_ne!(error_code(&body), Some("QUERY_TOO_COMPLEX"), "{body}");
    assert!(app.stats.statements() > before, "it ran: {body}");

    // The attempt: the same small document with 1,240 representations in its variable.
    let many: Vec<Value> = persons.iter().cycle().take(1_240).cloned().collect();
    let before = app.stats.statements();
    let (status, body) = app
        .graphql(None, NESTED_PERSONS, json!({ "r": many }))
        .await;
    // What comes back: the refusal, before a single SQL statement, and no data.
    assert_eq!(status, 200);
    assert_eq!(error_code(&body), Some("QUERY_TOO_COMPLEX"), "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["limit"], "COMPLEXITY",
        "{body}"
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("complexity"),
        "{body}"
    );
    assert!(body["data"].is_null(), "{body}");
    assert_eq!(app.stats.statements(), before, "refused before any SQL");
}
on_both!(entities_cost_every_representation_sent_in_a_variable);

#[tokio::test]
async fn batches_are_capped_and_bodies_bounded() {
    let app = TestApp::empty_with(Backend::Sqlite, tight()).await;
    let post = |body: Value| {
        app.client
            .post(format!("{}/graphql", app.base))
            .json(&body)
            .send()
    };
    let op = json!({ "query": "{ policeStations(first: 1) { totalCount } }" });
    let response = post(json!([op, op])).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let answers: Value = response.json().await.unwrap();
    assert_eq!(answers.as_array().map(Vec::len), Some(2), "{answers}");
    assert_eq!(answers[1]["data"]["policeStations"]["totalCount"], 0);

    let before = app.stats.statements();
    let response = post(json!([op, op, op])).await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), Some("QUERY_TOO_COMPLEX"), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["limit"], "BATCH", "{body}");
    assert_eq!(
        app.stats.statements(),
        before,
        "no operation of the batch ran"
    );

    let huge =
        json!({ "query": format!("{{ policeStations {{ totalCount }} }} #{}", "x".repeat(5000)) });
    let response = post(huge).await.unwrap();
    assert_eq!(response.status().as_u16(), 413);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
}

#[tokio::test]
async fn an_operation_that_runs_too_long_is_stopped() {
    let options = RouterOptions {
        request_timeout: Duration::ZERO,
        ..tests::unlimited()
    };
    // An operation whose statements take longer than the timer's millisecond tick: on an
    // empty database a one-statement query could answer before the deadline fired.
    let app = TestApp::with_demo_data_and(Backend::Sqlite, options).await;
    let (status, body) = app
        .graphql(
            None,
            "{ policeStations(first: 100) { totalCount edges { node { name \
             firs(first: 100) { totalCount edges { node { number registeredAt } } } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(error_code(&body), Some("QUERY_TOO_COMPLEX"), "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["limit"], "TIMEOUT",
        "{body}"
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ran longer"),
        "{body}"
    );
}

#[tokio::test]
async fn the_default_limits_admit_graphiql_introspection() {
    let app = TestApp::empty(Backend::Sqlite).await;
    let introspection = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/introspection.graphql"
    ))
    .unwrap();
    let (_, body) = app.graphql(None, &introspection, json!({})).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert!(body["data"]["__schema"]["types"].as_array().unwrap().len() > 100);
}

#[tokio::test]
async fn callers_over_their_rate_are_refused_with_retry_after() {
    let options = RouterOptions {
        rate_limits: RateLimits {
            identified_per_minute: 8,
            anonymous_per_minute: 4,
        },
        ..tests::unlimited()
    };
    let app = TestApp::with_demo_data_and(Backend::Sqlite, options).await;
    let query = "{ policeStations(first: 1) { totalCount } }";
    let post = |token: Option<String>| {
        let mut request = app
            .client
            .post(format!("{}/graphql", app.base))
            .json(&json!({ "query": query }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    // Anonymous callers share their address's bucket: one operation (a quarter of 4).
    assert_eq!(post(None).await.unwrap().status().as_u16(), 200);
    let before = app.stats.statements();
    let refused = post(None).await.unwrap();
    assert_eq!(refused.status().as_u16(), 429);
    let retry: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15).contains(&retry), "{retry}");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(error_code(&body), Some("RATE_LIMITED"), "{body}");
    assert_eq!(app.stats.statements(), before, "refused before running");
    // An officer has a bucket of their own (two operations), and so has the next.
    let officer = || Some(app.token("STATION_OFFICER", "MH-PUN-PS001", "rate.officer"));
    for _ in 0..2 {
        assert_eq!(post(officer()).await.unwrap().status().as_u16(), 200);
    }
    assert_eq!(post(officer()).await.unwrap().status().as_u16(), 429);
    let other = Some(app.token("STATION_OFFICER", "MH-PUN-PS001", "rate.other"));
    assert_eq!(post(other).await.unwrap().status().as_u16(), 200);
    // Over WebSocket, each operation counts the same way, whatever the connection.
    let socket = app.token("STATION_OFFICER", "MH-PUN-PS001", "rate.socket");
    let scenario = json!({ "token": socket, "query": query });
    let results = app
        .ws_scenarios(json!([scenario, scenario, scenario]))
        .await;
    for result in &results[..2] {
        assert!(
            result["data"]["policeStations"]["totalCount"].is_number(),
            "{result}"
        );
    }
    assert_eq!(
        results[2]["errors"][0]["extensions"]["code"], "RATE_LIMITED",
        "{}",
        results[2]
    );
}
