//! The `events` subscription with the npm `graphql-ws` client: events from mutations
//! made over HTTP, resumption with `afterId` (no gap, no duplicate, under concurrent
//! writes), who sees which events, and delivery across two gateway replicas over one
//! PostgreSQL.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};
use tests::{Backend, TestApp, on_both};

const STATION: &str = "MH-PUN-PS001";
const EVENTS: &str = "subscription($filter: EventFilter) { events(filter: $filter) { id type unit { code } subjectRefs { kind id } } }";
const REGISTER: &str = "mutation($input: RegisterFirInput!) { registerFir(input: $input) { id } }";

/// A running `tests/peers/events-client.mjs`, subscribed.
struct Subscriber {
    child: Child,
    out: BufReader<std::process::ChildStdout>,
    /// The client's result, when it finished before subscribing (a refusal).
    early: Option<String>,
}

impl Subscriber {
    /// Subscribes as `token` with `filter`, expecting `expect` events (0: expecting none,
    /// listening for 2 s); returns once the subscription is in place.
    async fn start(app: &TestApp, token: Option<&str>, filter: Value, expect: usize) -> Subscriber {
        Self::start_many(app, token, filter, expect, 1).await
    }

    /// As [`Subscriber::start`], with `count` subscriptions on one connection.
    async fn start_many(
        app: &TestApp,
        token: Option<&str>,
        filter: Value,
        expect: usize,
        count: usize,
    ) -> Subscriber {
        let script = tests::peer_script("events-client.mjs");
        let url = app.ws_url();
        let config = json!({ "token": token, "query": EVENTS, "variables": { "filter": filter }, "expect": expect, "timeoutMs": if expect == 0 { 2000 } else { 15000 }, "count": count });
        tokio::task::spawn_blocking(move || {
            let mut child = Command::new("node")
                .arg(script)
                .arg(url)
                .arg(config.to_string())
                .stdout(Stdio::piped())
                .spawn()
                .expect("node runs");
            let mut out = BufReader::new(child.stdout.take().expect("stdout"));
            let mut line = String::new();
            out.read_line(&mut line).expect("READY");
            let early = (line.trim() != "READY").then_some(line);
            Subscriber { child, out, early }
        })
        .await
        .expect("subscriber started")
    }

