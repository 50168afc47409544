//! The registers stations write: a missing-person report, an unidentified body and a
//! found person, each recorded only by the station's own staff, checked before anything
//! is written, and matched against each other by description.

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both};

const REPORT: &str = "mutation($input: ReportMissingPersonInput!) { \
    reportMissingPerson(input: $input) { id name status } }";
const FOUND: &str = "mutation($input: RegisterFoundPersonInput!) { \
    registerFoundPerson(input: $input) { id nameGiven placedWith status } }";
const BODY: &str = "mutation($input: FoundDescriptionInput!) { \
    registerUnidentifiedBody(input: $input) { id status } }";
const TO_FOUND: &str = "query($id: ID!) { matchMissingPersonToFound(id: $id) { score reasons \
    foundPerson { id } } }";
const FROM_FOUND: &str = "query($id: ID!) { matchFoundPerson(id: $id) { score reasons \
    missingPerson { id name } } }";
const TO_BODY: &str = "query($id: ID!) { matchMissingPerson(id: $id) { body { id } } }";
const LIST: &str =
    "{ foundPersons(first: 100) { edges { node { id nameGiven placedWith sex } } } }";

fn missing_child() -> Value {
    json!({
        "stationCode": "MH-PUN-PS001",
        "name": "Aarohi Kulkarni",
        "sex": "FEMALE",
        "ageYears": 7,
        "heightCm": 118,
        "marks": "Birthmark on left forearm, red frock with white dots, speaks Marathi",
        "missingSince": "2026-11-20T10:00:00Z",
        "lastSeenPlace": "Shaniwar Wada fair",
    })
}

fn found_child() -> Value {
    json!({
        "stationCode": "MH-PUN-PS002",
        "foundAt": "2026-11-21T08:30:00Z",
        "place": "Pune railway station, platform 3",
        "sex": "FEMALE",
        "ageMin": 6,
        "ageMax": 9,
        "heightCm": 120,
        "marks": "Birthmark on left forearm; red frock with white dots; speaks Marathi",
        "nameGiven": "Aaru",
        "placedWith": "Children's Home, Pune",
    })
}

async fn count(app: &TestApp, table: &str) -> String {
    app.text(&format!("SELECT CAST(COUNT(*) AS TEXT) FROM {table}"))
        .await
}

