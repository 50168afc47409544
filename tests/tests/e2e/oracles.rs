//! Oracles (issue 18, item 11): answers that would tell a caller what they may not know.
//! `crimeStatistics`' small numbers are in `statistics.rs`.

use serde_json::{Value, json};
use tests::{Backend, TestApp, nodes, on_both};

const BY_NUMBER: &str = "query($s: String!, $y: Int!, $n: Int!) { firByNumber(stationCode: $s, year: $y, serial: $n) { number } }";

/// The raw body of `firByNumber(station, year, serial)` asked with `token`.
async fn by_number(
    app: &TestApp,
    token: Option<&str>,
    (station, year, serial): (&str, i64, i64),
) -> String {
    let mut request = app.client.post(format!("{}/graphql", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request
        .json(&json!({ "query": BY_NUMBER, "variables": { "s": station, "y": year, "n": serial } }))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 200);
    response.text().await.expect("body")
}

/// Issue 18, 11b: an FIR number is guessable, so asking for a sexual-offence FIR
/// must answer exactly as asking for one never registered.
async fn fir_by_number_answers_a_hidden_fir_like_a_missing_one(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (fir_id, station, year, serial): (i64, String, i32, i32) = app.row("SELECT f.id, u.code, f.year, f.serial \
        FROM fir f JOIN org_unit u ON u.id = f.station_id WHERE f.victim_identity_protected ORDER BY f.id LIMIT 1").await;
    let (fir_id, station) = (fir_id.to_string(), station.as_str());
    let (year, serial) = (i64::from(year), i64::from(serial));
    let unused: i64 = app.text(&format!("SELECT CAST(MAX(f.serial) + 1 AS TEXT) FROM fir f JOIN org_unit u ON u.id = f.station_id \
        WHERE u.code = '{station}' AND f.year = {year}")).await.parse().unwrap();

    // The attempt: an anonymous caller, and a citizen, ask for the protected FIR and
    // for a serial nobody registered.
    let citizen = app.token("CITIZEN", "IN", "curious-citizen");
    for token in [None, Some(citizen.as_str())] {
        let hidden = by_number(&app, token, (station, year, serial)).await;
        let missing = by_number(&app, token, (station, year, unused)).await;
        // What they can read: the same bytes, null and no error, either way.
        assert_eq!(hidden, missing, "{token:?}");
        let body: Value = serde_json::from_str(&hidden).unwrap();
        assert!(
            body["data"]["firByNumber"].is_null() && body.get("errors").is_none(),
            "{body}"
        );
    }

    // The grant: a police officer, whose reach covers the FIR's header, reads it.
    let officer = app.token("STATION_OFFICER", station, "by-number-officer");
    let body: Value =
        serde_json::from_str(&by_number(&app, Some(&officer), (station, year, serial)).await)
            .unwrap();
    assert_eq!(
        body["data"]["firByNumber"]["number"],
        format!("{serial:04}/{year}"),
        "{body}"
    );

    // The refusal is still on the record, for the auditor only.
    let auditor = app.token("AUDITOR", "IN", "oracle-auditor");
    let log = app.data(Some(&auditor),
        "{ auditLog(filter: { outcome: DENIED, recordType: \"Fir\" }, first: 100) { edges { node { operation recordIds fields actorSub } } } }",
        json!({})).await;
    let refusals: Vec<Value> = nodes(&log["auditLog"])
        .into_iter()
        .filter(|r| r["operation"] == "firByNumber" && r["recordIds"] == json!([fir_id]))
        .collect();
    assert!(
        refusals.iter().any(|r| r["actorSub"].is_null()),
        "the anonymous refusal: {refusals:#?}"
    );
    assert!(
        refusals.iter().any(|r| r["actorSub"] == "curious-citizen"),
        "the citizen's: {refusals:#?}"
    );
    assert!(
        refusals
            .iter()
            .all(|r| r["fields"] == json!(["VICTIM_IDENTITY"])),
        "{refusals:#?}"
    );
}
on_both!(fir_by_number_answers_a_hidden_fir_like_a_missing_one);
