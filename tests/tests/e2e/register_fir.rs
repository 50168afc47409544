//! `registerFir`: validation, authority, numbering under concurrency, idempotency, and
//! all-or-nothing writes (the FIR, its case, parties, event and audit record together).

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both, this_year};

const STATION: &str = "MH-PUN-PS001";

const REGISTER: &str = "mutation($input: RegisterFirInput!, $key: String) { \
    registerFir(input: $input, idempotencyKey: $key) { id number serial year victimIdentityProtected \
    charges { act section } parties { role code person { id name } } case { status } } }";

fn input(charges: Value, parties: Value) -> Value {
    json!({
        "stationCode": STATION,
        "type": "REGULAR",
        "occurredFrom": "2026-11-28T21:30:00Z",
        "occurredTo": "2026-11-28T22:00:00Z",
        "place": "Near Deccan bus stop, Pune",
        "narrative": "The complainant reports that his motorcycle MH12AB1234 was stolen from outside his house.",
        "charges": charges,
        "parties": parties,
    })
}

fn theft() -> Value {
    input(
        json!([{ "act": "BNS", "section": "303(2)" }]),
        json!([
            { "role": "COMPLAINANT", "person": { "name": "Sandeep Kulkarni", "sex": "MALE", "birthYear": 1984, "phone": "98220 12345", "address": "Flat 4, Shivaji Nagar, Pune" } },
            { "role": "ACCUSED", "person": { "name": "Unknown Rider", "sex": "MALE" } },
        ]),
    )
}

async fn count(app: &TestApp, table: &str) -> i64 {
    app.text(&format!("SELECT CAST(COUNT(*) AS TEXT) FROM {table}"))
        .await
        .parse()
        .unwrap()
}

async fn counts(app: &TestApp) -> [i64; 5] {
    [
        count(app, "fir").await,
        count(app, "police_case").await,
        count(app, "case_party").await,
        count(app, "domain_event").await,
        count(app, "audit_record WHERE operation = 'registerFir'").await,
    ]
}

async fn last_serial(app: &TestApp) -> i64 {
    app.text(&format!(
        "SELECT CAST(COALESCE(MAX(c.last_serial), 0) AS TEXT) FROM fir_serial_counter c JOIN org_unit u ON u.id = c.station_id \
         WHERE u.code = '{STATION}' AND c.year = {}",
        this_year()
    ))
    .await
    .parse()
    .unwrap()
}

fn officer(app: &TestApp) -> String {
    app.token("STATION_OFFICER", STATION, &format!("{STATION}.pc1"))
}

