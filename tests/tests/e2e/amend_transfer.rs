//! Amendments (never edits) and zero-FIR transfers.

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both, this_year};

const STATION: &str = "MH-PUN-PS001";
const OTHER: &str = "MH-PUN-PS002";

const REGISTER: &str =
    "mutation($input: RegisterFirInput!) { registerFir(input: $input) { id serial } }";
const AMEND: &str = "mutation($id: ID!, $input: AmendFirInput!) { amendFir(firId: $id, input: $input) { \
    narrative victimIdentityProtected charges { act section } amendments { field oldValue newValue reason } } }";
const TRANSFER: &str = "mutation($id: ID!, $to: String!) { transferFir(firId: $id, toStationCode: $to) { \
    id serial type station { code } originalNumber charges { act section } parties { role code } transferredFrom { id transferredTo { id } } case { status } } }";

fn fir(kind: &str, act: &str, section: &str) -> Value {
    json!({ "input": {
        "stationCode": STATION, "type": kind,
        "occurredFrom": "2026-11-10T18:00:00Z",
        "place": "Market yard",
        "narrative": "The complainant's purse containing Rs 4,000 was snatched in the market.",
        "charges": [{ "act": act, "section": section }],
        "parties": [
            { "role": "COMPLAINANT", "person": { "name": "Kavita Joshi", "sex": "FEMALE" } },
            { "role": "ACCUSED", "person": { "name": "Unknown Youth", "sex": "MALE" } },
        ],
    } })
}

async fn events(app: &TestApp) -> Vec<String> {
    app.texts("SELECT event_type FROM domain_event ORDER BY id")
        .await
}

