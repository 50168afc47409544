//! The case spine as mutations, end to end over HTTP: FIR → IO → diary → arrest →
//! seizure → chargesheet, with the event and audit record of every step, and every
//! illegal transition refused with `CONFLICT`.

use serde_json::{Value, json};
use tests::{TestApp, error_code, on_both};

const STATION: &str = "MH-PUN-PS001";

/// Events and audited writes so far.
async fn trail(app: &TestApp) -> (Vec<String>, i64) {
    let events = app
        .texts("SELECT event_type FROM domain_event ORDER BY id")
        .await;
    let audited = app
        .text("SELECT CAST(COUNT(*) AS TEXT) FROM audit_record WHERE outcome = 'ALLOWED' AND record_type IS NOT NULL AND operation NOT LIKE '%.%'")
        .await
        .parse()
        .unwrap();
    (events, audited)
}

/// Runs `query`, expecting success, and checks it added exactly `events` to the outbox
/// and at least one audit record.
async fn step(app: &TestApp, token: &str, query: &str, vars: Value, events: &[&str]) -> Value {
    let (before, audited) = trail(app).await;
    let data = app.data(Some(token), query, vars).await;
    let (after, audited_after) = trail(app).await;
    assert_eq!(&after[before.len()..], events, "events of {query}");
    assert!(audited_after > audited, "audit record of {query}");
    data
}

async fn refused(app: &TestApp, token: &str, query: &str, vars: Value, code: &str) -> Value {
    let (before, _) = trail(app).await;
    let (_, body) = app.graphql(Some(token), query, vars).await;
    assert_eq!(error_code(&body), Some(code), "{query}: {body}");
    assert_eq!(
        trail(app).await.0.len(),
        before.len(),
        "nothing emitted by a refused {query}"
    );
    body
}

const REGISTER: &str = "mutation($input: RegisterFirInput!) { registerFir(input: $input) { id case { id status } parties { role person { id } } } }";
const ASSIGN: &str = "mutation($case: ID!, $officer: ID!) { assignInvestigatingOfficer(caseId: $case, officerId: $officer) { status investigatingOfficer { name } ioHistory { officer { name } } } }";
const DIARY: &str = "mutation($case: ID!) { addCaseDiaryEntry(caseId: $case, content: \"Visited the spot; CCTV footage of the lane collected.\") { diary { content } } }";
const ARREST: &str = "mutation($input: RecordArrestInput!) { recordArrest(input: $input) { mode accused { code person { id } } } }";
const SEIZE: &str = "mutation($input: RecordSeizureInput!) { recordSeizure(input: $input) { nature items { category registrationNumber } } }";
const REPORT: &str = "mutation($input: FileFinalReportInput!) { fileFinalReport(input: $input) { kind supplementary } }";
const CASE: &str = "query($id: ID!) { case(id: $id) { status } }";