async fn an_fir_is_registered_with_its_case_parties_event_and_audit(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let before = counts(&app).await;
    let serial = last_serial(&app).await;
    // An existing person the officer reads in full: named at their own station, shielded nowhere.
    let existing = app.text(&format!("SELECT CAST(p.id AS TEXT) FROM person p WHERE EXISTS (SELECT 1 FROM case_party cp \
        JOIN fir f ON f.id = cp.fir_id JOIN org_unit u ON u.id = f.station_id WHERE cp.person_id = p.id AND u.code = '{STATION}') \
        AND NOT EXISTS (SELECT 1 FROM case_party cp JOIN fir f ON f.id = cp.fir_id WHERE cp.person_id = p.id \
        AND (cp.juvenile = TRUE OR (f.victim_identity_protected = TRUE AND cp.role IN ('VICTIM', 'COMPLAINANT')))) ORDER BY p.id LIMIT 1")).await;
    let mut fir = theft();
    fir["parties"].as_array_mut().unwrap().push(json!({ "role": "ACCUSED", "personId": schema::ids::encode("Person", existing.parse().unwrap()).0 }));
    let data = app
        .data(Some(&officer(&app)), REGISTER, json!({ "input": fir }))
        .await;
    let fir = &data["registerFir"];
    assert_eq!(fir["serial"], serial + 1);
    assert_eq!(fir["year"], this_year());
    assert_eq!(fir["number"], format!("{:04}/{}", serial + 1, this_year()));
    assert_eq!(fir["victimIdentityProtected"], false);
    assert_eq!(
        fir["charges"],
        json!([{ "act": "BNS", "section": "303(2)" }])
    );
    assert_eq!(fir["case"]["status"], "REGISTERED");
    let codes: Vec<&Value> = fir["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["code"])
        .collect();
    assert_eq!(codes, [&Value::Null, &json!("A1"), &json!("A2")]);
    assert_eq!(fir["parties"][0]["person"]["name"], "Sandeep Kulkarni");
    assert_eq!(
        fir["parties"][2]["person"]["id"],
        schema::ids::encode("Person", existing.parse().unwrap()).0
    );

    let after = counts(&app).await;
    assert_eq!(
        [
            after[0] - before[0],
            after[1] - before[1],
            after[2] - before[2],
            after[3] - before[3]
        ],
        [1, 1, 3, 1]
    );
    assert!(after[4] > before[4], "audited");
    let (event_type, event): (String, String) = app
        .row("SELECT event_type, CAST(subject_refs AS TEXT) FROM domain_event ORDER BY id DESC LIMIT 1")
        .await;
    assert_eq!(event_type, "FIR_REGISTERED", "{event}");
    assert!(event.contains(fir["id"].as_str().unwrap()), "{event}");
    assert!(
        !event.contains("Kulkarni"),
        "events carry ids, never names: {event}"
    );
    // The new person can be found by name, with the phone recorded.
    let found = app
        .data(
            Some(&officer(&app)),
            "{ persons(filter: { name: \"kulkarni sandeep\" }) { edges { node { name phone } } } }",
            json!({}),
        )
        .await;
    assert!(
        found["persons"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["node"]["phone"] == "9822012345"),
        "{found}"
    );
}
on_both!(an_fir_is_registered_with_its_case_parties_event_and_audit);

async fn sexual_offence_charges_protect_the_victim(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let fir = input(
        json!([{ "act": "BNS", "section": "64" }, { "act": "POCSO", "section": "4" }]),
        json!([{ "role": "VICTIM", "person": { "name": "Asha Pawar", "sex": "FEMALE", "birthYear": 2012 } },
               { "role": "COMPLAINANT", "person": { "name": "Meena Pawar", "sex": "FEMALE" } },
               { "role": "ACCUSED", "person": { "name": "Rakesh Jadhav", "sex": "MALE", "birthYear": 2010 } }]),
    );
    let data = app
        .data(Some(&officer(&app)), REGISTER, json!({ "input": fir }))
        .await;
    assert_eq!(data["registerFir"]["victimIdentityProtected"], true);
    // The registering constable is not the SHO: the victim is shown as a pseudonym.
    assert_eq!(
        data["registerFir"]["parties"][0]["person"]["name"],
        "Victim-1"
    );
    // A 16-year-old accused is recorded as a child in conflict with law.
    let juvenile = app.text("SELECT CAST(cp.juvenile AS TEXT) FROM case_party cp JOIN person p ON p.id = cp.person_id WHERE p.name = 'Rakesh Jadhav'").await;
    assert!(juvenile == "1" || juvenile == "true", "{juvenile}");
}
on_both!(sexual_offence_charges_protect_the_victim);

async fn bad_input_names_the_field_and_writes_nothing(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let before = counts(&app).await;
    let serial = last_serial(&app).await;
    let token = officer(&app);
    let mut future = theft();
    future["occurredFrom"] = json!("2099-01-01T00:00:00Z");
    future["occurredTo"] = Value::Null;
    let mut backwards = theft();
    backwards["occurredTo"] = json!("2026-11-27T00:00:00Z");
    let unknown = input(
        json!([{ "act": "IPC", "section": "999Z" }]),
        theft()["parties"].clone(),
    );
    let no_charges = input(json!([]), theft()["parties"].clone());
    let local_unnamed = input(
        json!([{ "act": "LOCAL", "section": "110" }]),
        theft()["parties"].clone(),
    );
    let both = input(
        json!([{ "act": "BNS", "section": "303(2)" }]),
        json!([{ "role": "COMPLAINANT", "personId": "UGVyc29uOjE", "person": { "name": "X Y", "sex": "MALE" } }]),
    );
    let nameless = input(
        json!([{ "act": "BNS", "section": "303(2)" }]),
        json!([{ "role": "COMPLAINANT", "person": { "name": " . ", "sex": "MALE" } }]),
    );
    let mut short = theft();
    short["narrative"] = json!("stolen");
    for (case, fir, field) in [
        ("future", future, "input.occurredFrom"),
        ("backwards", backwards, "input.occurredTo"),
        ("unknown section", unknown, "input.charges[0].section"),
        ("no charges", no_charges, "input.charges"),
        (
            "local act unnamed",
            local_unnamed,
            "input.charges[0].localAct",
        ),
        ("personId and person", both, "input.parties[0]"),
        ("nameless person", nameless, "input.parties[0].person.name"),
        ("narrative", short, "input.narrative"),
    ] {
        let (_, body) = app
            .graphql(Some(&token), REGISTER, json!({ "input": fir }))
            .await;
        assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{case}: {body}");
        assert_eq!(
            body["errors"][0]["extensions"]["field"], field,
            "{case}: {body}"
        );
    }
    let missing = input(
        json!([{ "act": "BNS", "section": "303(2)" }]),
        json!([{ "role": "COMPLAINANT", "personId": schema::ids::encode("Person", 99_999_999).0 }]),
    );
    let (_, body) = app
        .graphql(Some(&token), REGISTER, json!({ "input": missing }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    let mut elsewhere = theft();
    elsewhere["stationCode"] = json!("NO-SUCH-PS");
    let (_, body) = app
        .graphql(Some(&token), REGISTER, json!({ "input": elsewhere }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.stationCode",
        "{body}"
    );

    assert_eq!(counts(&app).await, before, "nothing written");
    assert_eq!(last_serial(&app).await, serial, "no serial consumed");
}
on_both!(bad_input_names_the_field_and_writes_nothing);

async fn only_the_owning_station_registers_its_firs(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let before = counts(&app).await;
    for (who, token) in [
        (
            "another station's SHO",
            app.token("STATION_HOUSE_OFFICER", "MH-PUN-PS002", "x"),
        ),
        (
            "a supervisor over the station",
            app.token("SUPERVISOR", "MH-PUN", "sp"),
        ),
        ("an analyst", app.token("ANALYST", "IN", "a")),
        ("a court", app.token("COURT", "MH-PUN-CT01", "c")),
        ("a citizen", app.token("CITIZEN", "IN", "c")),
    ] {
        let (_, body) = app
            .graphql(Some(&token), REGISTER, json!({ "input": theft() }))
            .await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{who}: {body}");
    }
    let (_, body) = app
        .graphql(None, REGISTER, json!({ "input": theft() }))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "anonymous: {body}");
    assert_eq!(counts(&app).await[..4], before[..4], "nothing written");
    let denied = count(
        &app,
        "audit_record WHERE outcome = 'DENIED' AND fields = 'registerFir'",
    )
    .await;
    assert_eq!(denied, 6, "every refusal audited");
}
on_both!(only_the_owning_station_registers_its_firs);

async fn concurrent_registrations_get_consecutive_serials(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let serial = last_serial(&app).await;
    let token = officer(&app);
    let requests =
        (0..64).map(|_| app.graphql(Some(&token), REGISTER, json!({ "input": theft() })));
    let responses = futures_util::future::join_all(requests).await;
    let mut serials: Vec<i64> = responses
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, 200, "{body}");
            body["data"]["registerFir"]["serial"]
                .as_i64()
                .unwrap_or_else(|| panic!("{body}"))
        })
        .collect();
    serials.sort_unstable();
    let expected: Vec<i64> = (serial + 1..=serial + 64).collect();
    assert_eq!(serials, expected, "1..64 after the last serial, each once");
    assert_eq!(last_serial(&app).await, serial + 64);
}
on_both!(concurrent_registrations_get_consecutive_serials);