async fn amendments_keep_the_registered_text_and_track_charges(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_HOUSE_OFFICER", STATION, &format!("{STATION}.sho"));
    let registered = app
        .data(Some(&officer), REGISTER, fir("REGULAR", "IPC", "392"))
        .await;
    let id = registered["registerFir"]["id"].as_str().unwrap().to_owned();
    let before = events(&app).await.len();
    let amended = app
        .data(
            Some(&officer),
            AMEND,
            json!({ "id": id, "input": {
        "reason": "Offence occurred after 1 July 2024: BNS applies, and the amount was Rs 4,500",
        "narrative": "The complainant's purse containing Rs 4,500 was snatched in the market.",
        "removeCharges": [1],
        "addCharges": [{ "act": "BNS", "section": "309(4)" }],
    } }),
        )
        .await["amendFir"]
        .clone();
    assert_eq!(
        amended["narrative"],
        "The complainant's purse containing Rs 4,000 was snatched in the market.",
        "registered text stays"
    );
    assert_eq!(
        amended["charges"],
        json!([{ "act": "BNS", "section": "309(4)" }])
    );
    let fields: Vec<&str> = amended["amendments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["narrative", "charges"]);
    assert_eq!(amended["amendments"][1]["oldValue"], "IPC 392");
    assert_eq!(amended["amendments"][1]["newValue"], "BNS 309(4)");
    assert_eq!(
        events(&app).await[before..],
        ["FIR_AMENDED", "CHARGES_ALTERED"]
    );

    // Adding a sexual-offence charge protects the victim from then on.
    let protected = app.data(Some(&officer), AMEND, json!({ "id": id, "input": {
        "reason": "Investigation disclosed rape", "removeCharges": [], "addCharges": [{ "act": "BNS", "section": "64" }] } })).await;
    assert_eq!(protected["amendFir"]["victimIdentityProtected"], true);

    for (case, input, field) in [
        (
            "no reason",
            json!({ "reason": " ", "removeCharges": [], "addCharges": [] }),
            "input.reason",
        ),
        (
            "nothing",
            json!({ "reason": "typo", "removeCharges": [], "addCharges": [] }),
            "input",
        ),
        (
            "no such charge",
            json!({ "reason": "typo", "removeCharges": [9], "addCharges": [] }),
            "input.removeCharges[0]",
        ),
        (
            "unknown section",
            json!({ "reason": "typo", "removeCharges": [], "addCharges": [{ "act": "BNS", "section": "999" }] }),
            "input.addCharges[0].section",
        ),
    ] {
        let (_, body) = app
            .graphql(Some(&officer), AMEND, json!({ "id": id, "input": input }))
            .await;
        assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{case}: {body}");
        assert_eq!(
            body["errors"][0]["extensions"]["field"], field,
            "{case}: {body}"
        );
    }
    app.assert_tally_agrees().await;
    let elsewhere = app.token("STATION_HOUSE_OFFICER", OTHER, &format!("{OTHER}.sho"));
    let (_, body) = app.graphql(Some(&elsewhere), AMEND, json!({ "id": id, "input": { "reason": "x", "narrative": "Rewritten by another station entirely.", "removeCharges": [], "addCharges": [] } })).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
}
on_both!(amendments_keep_the_registered_text_and_track_charges);

async fn a_zero_fir_is_transferred_under_a_new_serial(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", STATION, &format!("{STATION}.pc1"));
    let zero = app
        .data(Some(&officer), REGISTER, fir("ZERO", "BNS", "309(4)"))
        .await;
    let id = zero["registerFir"]["id"].as_str().unwrap().to_owned();
    let serial = zero["registerFir"]["serial"].as_i64().unwrap();
    let next_there: i64 = app.text(&format!(
        "SELECT CAST(COALESCE(MAX(c.last_serial), 0) + 1 AS TEXT) FROM fir_serial_counter c JOIN org_unit u ON u.id = c.station_id WHERE u.code = '{OTHER}' AND c.year = {}", this_year())).await.parse().unwrap();
    let before = events(&app).await.len();
    let moved = app
        .data(Some(&officer), TRANSFER, json!({ "id": id, "to": OTHER }))
        .await["transferFir"]
        .clone();
    assert_eq!(moved["station"]["code"], OTHER);
    assert_eq!(moved["serial"], next_there);
    assert_eq!(moved["type"], "REGULAR");
    assert_eq!(
        moved["originalNumber"],
        format!("{serial:04}/{} ({STATION})", this_year())
    );
    assert_eq!(
        moved["charges"],
        json!([{ "act": "BNS", "section": "309(4)" }])
    );
    assert_eq!(moved["parties"][1]["code"], "A1");
    assert_eq!(moved["transferredFrom"]["id"], id.as_str());
    assert_eq!(moved["transferredFrom"]["transferredTo"]["id"], moved["id"]);
    assert_eq!(moved["case"]["status"], "REGISTERED");
    assert_eq!(
        events(&app).await[before..],
        ["FIR_TRANSFERRED", "FIR_TRANSFERRED"]
    );
    // Once only, zero FIRs only, by the registering station only.
    let (_, body) = app
        .graphql(Some(&officer), TRANSFER, json!({ "id": id, "to": OTHER }))
        .await;
    assert_eq!(error_code(&body), Some("CONFLICT"), "{body}");
    let regular = app
        .data(Some(&officer), REGISTER, fir("REGULAR", "BNS", "309(4)"))
        .await;
    let (_, body) = app
        .graphql(
            Some(&officer),
            TRANSFER,
            json!({ "id": regular["registerFir"]["id"], "to": OTHER }),
        )
        .await;
    assert_eq!(error_code(&body), Some("CONFLICT"), "{body}");
    let zero = app
        .data(Some(&officer), REGISTER, fir("ZERO", "BNS", "309(4)"))
        .await;
    let other = app.token("STATION_OFFICER", OTHER, &format!("{OTHER}.pc1"));
    let (_, body) = app
        .graphql(
            Some(&other),
            TRANSFER,
            json!({ "id": zero["registerFir"]["id"], "to": OTHER }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    // The transferred FIR counts at its new station only.
    app.assert_tally_agrees().await;
}
on_both!(a_zero_fir_is_transferred_under_a_new_serial);
