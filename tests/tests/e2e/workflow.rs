//! The case spine as mutations, end to end over HTTP: complaint → FIR → IO → diary →
//! arrest → seizure → chargesheet → court case → hearings → remand and bail orders →
//! prison admission → release → judgment, with the event and audit record of every
//! step, and every illegal transition refused with `CONFLICT`.

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both, this_year};

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

/// The token, or none for an empty one (the anonymous caller).
fn bearer(token: &str) -> Option<&str> {
    (!token.is_empty()).then_some(token)
}

/// Runs `query`, expecting success, and checks it added exactly `events` to the outbox
/// and at least one audit record.
async fn step(app: &TestApp, token: &str, query: &str, vars: Value, events: &[&str]) -> Value {
    let (before, audited) = trail(app).await;
    let data = app.data(bearer(token), query, vars).await;
    let (after, audited_after) = trail(app).await;
    assert_eq!(&after[before.len()..], events, "events of {query}");
    assert!(audited_after > audited, "audit record of {query}");
    data
}

async fn refused(app: &TestApp, token: &str, query: &str, vars: Value, code: &str) -> Value {
    let (before, _) = trail(app).await;
    let (_, body) = app.graphql(bearer(token), query, vars).await;
    assert_eq!(error_code(&body), Some(code), "{query}: {body}");
    assert_eq!(
        trail(app).await.0.len(),
        before.len(),
        "nothing emitted by a refused {query}"
    );
    body
}

const FILE: &str = "mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id petitionNumber status } }";
const CLOSE: &str = "mutation($c: ID!) { closeComplaint(complaintId: $c, reason: \"Settled between the parties\") { status } }";
const CONVERT: &str = "mutation($c: ID!, $input: RegisterFirInput!) { convertComplaintToFir(complaintId: $c, input: $input) { id case { id status } parties { role person { id } } } }";
const ASSIGN: &str = "mutation($case: ID!, $officer: ID!) { assignInvestigatingOfficer(caseId: $case, officerId: $officer) { status investigatingOfficer { name } ioHistory { officer { name } } } }";
const DIARY: &str = "mutation($case: ID!) { addCaseDiaryEntry(caseId: $case, content: \"Visited the spot; CCTV footage of the lane collected.\") { diary { content } } }";
const ARREST: &str = "mutation($input: RecordArrestInput!) { recordArrest(input: $input) { mode accused { code person { id } } } }";
const SEIZE: &str = "mutation($input: RecordSeizureInput!) { recordSeizure(input: $input) { nature items { category registrationNumber } } }";
const REPORT: &str = "mutation($input: FileFinalReportInput!) { fileFinalReport(input: $input) { kind supplementary } }";
const CASE: &str = "query($id: ID!) { case(id: $id) { status } }";
const COURT_CASE: &str = "mutation($input: RegisterCourtCaseInput!) { registerCourtCase(input: $input) { id cnr cases { status } } }";
const HEARING: &str = "mutation($cc: ID!, $date: NaiveDate!) { scheduleHearing(courtCaseId: $cc, date: $date, purpose: \"Appearance of accused\") { id date } }";
const OUTCOME: &str = "mutation($h: ID!, $next: NaiveDate) { recordHearingOutcome(hearingId: $h, outcome: \"Accused present; copies supplied\", nextDate: $next) { outcome nextDate } }";
const ORDER: &str =
    "mutation($input: IssueCourtOrderInput!) { issueCourtOrder(input: $input) { kind } }";
const ADMIT: &str = "mutation($input: AdmitPrisonerInput!) { admitPrisoner(input: $input) { id prisonerId category } }";
const MOVE: &str =
    "mutation($input: RecordPrisonMovementInput!) { recordPrisonMovement(input: $input) { id } }";
const RELEASE: &str =
    "mutation($r: ID!) { releasePrisoner(prisonRecordId: $r, reason: BAIL) { releasedAt } }";
const COURT: &str = "MH-PUN-CT01";
const PRISON: &str = "MH-PUN-PR1";