async fn a_retry_with_the_same_idempotency_key_writes_once(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let token = officer(&app);
    let before = counts(&app).await;
    let vars = json!({ "input": theft(), "key": "tablet-7:2026-11-29:0001" });
    let first = app.data(Some(&token), REGISTER, vars.clone()).await;
    let again = app.data(Some(&token), REGISTER, vars.clone()).await;
    assert_eq!(first["registerFir"]["id"], again["registerFir"]["id"]);
    let after = counts(&app).await;
    assert_eq!(
        [after[0] - before[0], after[3] - before[3]],
        [1, 1],
        "one FIR, one event"
    );
    // The same key from another caller is theirs, not a replay.
    let other = app.token("STATION_HOUSE_OFFICER", STATION, &format!("{STATION}.sho"));
    let theirs = app.data(Some(&other), REGISTER, vars).await;
    assert_ne!(theirs["registerFir"]["id"], first["registerFir"]["id"]);
}
on_both!(a_retry_with_the_same_idempotency_key_writes_once);

async fn a_failure_after_the_fir_insert_leaves_nothing_behind(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let before = counts(&app).await;
    let serial = last_serial(&app).await;
    // Make the outbox insert (after the FIR, case and parties) fail.
    let inject: &[&str] = match app.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => &[
            "CREATE FUNCTION fail_events() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER fail_events BEFORE INSERT ON domain_event FOR EACH ROW EXECUTE FUNCTION fail_events()",
        ],
        _ => &[
            "CREATE TRIGGER fail_events BEFORE INSERT ON domain_event BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
        ],
    };
    for sql in inject {
        sea_orm::ConnectionTrait::execute_unprepared(&app.db, sql)
            .await
            .expect("inject");
    }
    let (_, body) = app
        .graphql(Some(&officer(&app)), REGISTER, json!({ "input": theft() }))
        .await;
    assert_eq!(error_code(&body), Some("INTERNAL"), "{body}");
    assert!(
        !body.to_string().contains("injected"),
        "no database message leaks: {body}"
    );
    assert_eq!(
        counts(&app).await,
        before,
        "no FIR, case, party, event or audit row"
    );
    assert_eq!(
        last_serial(&app).await,
        serial,
        "the serial is not consumed"
    );
    sea_orm::ConnectionTrait::execute_unprepared(
        &app.db,
        "DROP TRIGGER fail_events ON domain_event",
    )
    .await
    .ok();
    sea_orm::ConnectionTrait::execute_unprepared(&app.db, "DROP TRIGGER fail_events")
        .await
        .ok();
    let data = app
        .data(Some(&officer(&app)), REGISTER, json!({ "input": theft() }))
        .await;
    assert_eq!(
        data["registerFir"]["serial"],
        serial + 1,
        "the next FIR takes the serial"
    );
}
on_both!(a_failure_after_the_fir_insert_leaves_nothing_behind);
