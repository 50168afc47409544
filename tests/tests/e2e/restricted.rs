//! Investigative material, complaints and personal documents: grant and denial.

use serde_json::json;
use tests::{Backend, TestApp, error_code, nodes, on_both};

async fn case_diary_is_for_the_case_team_only(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    // An ordinary case (the diary of a protected one is narrower: tests/e2e/lawful.rs).
    let row = app
        .text(
            "SELECT CAST(f.id AS TEXT) FROM fir f JOIN police_case c ON c.fir_id = f.id \
        WHERE c.status = 'UNDER_INVESTIGATION' AND f.victim_identity_protected = FALSE \
        AND EXISTS (SELECT 1 FROM case_diary_entry d WHERE d.case_id = c.id) ORDER BY f.id LIMIT 1",
        )
        .await;
    let id = schema::ids::encode("Fir", row.parse().unwrap()).0;
    let listed = app
        .data(
            Some(&analyst),
            "query($id: ID!) { fir(id: $id) { id station { code district { code } } } }",
            json!({ "id": id }),
        )
        .await;
    let fir = &listed["fir"];
    let station = fir["station"]["code"].as_str().unwrap();
    let district = fir["station"]["district"]["code"].as_str().unwrap();
    let other_district = if district == "MH-PUN" {
        "MH-MUM"
    } else {
        "MH-PUN"
    };
    let query =
        "query($id: ID!) { fir(id: $id) { case { diary { entryAt content author { name } } } } }";
    for (who, token, sees) in [
        (
            "own station officer",
            app.token("STATION_OFFICER", station, "c"),
            true,
        ),
        (
            "supervisor over the station",
            app.token("SUPERVISOR", district, "sp"),
            true,
        ),
        (
            "supervisor elsewhere",
            app.token("SUPERVISOR", other_district, "sp2"),
            false,
        ),
        ("analyst", analyst.clone(), false),
    ] {
        let data = app
            .data(Some(&token), query, json!({ "id": fir["id"] }))
            .await;
        let diary = &data["fir"]["case"]["diary"];
        assert_eq!(!diary.is_null(), sees, "{who}: {data}");
        if sees {
            assert!(
                !diary.as_array().unwrap().is_empty(),
                "{who}: demo cases have diary entries"
            );
        }
    }
}
on_both!(case_diary_is_for_the_case_team_only);

async fn complaints_are_seen_by_their_citizen_and_station(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let citizen = app
        .text("SELECT citizen_sub FROM complaint WHERE citizen_sub IS NOT NULL ORDER BY id LIMIT 1")
        .await;
    let station = app.text("SELECT u.code FROM complaint c JOIN org_unit u ON u.id = c.station_id ORDER BY c.id LIMIT 1").await;
    let query = "{ complaints(first: 100) { totalCount edges { node { petitionNumber station { code } status } } } }";
    let own = app
        .data(
            Some(&app.token("CITIZEN", "IN", &citizen)),
            query,
            json!({}),
        )
        .await;
    let own_count = own["complaints"]["totalCount"].as_i64().unwrap();
    assert!(own_count >= 1, "the citizen sees their complaint");
    let stranger = app
        .data(
            Some(&app.token("CITIZEN", "IN", "someone-else")),
            query,
            json!({}),
        )
        .await;
    assert_eq!(stranger["complaints"]["totalCount"], 0, "and nobody else's");
    let at_station = app
        .data(
            Some(&app.token("STATION_OFFICER", &station, "c")),
            query,
            json!({}),
        )
        .await;
    for complaint in nodes(&at_station["complaints"]) {
        assert_eq!(complaint["station"]["code"], station);
    }
    for token in [
        None,
        Some(app.token("ANALYST", "IN", "a")),
        Some(app.token("AUDITOR", "IN", "a")),
    ] {
        let (_, body) = app.graphql(token.as_deref(), query, json!({})).await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    }
}
on_both!(complaints_are_seen_by_their_citizen_and_station);

async fn identity_documents_follow_personal_data_rules(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let listed = app
        .data(Some(&analyst), "{ firs(filter: { act: BNS, section: \"303\" }, first: 1) { edges { node { id station { code } } } } }", json!({}))
        .await;
    let fir = &nodes(&listed["firs"])[0];
    let station = fir["station"]["code"].as_str().unwrap();
    let query = "query($id: ID!) { fir(id: $id) { amendments { field } parties { role person { aliases identities { kind number } phone } } } }";
    let own = app
        .data(
            Some(&app.token("STATION_OFFICER", station, "c")),
            query,
            json!({ "id": fir["id"] }),
        )
        .await;
    assert!(own["fir"]["amendments"].is_array());
    let documents: usize = own["fir"]["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person"]["identities"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(
        documents > 0,
        "the owning station sees identity documents: {own}"
    );
    let far = app
        .data(Some(&analyst), query, json!({ "id": fir["id"] }))
        .await;
    for party in far["fir"]["parties"].as_array().unwrap() {
        assert!(
            party["person"]["identities"].is_null() && party["person"]["phone"].is_null(),
            "{party}"
        );
        assert!(
            party["person"]["aliases"].is_array(),
            "aliases are police-restricted, not personal"
        );
    }
}
on_both!(identity_documents_follow_personal_data_rules);