async fn a_missing_child_and_a_found_child_match_each_other(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let home = app.token("STATION_OFFICER", "MH-PUN-PS001", "officer.one");
    let other = app.token("STATION_OFFICER", "MH-PUN-PS002", "officer.two");
    let events = count(&app, "domain_event").await;
    let data = app
        .data(Some(&home), REPORT, json!({ "input": missing_child() }))
        .await;
    let missing = data["reportMissingPerson"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(data["reportMissingPerson"]["status"], "MISSING");
    let announced = app
        .text("SELECT event_type FROM domain_event ORDER BY id DESC LIMIT 1")
        .await;
    assert_eq!(announced, "MISSING_PERSON_REPORTED");
    assert_eq!(
        count(&app, "domain_event").await.parse::<i64>().unwrap(),
        events.parse::<i64>().unwrap() + 1
    );

    let data = app
        .data(Some(&other), FOUND, json!({ "input": found_child() }))
        .await;
    let found = &data["registerFoundPerson"];
    assert_eq!(found["status"], "IN_CARE");
    assert_eq!(found["nameGiven"], "Aaru");
    let found = found["id"].as_str().unwrap().to_owned();

    let data = app
        .data(Some(&other), TO_FOUND, json!({ "id": missing }))
        .await;
    let matches = data["matchMissingPersonToFound"].as_array().unwrap();
    assert_eq!(
        matches[0]["foundPerson"]["id"],
        found.as_str(),
        "{matches:#?}"
    );
    let reasons = matches[0]["reasons"].to_string();
    assert!(
        reasons.contains("marks:") && reasons.contains("same district"),
        "{reasons}"
    );
    let data = app
        .data(Some(&home), FROM_FOUND, json!({ "id": found }))
        .await;
    let matches = data["matchFoundPerson"].as_array().unwrap();
    let at = matches
        .iter()
        .position(|m| m["missingPerson"]["id"] == missing.as_str());
    assert!(at.is_some_and(|r| r < 3), "{matches:#?}");
    // A found child is not a body.
    let data = app
        .data(Some(&home), TO_BODY, json!({ "id": missing }))
        .await;
    assert!(
        !data["matchMissingPerson"].to_string().contains(&found),
        "{data}"
    );

    // The register is public, but the name a found child gives and where they are
    // cared for are for police eyes.
    for (token, sees) in [(None, false), (Some(home.as_str()), true)] {
        let data = app.data(token, LIST, json!({})).await;
        let edges = data["foundPersons"]["edges"].as_array().unwrap();
        let entry = edges
            .iter()
            .find(|e| e["node"]["id"] == found.as_str())
            .expect("listed");
        assert_eq!(entry["node"]["sex"], "FEMALE");
        assert_eq!(entry["node"]["nameGiven"] == "Aaru", sees, "{entry}");
        assert_eq!(entry["node"]["placedWith"].is_null(), !sees, "{entry}");
    }
    let audited = app
        .text("SELECT CAST(COUNT(DISTINCT fields) AS TEXT) FROM audit_record WHERE record_type = 'MissingPerson,FoundPerson'")
        .await;
    assert_eq!(audited, "2");
}
on_both!(a_missing_child_and_a_found_child_match_each_other);

async fn only_the_station_writes_its_registers_and_bad_input_writes_nothing(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let home = app.token("STATION_OFFICER", "MH-PUN-PS001", "officer.one");
    let other = app.token("STATION_OFFICER", "MH-PUN-PS002", "officer.two");
    let citizen = app.token("CITIZEN", "IN", "citizen.one");
    let tables = [
        "missing_person",
        "found_person",
        "unidentified_body",
        "domain_event",
    ];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(&app, table).await);
    }
    let mut body = at_home(found_child());
    body.as_object_mut().unwrap().remove("nameGiven");
    body.as_object_mut().unwrap().remove("placedWith");
    let denied: [(&str, &str, Value); 3] = [
        (REPORT, "reportMissingPerson", missing_child()),
        (FOUND, "registerFoundPerson", at_home(found_child())),
        (BODY, "registerUnidentifiedBody", body.clone()),
    ];
    for (mutation, name, input) in &denied {
        for token in [Some(other.as_str()), Some(citizen.as_str()), None] {
            let (_, reply) = app
                .graphql(token, mutation, json!({ "input": input }))
                .await;
            let code = error_code(&reply);
            assert!(
                matches!(code, Some("FORBIDDEN") | Some("UNAUTHENTICATED")),
                "{name}: {reply}"
            );
        }
    }
    let mut bad = Vec::new();
    let mut input = missing_child();
    input["missingSince"] = json!("2099-01-01T00:00:00Z");
    bad.push((REPORT, input, "input.missingSince"));
    let mut input = missing_child();
    input["name"] = json!("  ");
    bad.push((REPORT, input, "input.name"));
    let mut input = body.clone();
    input["ageMin"] = json!(40);
    input["ageMax"] = json!(30);
    bad.push((BODY, input, "input.ageMin"));
    let mut input = at_home(found_child());
    input["heightCm"] = json!(900);
    bad.push((FOUND, input, "input.heightCm"));
    for (mutation, input, field) in bad {
        let (_, reply) = app
            .graphql(Some(&home), mutation, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&reply), Some("BAD_USER_INPUT"), "{reply}");
        assert!(reply.to_string().contains(field), "{field}: {reply}");
    }
    for (table, was) in tables.iter().zip(before) {
        assert_eq!(count(&app, table).await, was, "{table} changed");
    }
    // The station itself may: a body, matched against the register.
    let data = app.data(Some(&home), BODY, json!({ "input": body })).await;
    assert_eq!(data["registerUnidentifiedBody"]["status"], "UNIDENTIFIED");
}
on_both!(only_the_station_writes_its_registers_and_bad_input_writes_nothing);

/// `input` at the first officer's station.
fn at_home(mut input: Value) -> Value {
    input["stationCode"] = json!("MH-PUN-PS001");
    input
}