on_both! {
    async fn complaint_to_chargesheet(backend: Backend) {
        let app = TestApp::with_demo_data(backend).await;
        let constable = app.token("STATION_OFFICER", STATION, &format!("{STATION}.pc1"));
        let sho = app.token("STATION_HOUSE_OFFICER", STATION, &format!("{STATION}.sho"));
        let io_login = format!("{STATION}.io1");
        let io = app.token("INVESTIGATING_OFFICER", STATION, &io_login);
        let io_id = schema::ids::encode("Officer", app.text(&format!("SELECT CAST(id AS TEXT) FROM officer WHERE login_id = '{io_login}'")).await.parse().unwrap()).0;

        let fir = step(&app, &constable, REGISTER, json!({ "input": {
            "stationCode": STATION, "type": "REGULAR",
            "occurredFrom": "2026-11-20T02:00:00Z", "occurredTo": "2026-11-20T04:00:00Z",
            "place": "Kothrud, Pune",
            "narrative": "Motorcycle MH12XY9876 stolen from the parking of Shanti Apartments at night.",
            "charges": [{ "act": "BNS", "section": "303(2)" }],
            "parties": [
                { "role": "COMPLAINANT", "person": { "name": "Anil Deshpande", "sex": "MALE", "birthYear": 1979 } },
                { "role": "ACCUSED", "person": { "name": "Vikram Shinde", "sex": "MALE", "birthYear": 1998 } },
                { "role": "WITNESS", "person": { "name": "Sunil More", "sex": "MALE" } },
            ],
        } }), &["FIR_REGISTERED"]).await;
        let case = fir["registerFir"]["case"]["id"].as_str().unwrap().to_owned();
        let parties = fir["registerFir"]["parties"].as_array().unwrap().clone();
        let accused = parties[1]["person"]["id"].as_str().unwrap().to_owned();
        let witness = parties[2]["person"]["id"].as_str().unwrap().to_owned();

        // Before an IO: no final report.
        let report = |kind: &str, charged: Value| json!({ "input": { "caseId": case, "kind": kind, "charged": charged, "notCharged": [] } });
        let body = refused(&app, &sho, REPORT, report("CHARGESHEET", json!([accused])), "CONFLICT").await;
        assert!(body["errors"][0]["message"].as_str().unwrap().contains("REGISTERED"), "{body}");
        // Only the SHO (or a supervisor over the station) assigns the IO.
        refused(&app, &constable, ASSIGN, json!({ "case": case, "officer": io_id }), "FORBIDDEN").await;
        let assigned = step(&app, &sho, ASSIGN, json!({ "case": case, "officer": io_id }), &["CASE_STATUS_CHANGED", "IO_ASSIGNED"]).await;
        assert_eq!(assigned["assignInvestigatingOfficer"]["status"], "UNDER_INVESTIGATION");
        assert_eq!(assigned["assignInvestigatingOfficer"]["ioHistory"].as_array().unwrap().len(), 1);
        refused(&app, &sho, ASSIGN, json!({ "case": case, "officer": io_id }), "CONFLICT").await;

        let diary = step(&app, &io, DIARY, json!({ "case": case }), &[]).await;
        assert_eq!(diary["addCaseDiaryEntry"]["diary"].as_array().unwrap().len(), 1);

        let arrest = |person: &str| json!({ "input": { "caseId": case, "personId": person, "arrestedAt": "2026-11-25T10:00:00Z", "place": "Swargate", "mode": "ARRESTED_FORWARDED", "relativeInformed": "Father, by phone" } });
        let body = refused(&app, &io, ARREST, arrest(&witness), "BAD_USER_INPUT").await;
        assert_eq!(body["errors"][0]["extensions"]["field"], "input.personId", "{body}");
        let arrested = step(&app, &io, ARREST, arrest(&accused), &["ACCUSED_ARRESTED"]).await;
        assert_eq!(arrested["recordArrest"]["accused"]["person"]["id"], accused.as_str());
        assert_eq!(arrested["recordArrest"]["accused"]["code"], "A1");
        // Another station cannot write this case.
        let stranger = app.token("STATION_OFFICER", "MH-PUN-PS002", "MH-PUN-PS002.pc1");
        refused(&app, &stranger, ARREST, arrest(&accused), "FORBIDDEN").await;

        let seizure = json!({ "input": { "caseId": case, "seizedAt": "2026-11-25T11:00:00Z", "nature": "STOLEN", "items": [
            { "category": "VEHICLE", "description": "Hero Splendor motorcycle", "status": "RECOVERED", "registrationNumber": "MH 12 XY 9876", "value": 65000 },
        ] } });
        let seized = step(&app, &io, SEIZE, seizure, &["PROPERTY_SEIZED"]).await;
        assert_eq!(seized["recordSeizure"]["items"][0]["registrationNumber"], "MH 12 XY 9876");
        let normalized = app.text("SELECT registration_normalized FROM property_item WHERE registration_number = 'MH 12 XY 9876'").await;
        assert_eq!(normalized, "MH12XY9876");
        let bad_item = json!({ "input": { "caseId": case, "seizedAt": "2026-11-25T11:00:00Z", "nature": "INVOLVED", "items": [
            { "category": "MOBILE", "description": "Phone", "status": "SEIZED" } ] } });
        let body = refused(&app, &io, SEIZE, bad_item, "BAD_USER_INPUT").await;
        assert_eq!(body["errors"][0]["extensions"]["field"], "input.items[0].imei");

        // A closure must not charge anyone; a chargesheet must.
        refused(&app, &io, REPORT, report("UNTRACED", json!([accused])), "BAD_USER_INPUT").await;
        let filed = step(&app, &io, REPORT, report("CHARGESHEET", json!([accused])), &["CASE_STATUS_CHANGED", "FINAL_REPORT_FILED"]).await;
        assert_eq!(filed["fileFinalReport"]["supplementary"], false);
        assert_eq!(app.data(Some(&io), CASE, json!({ "id": case })).await["case"]["status"], "CHARGESHEETED");
        // After a chargesheet: a closure is refused, a supplementary chargesheet accepted.
        refused(&app, &io, REPORT, report("UNTRACED", json!([])), "CONFLICT").await;
        let supplementary = step(&app, &io, REPORT, report("CHARGESHEET", json!([accused])), &["FINAL_REPORT_FILED"]).await;
        assert_eq!(supplementary["fileFinalReport"]["supplementary"], true);
    }
}
