//! A flood of bad tokens (issue 18, item 13): each refused token counts against the
//! client address's rate, so the flood is refused with `RATE_LIMITED`; and the audit
//! trail gets one row per address and window with the count, not a row per request.

use std::time::Duration;

use gateway::cli::Cli;
use gateway::config::RouterOptions;
use gateway::rate_limit::RateLimits;
use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both};

const QUERY: &str = "{ policeStations(first: 1) { totalCount } }";

/// Requests in the flood.
const FLOOD: usize = 20;

/// The audit window for refused tokens in this test (a minute in production).
const WINDOW: Duration = Duration::from_secs(2);

/// A bucket of two operations per address (a quarter of 8 a minute), and the audit rows
/// of refused tokens counted per [`WINDOW`].
fn options() -> RouterOptions {
    RouterOptions {
        rate_limits: RateLimits {
            identified_per_minute: 8,
            anonymous_per_minute: 8,
        },
        refused_token_window: WINDOW,
        ..tests::unlimited()
    }
}

/// POSTs [`QUERY`] with `token` (none: anonymous); returns the status and body.
async fn post(app: &TestApp, token: Option<&str>) -> (u16, Value) {
    let mut request = app
        .client
        .post(format!("{}/graphql", app.base))
        .json(&json!({ "query": QUERY }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}

/// The client address and `fields` of every refused-token row of the audit trail.
async fn refusal_rows(app: &TestApp) -> Vec<(String, String)> {
    app.rows(
        "SELECT COALESCE(client_addr, ''), COALESCE(fields, '') FROM audit_record \
         WHERE operation = 'authenticate' ORDER BY id",
    )
    .await
}

async fn a_flood_of_bad_tokens_is_rate_limited_and_audited_per_address_and_minute(
    backend: Backend,
) {
    let app = TestApp::with_demo_data_and(backend, options()).await;
    let officer = app.token("STATION_OFFICER", "MH-PUN-PS001", "bad-tokens.officer");
    let forged = format!("{}x", officer);

    // The attempt: a flood of forged tokens from one address.
    let before = app.stats.statements();
    let mut statuses = Vec::new();
    for _ in 0..FLOOD {
        let (status, body) = post(&app, Some(&forged)).await;
        let expected = if status == 401 {
            "UNAUTHENTICATED"
        } else {
            "RATE_LIMITED"
        };
        assert_eq!(error_code(&body), Some(expected), "{body}");
        statuses.push(status);
    }
    // What the attacker sees: the address's two operations refused as bad tokens,
    // then the rest refused for the rate; and the flood cost the database nothing
    // (at most one aggregated row, begin to commit, if a window closed meanwhile).
    assert_eq!(&statuses[..2], [401, 401]);
    assert!(statuses[2..].iter().all(|s| *s == 429), "{statuses:?}");
    let spent = app.stats.statements() - before;
    assert!(
        spent <= 5,
        "{spent} statements: no audit row is written per request"
    );
    // The address's anonymous requests share the spent bucket; an officer's token has
    // a bucket of its own.
    assert_eq!(post(&app, None).await.0, 429);
    assert_eq!(post(&app, Some(&officer)).await.0, 200);

    // What the audit trail holds once the window has closed: one row per address and
    // window (the flood may straddle two), counting every refused token.
    let mut rows = Vec::new();
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        rows = refusal_rows(&app).await;
        let counted: usize = rows.iter().map(|(_, fields)| refused(fields)).sum();
        if counted == FLOOD {
            break;
        }
    }
    assert!((1..=2).contains(&rows.len()), "{rows:?}");
    assert_eq!(
        rows.iter()
            .map(|(_, fields)| refused(fields))
            .sum::<usize>(),
        FLOOD,
        "{rows:?}"
    );
    for (address, fields) in &rows {
        assert_eq!(address, "127.0.0.1", "{fields}");
        assert!(fields.starts_with("refused="), "{fields}");
    }

    // The hash chain still verifies.
    let verify = <Cli as clap::Parser>::try_parse_from([
        "cctns",
        "audit",
        "verify",
        "--database-url",
        &app.url,
    ])
    .unwrap();
    gateway::cli::run(verify)
        .await
        .expect("the audit chain verifies");
}
on_both!(a_flood_of_bad_tokens_is_rate_limited_and_audited_per_address_and_minute);

/// The `refused=N` count in the `fields` of an audit row from [`refusal_rows`].
fn refused(fields: &str) -> usize {
    fields
        .split(',')
        .find_map(|field| field.strip_prefix("refused="))
        .expect("a refused=N field")
        .parse()
        .expect("a count")
}