async fn complaint_to_judgment(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let constable = app.token("STATION_OFFICER", STATION, &format!("{STATION}.pc1"));
    let sho = app.token("STATION_HOUSE_OFFICER", STATION, &format!("{STATION}.sho"));
    let io_login = format!("{STATION}.io1");
    let io = app.token("INVESTIGATING_OFFICER", STATION, &io_login);
    let io_id = schema::ids::encode(
        "Officer",
        app.text(&format!(
            "SELECT CAST(id AS TEXT) FROM officer WHERE login_id = '{io_login}'"
        ))
        .await
        .parse()
        .unwrap(),
    )
    .0;

    // A citizen complains online; an anonymous caller must leave a phone number.
    let citizen = app.token("CITIZEN", "IN", "citizen-anil");
    let complaint = |complainant: Value| {
        json!({ "input": {
        "stationCode": STATION, "nature": "Theft of motorcycle",
        "description": "My motorcycle MH12XY9876 was stolen from the parking at night.",
        "complainant": complainant,
    } })
    };
    let anil = json!({ "name": "Anil Deshpande", "sex": "MALE", "birthYear": 1979, "phone": "9822098220" });
    let filed = step(
        &app,
        &citizen,
        FILE,
        complaint(anil.clone()),
        &["COMPLAINT_RECEIVED"],
    )
    .await;
    let petition = filed["fileComplaint"]["id"].as_str().unwrap().to_owned();
    assert!(
        filed["fileComplaint"]["petitionNumber"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{STATION}/PET/{}/", this_year()))
    );
    let mine = app
        .data(Some(&citizen), "{ myComplaints { totalCount } }", json!({}))
        .await;
    assert_eq!(mine["myComplaints"]["totalCount"], 1);
    refused(&app, "", FILE, complaint(Value::Null), "FORBIDDEN").await;
    let other = step(
        &app,
        "",
        FILE,
        complaint(json!({ "name": "A Neighbour", "sex": "FEMALE", "phone": "9000000001" })),
        &["COMPLAINT_RECEIVED"],
    )
    .await;
    let other = other["fileComplaint"]["id"].as_str().unwrap().to_owned();
    refused(&app, &citizen, CLOSE, json!({ "c": other }), "FORBIDDEN").await;
    step(&app, &constable, CLOSE, json!({ "c": other }), &[]).await;
    refused(&app, &constable, CLOSE, json!({ "c": other }), "CONFLICT").await;

    // The station registers the FIR on the complaint.
    let fir_input = json!({
        "stationCode": STATION, "type": "REGULAR",
        "occurredFrom": "2026-11-20T02:00:00Z", "occurredTo": "2026-11-20T04:00:00Z",
        "place": "Kothrud, Pune",
        "narrative": "Motorcycle MH12XY9876 stolen from the parking of Shanti Apartments at night.",
        "charges": [{ "act": "BNS", "section": "303(2)" }],
        "parties": [
            { "role": "COMPLAINANT", "person": anil },
            { "role": "ACCUSED", "person": { "name": "Vikram Shinde", "sex": "MALE", "birthYear": 1998 } },
            { "role": "WITNESS", "person": { "name": "Sunil More", "sex": "MALE" } },
        ],
    });
    let converted = step(
        &app,
        &constable,
        CONVERT,
        json!({ "c": petition, "input": fir_input }),
        &["FIR_REGISTERED"],
    )
    .await;
    refused(
        &app,
        &constable,
        CONVERT,
        json!({ "c": petition, "input": fir_input }),
        "CONFLICT",
    )
    .await;
    let status = app
        .data(
            Some(&citizen),
            "{ myComplaints { edges { node { status fir { id } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        status["myComplaints"]["edges"][0]["node"]["status"],
        "CONVERTED_TO_FIR"
    );
    let fir = json!({ "registerFir": converted["convertComplaintToFir"] });
    let case = fir["registerFir"]["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let parties = fir["registerFir"]["parties"].as_array().unwrap().clone();
    let accused = parties[1]["person"]["id"].as_str().unwrap().to_owned();
    let witness = parties[2]["person"]["id"].as_str().unwrap().to_owned();

    // Before an IO: no final report.
    let report = |kind: &str, charged: Value| json!({ "input": { "caseId": case, "kind": kind, "charged": charged, "notCharged": [] } });
    let body = refused(
        &app,
        &sho,
        REPORT,
        report("CHARGESHEET", json!([accused])),
        "CONFLICT",
    )
    .await;
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("REGISTERED"),
        "{body}"
    );
    // Only the SHO (or a supervisor over the station) assigns the IO.
    refused(
        &app,
        &constable,
        ASSIGN,
        json!({ "case": case, "officer": io_id }),
        "FORBIDDEN",
    )
    .await;
    let assigned = step(
        &app,
        &sho,
        ASSIGN,
        json!({ "case": case, "officer": io_id }),
        &["CASE_STATUS_CHANGED", "IO_ASSIGNED"],
    )
    .await;
    assert_eq!(
        assigned["assignInvestigatingOfficer"]["status"],
        "UNDER_INVESTIGATION"
    );
    assert_eq!(
        assigned["assignInvestigatingOfficer"]["ioHistory"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    refused(
        &app,
        &sho,
        ASSIGN,
        json!({ "case": case, "officer": io_id }),
        "CONFLICT",
    )
    .await;

    let diary = step(&app, &io, DIARY, json!({ "case": case }), &[]).await;
    assert_eq!(
        diary["addCaseDiaryEntry"]["diary"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let arrest = |person: &str| json!({ "input": { "caseId": case, "personId": person, "arrestedAt": "2026-11-25T10:00:00Z", "place": "Swargate", "mode": "ARRESTED_FORWARDED", "relativeInformed": "Father, by phone" } });
    let body = refused(&app, &io, ARREST, arrest(&witness), "BAD_USER_INPUT").await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.personId",
        "{body}"
    );
    let arrested = step(&app, &io, ARREST, arrest(&accused), &["ACCUSED_ARRESTED"]).await;
    assert_eq!(
        arrested["recordArrest"]["accused"]["person"]["id"],
        accused.as_str()
    );
    assert_eq!(arrested["recordArrest"]["accused"]["code"], "A1");
    // Another station cannot write this case.
    let stranger = app.token("STATION_OFFICER", "MH-PUN-PS002", "MH-PUN-PS002.pc1");
    refused(&app, &stranger, ARREST, arrest(&accused), "FORBIDDEN").await;

    let seizure = json!({ "input": { "caseId": case, "seizedAt": "2026-11-25T11:00:00Z", "nature": "STOLEN", "items": [
        { "category": "VEHICLE", "description": "Hero Splendor motorcycle", "status": "RECOVERED", "registrationNumber": "MH 12 XY 9876", "value": 65000 },
    ] } });
    let seized = step(&app, &io, SEIZE, seizure, &["PROPERTY_SEIZED"]).await;
    assert_eq!(
        seized["recordSeizure"]["items"][0]["registrationNumber"],
        "MH 12 XY 9876"
    );
    let normalized = app.text("SELECT registration_normalized FROM property_item WHERE registration_number = 'MH 12 XY 9876'").await;
    assert_eq!(normalized, "MH12XY9876");
    let bad_item = json!({ "input": { "caseId": case, "seizedAt": "2026-11-25T11:00:00Z", "nature": "INVOLVED", "items": [
        { "category": "MOBILE", "description": "Phone", "status": "SEIZED" } ] } });
    let body = refused(&app, &io, SEIZE, bad_item, "BAD_USER_INPUT").await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"],
        "input.items[0].imei"
    );

    // No court case before a chargesheet.
    let early = json!({ "input": { "cnr": "ZZZZ990000012026", "courtCode": COURT, "caseType": "RCC", "caseNumber": 1, "caseYear": 2026, "caseIds": [case] } });
    let body = refused(
        &app,
        &app.token("COURT", COURT, "ecourts-pune"),
        COURT_CASE,
        early,
        "CONFLICT",
    )
    .await;
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("UNDER_INVESTIGATION"),
        "{body}"
    );
    // A closure must not charge anyone; a chargesheet must.
    refused(
        &app,
        &io,
        REPORT,
        report("UNTRACED", json!([accused])),
        "BAD_USER_INPUT",
    )
    .await;
    let filed = step(
        &app,
        &io,
        REPORT,
        report("CHARGESHEET", json!([accused])),
        &["CASE_STATUS_CHANGED", "FINAL_REPORT_FILED"],
    )
    .await;
    assert_eq!(filed["fileFinalReport"]["supplementary"], false);
    assert_eq!(
        app.data(Some(&io), CASE, json!({ "id": case })).await["case"]["status"],
        "CHARGESHEETED"
    );
    // After a chargesheet: a closure is refused, a supplementary chargesheet accepted.
    refused(&app, &io, REPORT, report("UNTRACED", json!([])), "CONFLICT").await;
    let supplementary = step(
        &app,
        &io,
        REPORT,
        report("CHARGESHEET", json!([accused])),
        &["FINAL_REPORT_FILED"],
    )
    .await;
    assert_eq!(supplementary["fileFinalReport"]["supplementary"], true);

    // The court registers the court case; the police case goes to trial.
    let court = app.token("COURT", COURT, "ecourts-pune");
    let court_case = |cnr: &str| json!({ "input": { "cnr": cnr, "courtCode": COURT, "caseType": "RCC", "caseNumber": 812, "caseYear": 2026, "caseIds": [case] } });
    refused(
        &app,
        &io,
        COURT_CASE,
        court_case("MHPU010008122026"),
        "FORBIDDEN",
    )
    .await;
    let body = refused(
        &app,
        &court,
        COURT_CASE,
        court_case("MHPU01-0812"),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.cnr");
    let registered = step(
        &app,
        &court,
        COURT_CASE,
        court_case("mhpu010008122026"),
        &["CASE_STATUS_CHANGED", "COURT_CASE_REGISTERED"],
    )
    .await;
    let cc = registered["registerCourtCase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(registered["registerCourtCase"]["cnr"], "MHPU010008122026");
    assert_eq!(
        registered["registerCourtCase"]["cases"][0]["status"],
        "TRIAL"
    );
    refused(
        &app,
        &court,
        COURT_CASE,
        court_case("MHPU010008122026"),
        "CONFLICT",
    )
    .await;

    let hearing = step(
        &app,
        &court,
        HEARING,
        json!({ "cc": cc, "date": "2026-11-27" }),
        &["HEARING_SCHEDULED"],
    )
    .await;
    let h = hearing["scheduleHearing"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let outcome = step(
        &app,
        &court,
        OUTCOME,
        json!({ "h": h, "next": "2026-12-11" }),
        &["HEARING_OUTCOME_RECORDED", "HEARING_SCHEDULED"],
    )
    .await;
    assert_eq!(outcome["recordHearingOutcome"]["nextDate"], "2026-12-11");
    refused(&app, &court, OUTCOME, json!({ "h": h }), "CONFLICT").await;

    // Remand, admission to prison, bail, release.
    let order = |kind: &str, person: Option<&str>| json!({ "input": { "courtCaseId": cc, "kind": kind, "personId": person, "text": format!("{kind} order") } });
    step(
        &app,
        &court,
        ORDER,
        order("REMAND", Some(&accused)),
        &["COURT_ORDER_ISSUED"],
    )
    .await;
    let body = refused(
        &app,
        &court,
        ORDER,
        order("BAIL", Some(&witness)),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.personId");
    let prison = app.token("PRISON", PRISON, "eprisons-yerwada");
    let admission = json!({ "input": { "prisonCode": PRISON, "personId": accused, "category": "UNDERTRIAL", "courtCaseId": cc } });
    refused(&app, &court, ADMIT, admission.clone(), "FORBIDDEN").await;
    let admitted = step(
        &app,
        &prison,
        ADMIT,
        admission.clone(),
        &["PRISONER_ADMITTED"],
    )
    .await;
    let record = admitted["admitPrisoner"]["id"].as_str().unwrap().to_owned();
    assert!(
        admitted["admitPrisoner"]["prisonerId"]
            .as_str()
            .unwrap()
            .starts_with(&format!("MHPUNPR1/{}/", this_year()))
    );
    let body = refused(&app, &prison, ADMIT, admission.clone(), "CONFLICT").await;
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("already in custody"),
        "{body}"
    );
    step(&app, &prison, MOVE, json!({ "input": { "prisonRecordId": record, "kind": "COURT_PRODUCTION", "destinationCode": COURT } }), &[]).await;
    step(
        &app,
        &court,
        ORDER,
        order("BAIL", Some(&accused)),
        &["COURT_ORDER_ISSUED"],
    )
    .await;
    step(
        &app,
        &prison,
        RELEASE,
        json!({ "r": record }),
        &["PRISONER_RELEASED"],
    )
    .await;
    refused(&app, &prison, RELEASE, json!({ "r": record }), "CONFLICT").await;

    // Judgment: every accused must be disposed of; the cases are DISPOSED.
    let judgment = |disposals: Value| json!({ "input": { "courtCaseId": cc, "kind": "JUDGMENT", "text": "Judgment pronounced in open court.", "disposals": disposals } });
    let body = refused(&app, &court, ORDER, judgment(json!([])), "BAD_USER_INPUT").await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.disposals");
    let body = refused(
        &app,
        &court,
        ORDER,
        judgment(json!([{ "personId": accused, "result": "CONVICTED" }])),
        "BAD_USER_INPUT",
    )
    .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"],
        "input.disposals[0].sentence"
    );
    step(&app, &court, ORDER, judgment(json!([{ "personId": accused, "result": "CONVICTED", "sentence": "Rigorous imprisonment for 2 years and fine of Rs 5,000" }])),
        &["CASE_STATUS_CHANGED", "JUDGMENT_DELIVERED"]).await;
    assert_eq!(
        app.data(Some(&io), CASE, json!({ "id": case })).await["case"]["status"],
        "DISPOSED"
    );
    refused(
        &app,
        &court,
        ORDER,
        order("SUMMONS", Some(&accused)),
        "CONFLICT",
    )
    .await;
    refused(&app, &io, DIARY, json!({ "case": case }), "CONFLICT").await;
    // The convict is admitted on the judgment.
    let convict = json!({ "input": { "prisonCode": PRISON, "personId": accused, "category": "CONVICT", "courtCaseId": cc } });
    step(&app, &prison, ADMIT, convict, &["PRISONER_ADMITTED"]).await;
    // Every status the case passed through moved it in the statistics tally.
    app.assert_tally_agrees().await;
}
on_both!(complaint_to_judgment);