    /// Waits for the client to finish; returns what it received.
    async fn finish(self) -> Value {
        tokio::task::spawn_blocking(move || {
            let Subscriber {
                mut child,
                mut out,
                early,
            } = self;
            let mut line = early.unwrap_or_default();
            if line.is_empty() {
                out.read_line(&mut line).expect("result line");
            }
            child.wait().expect("client exits");
            serde_json::from_str::<Value>(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
        })
        .await
        .expect("subscriber finished")
    }
}

fn events_of(result: &Value) -> Vec<Value> {
    result["events"]
        .as_array()
        .unwrap_or_else(|| panic!("{result}"))
        .iter()
        .map(|p| {
            assert!(p.get("errors").is_none(), "{p}");
            p["data"]["events"].clone()
        })
        .collect()
}

fn ids(events: &[Value]) -> Vec<i64> {
    events
        .iter()
        .map(|e| e["id"].as_str().unwrap().parse().unwrap())
        .collect()
}

fn theft(station: &str) -> Value {
    json!({ "input": {
        "stationCode": station, "type": "REGULAR",
        "occurredFrom": "2026-11-28T21:30:00Z",
        "narrative": "Mobile phone stolen from the complainant's pocket in a crowded bus.",
        "charges": [{ "act": "BNS", "section": "303(2)" }],
        "parties": [{ "role": "COMPLAINANT", "person": { "name": "Rahul Patil", "sex": "MALE" } }],
    } })
}

async fn newest_event(app: &TestApp) -> String {
    app.text("SELECT CAST(COALESCE(MAX(id), 0) AS TEXT) FROM domain_event")
        .await
}

async fn events_arrive_in_order_and_resume_without_gap_or_duplicate(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", STATION, &format!("{STATION}.pc1"));
    let analyst = app.token("ANALYST", "IN", "analyst-events");
    let start = newest_event(&app).await;
    let live = Subscriber::start(
        &app,
        Some(&analyst),
        json!({ "afterId": start, "types": ["FIR_REGISTERED"] }),
        20,
    )
    .await;
    // 20 registrations at once, over HTTP.
    let writes = (0..20).map(|_| app.graphql(Some(&officer), REGISTER, theft(STATION)));
    for (status, body) in futures_util::future::join_all(writes).await {
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
    }
    let got = events_of(&live.finish().await);
    let got_ids = ids(&got);
    assert_eq!(got.len(), 20, "{got:?}");
    assert!(
        got_ids.windows(2).all(|w| w[0] < w[1]),
        "in order: {got_ids:?}"
    );
    assert!(
        got.iter()
            .all(|e| e["type"] == "FIR_REGISTERED" && e["unit"]["code"] == STATION)
    );
    assert!(
        got[0]["subjectRefs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "fir")
    );
    let stored: Vec<i64> = app
        .texts(&format!("SELECT CAST(id AS TEXT) FROM domain_event WHERE id > {start} AND event_type = 'FIR_REGISTERED' ORDER BY domain_event.id"))
        .await
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(got_ids, stored, "exactly the committed events");

    // Resume after the 5th, while more registrations are being made: the replay and
    // the live tail meet with no gap and no duplicate.
    let resume = Subscriber::start(
        &app,
        Some(&analyst),
        json!({ "afterId": got_ids[4].to_string(), "types": ["FIR_REGISTERED"] }),
        25,
    )
    .await;
    let writes = (0..10).map(|_| app.graphql(Some(&officer), REGISTER, theft(STATION)));
    futures_util::future::join_all(writes).await;
    let resumed = ids(&events_of(&resume.finish().await));
    let expected: Vec<i64> = app
        .texts(&format!("SELECT CAST(id AS TEXT) FROM domain_event WHERE id > {} AND event_type = 'FIR_REGISTERED' ORDER BY domain_event.id", got_ids[4]))
        .await
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(expected.len(), 25);
    assert_eq!(resumed, expected, "15 replayed, then 10 live, each once");
}
on_both!(events_arrive_in_order_and_resume_without_gap_or_duplicate);

async fn subscribers_see_only_what_they_may(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", STATION, &format!("{STATION}.pc1"));
    let start = newest_event(&app).await;
    let prison = app.token("PRISON", "MH-PUN-PR1", "eprisons");
    let other_district = app.token("STATION_OFFICER", "MH-MUM-PS001", "mum");
    let citizen = app.token("CITIZEN", "IN", "citizen-events");
    let prison_feed = Subscriber::start(&app, Some(&prison), json!({ "afterId": start }), 1).await;
    let narrowed = Subscriber::start(
        &app,
        Some(&other_district),
        json!({ "afterId": start, "unitCode": "MH-MUM" }),
        0,
    )
    .await;
    let citizen_feed =
        Subscriber::start(&app, Some(&citizen), json!({ "afterId": start }), 1).await;

    app.data(Some(&officer), REGISTER, theft(STATION)).await;
    let complaint = |who: Option<&str>| {
        json!({ "input": { "stationCode": STATION, "nature": "Noise", "description": "Loudspeakers played past midnight every day.",
        "complainant": if who.is_some() { Value::Null } else { json!({ "name": "A Neighbour", "sex": "FEMALE", "phone": "9000000002" }) } } })
    };
    let file = "mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }";
    app.data(None, file, complaint(None)).await;
    let mine = app
        .data(Some(&citizen), file, complaint(Some("citizen")))
        .await;
    // The prison's own event.
    let admit = "mutation($input: AdmitPrisonerInput!) { admitPrisoner(input: $input) { id } }";
    app.data(Some(&prison), admit, json!({ "input": { "prisonCode": "MH-PUN-PR1", "person": { "name": "Ganesh Shinde", "sex": "MALE", "birthYear": 1988 }, "category": "UNDERTRIAL", "warrantRef": "W-2026-77" } })).await;

    let seen = events_of(&prison_feed.finish().await);
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0]["type"], "PRISONER_ADMITTED",
        "a prison sees its own events, not the police station's: {seen:?}"
    );
    let seen = events_of(&citizen_feed.finish().await);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0]["type"], "COMPLAINT_RECEIVED");
    assert!(
        seen[0]["subjectRefs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == mine["fileComplaint"]["id"]),
        "their own complaint: {seen:?}"
    );
    let seen = narrowed.finish().await;
    assert_eq!(
        events_of(&seen).len(),
        0,
        "unitCode narrows to a subtree: {seen}"
    );
    assert_eq!(seen["timedOut"], true);

    for (who, token) in [
        ("auditor", Some(app.token("AUDITOR", "IN", "a"))),
        ("anonymous", None),
    ] {
        let refused = Subscriber::start(&app, token.as_deref(), json!({}), 1)
            .await
            .finish()
            .await;
        let error = refused["events"]
            .as_array()
            .and_then(|e| e.first())
            .map(|p| p["errors"][0]["extensions"]["code"].clone())
            .or_else(|| {
                refused["error"]
                    .as_array()
                    .map(|e| e[0]["extensions"]["code"].clone())
            });
        assert_eq!(error, Some(json!("FORBIDDEN")), "{who}: {refused}");
    }
}
on_both!(subscribers_see_only_what_they_may);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_cross_gateway_replicas_over_one_postgres() {
    let a = TestApp::with_demo_data(tests::Backend::Postgres).await;
    let b = a.replica().await;
    let officer = a.token("STATION_OFFICER", STATION, &format!("{STATION}.pc1"));
    let analyst = b.token("ANALYST", "IN", "analyst-replica");
    // Live only (no afterId): B learns of A's commit through LISTEN/NOTIFY.
    let feed = Subscriber::start(
        &b,
        Some(&analyst),
        json!({ "types": ["FIR_REGISTERED"] }),
        3,
    )
    .await;
    for _ in 0..3 {
        a.data(Some(&officer), REGISTER, theft(STATION)).await;
    }
    let got = events_of(&feed.finish().await);
    assert_eq!(
        got.len(),
        3,
        "committed through replica A, delivered by replica B: {got:?}"
    );
}

