//! Modus operandi: the national catalogue, the ways recorded on an FIR at registration,
//! and FIRs found across the country by the way they were committed.

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both};

const REGISTER: &str = "mutation($input: RegisterFirInput!) { \
    registerFir(input: $input) { id modusOperandi { code crimeHead description } } }";
const BY_WAY: &str = "query($code: String!) { firs(filter: { modusOperandi: $code }, first: 100) { \
    totalCount edges { node { id modusOperandi { code } } } } }";
const ONE: &str = "query($id: ID!) { fir(id: $id) { id modusOperandi { code } } }";

fn snatching(ways: Value) -> Value {
    json!({
        "stationCode": "MH-PUN-PS001",
        "type": "REGULAR",
        "occurredFrom": "2026-11-28T19:30:00Z",
        "place": "FC Road, Pune",
        "narrative": "Two men on a black motorcycle snatched the complainant's gold chain while she walked home.",
        "charges": [{ "act": "BNS", "section": "309(4)" }],
        "parties": [{ "role": "COMPLAINANT", "person": { "name": "Vaishali Deshmukh", "sex": "FEMALE", "birthYear": 1971 } }],
        "modusOperandi": ways,
    })
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.text(&format!(
        "SELECT CAST(COUNT(*) AS TEXT) FROM ({sql}) counted"
    ))
    .await
    .parse()
    .unwrap()
}

async fn firs_are_found_nationally_by_the_way_they_were_committed(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", "MH-PUN-PS001", "mo.officer");
    let analyst = app.token("ANALYST", "IN", "mo.analyst");

    let data = app
        .data(
            None,
            "{ modusOperandiCatalogue { code crimeHead description } }",
            json!({}),
        )
        .await;
    let catalogue = data["modusOperandiCatalogue"].as_array().unwrap();
    assert!(catalogue.len() >= 30, "{catalogue:#?}");
    assert!(
        catalogue
            .iter()
            .any(|m| m["code"] == "CHAIN_SNATCHING" && m["crimeHead"] == "ROBBERY")
    );

    let data = app
        .data(
            Some(&officer),
            REGISTER,
            json!({ "input": snatching(json!(["chain_snatching", "CHAIN_SNATCHING "])) }),
        )
        .await;
    let fir = data["registerFir"]["id"].as_str().unwrap().to_owned();
    let ways = &data["registerFir"]["modusOperandi"];
    assert_eq!(ways.as_array().unwrap().len(), 1, "{ways}");
    assert_eq!(ways[0]["code"], "CHAIN_SNATCHING");
    assert_eq!(ways[0]["crimeHead"], "ROBBERY");

    // Every FIR in the country recording it, the new one among them.
    let recorded = count(
        &app,
        "SELECT fir_id FROM fir_modus_operandi WHERE code = 'CHAIN_SNATCHING'",
    )
    .await;
    assert!(recorded >= 1);
    let data = app
        .data(Some(&analyst), BY_WAY, json!({ "code": "chain_snatching" }))
        .await;
    let firs = &data["firs"];
    assert_eq!(firs["totalCount"].as_i64().unwrap(), recorded);
    let edges = firs["edges"].as_array().unwrap();
    assert!(
        edges.iter().any(|e| e["node"]["id"] == fir.as_str()),
        "{firs}"
    );
    for edge in edges {
        assert!(
            edge["node"]["modusOperandi"]
                .to_string()
                .contains("CHAIN_SNATCHING"),
            "{edge}"
        );
    }

    // The demo data's commonest way, recorded at several stations, is found at each.
    let common = app.text("SELECT code FROM fir_modus_operandi GROUP BY code ORDER BY COUNT(*) DESC, code LIMIT 1").await;
    let stations = count(
        &app,
        &format!(
            "SELECT DISTINCT f.station_id FROM fir f \
        JOIN fir_modus_operandi m ON m.fir_id = f.id WHERE m.code = '{common}'"
        ),
    )
    .await;
    assert!(stations > 1, "{common} at {stations} stations");
    let recorded = count(
        &app,
        &format!("SELECT fir_id FROM fir_modus_operandi WHERE code = '{common}'"),
    )
    .await;
    let data = app
        .data(Some(&analyst), BY_WAY, json!({ "code": common }))
        .await;
    assert_eq!(
        data["firs"]["totalCount"].as_i64().unwrap(),
        recorded,
        "{common}"
    );

    // Outside the police: no filtering by it, and the field is withheld.
    let (_, body) = app
        .graphql(None, BY_WAY, json!({ "code": "CHAIN_SNATCHING" }))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let citizen = app.token("CITIZEN", "IN", "mo.citizen");
    let data = app.data(Some(&citizen), ONE, json!({ "id": fir })).await;
    assert!(data["fir"]["modusOperandi"].is_null(), "{data}");
    let data = app.data(Some(&analyst), ONE, json!({ "id": fir })).await;
    assert_eq!(data["fir"]["modusOperandi"][0]["code"], "CHAIN_SNATCHING");
}
on_both!(firs_are_found_nationally_by_the_way_they_were_committed);

async fn an_unknown_way_refuses_the_registration_whole(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", "MH-PUN-PS001", "mo.officer");
    let firs = count(&app, "SELECT id FROM fir").await;
    let links = count(&app, "SELECT fir_id FROM fir_modus_operandi").await;
    let too_many = json!([
        "CHAIN_SNATCHING",
        "ATM_ROBBERY",
        "HIGHWAY_ROBBERY",
        "DRUGGING_TRAVELLERS",
        "ARMED_HOUSE_DACOITY",
        "SIM_SWAP"
    ]);
    for ways in [json!(["CHAIN_SNATCHING", "TELEPORTATION"]), too_many] {
        let (_, body) = app
            .graphql(
                Some(&officer),
                REGISTER,
                json!({ "input": snatching(ways) }),
            )
            .await;
        assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
        assert!(body.to_string().contains("input.modusOperandi"), "{body}");
    }
    let (_, body) = app
        .graphql(Some(&officer), BY_WAY, json!({ "code": " " }))
        .await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    assert_eq!(count(&app, "SELECT id FROM fir").await, firs);
    assert_eq!(
        count(&app, "SELECT fir_id FROM fir_modus_operandi").await,
        links
    );
}
on_both!(an_unknown_way_refuses_the_registration_whole);