async fn connections_end_with_their_token_and_hold_a_bounded_number_of_subscriptions(
    backend: Backend,
) {
    let app = TestApp::with_demo_data(backend).await;
    // A token that expires in 2 s: the server closes the connection with 4403.
    let short = app.token_for("ANALYST", "IN", "short-lived", 2);
    let started = std::time::Instant::now();
    let closed = Subscriber::start(&app, Some(&short), json!({}), 1)
        .await
        .finish()
        .await;
    let code = closed["closed"]
        .as_i64()
        .or_else(|| closed["error"]["closed"].as_i64());
    assert_eq!(code, Some(4403), "{closed}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "closed at expiry"
    );

    // 33 subscriptions on one connection: the 33rd is refused, the others stand.
    let analyst = app.token("ANALYST", "IN", "many");
    let many = Subscriber::start_many(&app, Some(&analyst), json!({}), 0, 33)
        .await
        .finish()
        .await;
    let refusals = many["refusals"].as_object().unwrap();
    assert_eq!(refusals.len(), 1, "{many}");
    let refusal = refusals.values().next().unwrap();
    assert_eq!(refusal[0]["extensions"]["code"], "RATE_LIMITED", "{many}");
}
on_both!(connections_end_with_their_token_and_hold_a_bounded_number_of_subscriptions);
