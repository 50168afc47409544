//! The linked graph: every relation walks both ways, `node` and `_entities` refetch.

use serde_json::json;
use tests::{Backend, TestApp, error_code, nodes, on_both};

async fn fir_case_court_hearings_and_back(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let data = app
        .data(
            Some(&analyst),
            "{ firs(filter: { status: TRIAL }, first: 5) { edges { node { id number \
               case { id status fir { id } courtCases { cnr court { code } \
                 hearings(first: 2) { totalCount edges { node { id date courtCase { cnr } } } } \
                 cases { id fir { id } } } } } } } }",
            json!({}),
        )
        .await;
    let firs = nodes(&data["firs"]);
    assert!(!firs.is_empty(), "demo data has cases on trial");
    let mut checked = 0;
    for fir in firs {
        let case = &fir["case"];
        assert_eq!(case["status"], "TRIAL");
        assert_eq!(case["fir"]["id"], fir["id"], "case → fir");
        for court_case in case["courtCases"].as_array().unwrap() {
            assert_eq!(court_case["cnr"].as_str().unwrap().len(), 16);
            assert!(
                court_case["cases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["id"] == case["id"]),
                "court case → cases includes the case"
            );
            for hearing in nodes(&court_case["hearings"]) {
                assert_eq!(hearing["courtCase"]["cnr"], court_case["cnr"]);
            }
            // And from the CNR back to the FIR.
            let back = app
                .data(
                    Some(&analyst),
                    "query($cnr: String!) { courtCase(cnr: $cnr) { cases { fir { id } } } }",
                    json!({ "cnr": court_case["cnr"] }),
                )
                .await;
            assert!(
                back["courtCase"]["cases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["fir"]["id"] == fir["id"])
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "some case on trial is before a court");
}
on_both!(fir_case_court_hearings_and_back);

async fn person_parties_firs_prison_and_back(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let data = app
        .data(
            Some(&analyst),
            "{ prisonRecords(filter: { inCustody: true }, first: 10) { totalCount edges { node { id prisonerId inCustody \
               prison { code kind } person { id name parties { role fir { id number } } \
               prisonRecords { id } } } } } }",
            json!({}),
        )
        .await;
    let records = nodes(&data["prisonRecords"]);
    assert!(!records.is_empty(), "demo data has undertrials in custody");
    for record in &records {
        assert_eq!(record["inCustody"], true);
        assert_eq!(record["prison"]["kind"], "PRISON");
        let person = &record["person"];
        assert!(
            person["prisonRecords"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["id"] == record["id"]),
            "person → prisonRecords includes the record"
        );
        for party in person["parties"].as_array().unwrap() {
            let fir_id = &party["fir"]["id"];
            let back = app
                .data(
                    Some(&analyst),
                    "query($id: ID!) { fir(id: $id) { parties { person { id } } } }",
                    json!({ "id": fir_id }),
                )
                .await;
            assert!(
                back["fir"]["parties"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["person"]["id"] == person["id"]),
                "fir → parties includes the person"
            );
        }
    }
}
on_both!(person_parties_firs_prison_and_back);

async fn node_and_entities_refetch_records(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let data = app
        .data(
            Some(&analyst),
            "{ firs(first: 1) { edges { node { id number station { id code state { id code parent { code } } } \
               parties { person { id } } } } } }",
            json!({}),
        )
        .await;
    let fir = &nodes(&data["firs"])[0];
    let refetch = app
        .data(
            Some(&analyst),
            "query($fir: ID!, $station: ID!, $state: ID!) { \
               a: node(id: $fir) { id ... on Fir { number } } \
               b: node(id: $station) { ... on PoliceStation { code } } \
               c: node(id: $state) { ... on OrgUnit { code kind } } }",
            json!({ "fir": fir["id"], "station": fir["station"]["id"], "state": fir["station"]["state"]["id"] }),
        )
        .await;
    assert_eq!(refetch["a"]["number"], fir["number"]);
    assert_eq!(refetch["b"]["code"], fir["station"]["code"]);
    assert_eq!(refetch["c"]["kind"], "STATE");
    assert_eq!(fir["station"]["state"]["parent"]["code"], "IN");
    let person = &fir["parties"][0]["person"]["id"];
    let entities = app
        .data(
            Some(&analyst),
            "query($reps: [_Any!]!) { _entities(representations: $reps) { \
               ... on Fir { number } ... on Person { id } ... on PoliceStation { code } } }",
            json!({ "reps": [
                { "__typename": "Fir", "id": fir["id"] },
                { "__typename": "Person", "id": person },
                { "__typename": "PoliceStation", "id": fir["station"]["id"] },
            ] }),
        )
        .await;
    assert_eq!(entities["_entities"][0]["number"], fir["number"]);
    assert_eq!(&entities["_entities"][1]["id"], person);
    assert_eq!(entities["_entities"][2]["code"], fir["station"]["code"]);
    let (_, body) = app
        .graphql(
            Some(&analyst),
            "{ node(id: \"bm9wZToy\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
}
on_both!(node_and_entities_refetch_records);

async fn courts_and_prisons_see_their_own_records_only(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let data = app
        .data(
            Some(&analyst),
            "{ prisonRecords(first: 100) { edges { node { id prison { code } courtCase { cnr court { code } } } } } }",
            json!({}),
        )
        .await;
    let records = nodes(&data["prisonRecords"]);
    let with_court = records
        .iter()
        .find(|r| !r["courtCase"].is_null())
        .expect("a record on a court case");
    let prison = with_court["prison"]["code"].as_str().unwrap();
    let cnr = with_court["courtCase"]["cnr"].as_str().unwrap();
    let court = with_court["courtCase"]["court"]["code"].as_str().unwrap();

    // The prison lists only its own records.
    let own = app.token("PRISON", prison, "jailor");
    let listed = app.data(Some(&own), "{ prisonRecords(first: 100) { edges { node { prison { code } person { name } fir { victimIdentityProtected charges { section } } } } } }", json!({})).await;
    let listed = nodes(&listed["prisonRecords"]);
    assert!(!listed.is_empty());
    for record in &listed {
        assert_eq!(record["prison"]["code"], prison);
        assert!(!record["person"]["name"].as_str().unwrap().is_empty());
        // Prison staff see the FIR header of ordinary cases only, and never its charges.
        if !record["fir"].is_null() {
            assert_eq!(record["fir"]["victimIdentityProtected"], false, "{record}");
            assert!(record["fir"]["charges"].is_null(), "{record}");
        }
    }
    // The court sees its court case; anonymous callers and auditors do not.
    let court_token = app.token("COURT", court, "clerk");
    let query = "query($cnr: String!) { courtCase(cnr: $cnr) { cnr } }";
    let seen = app
        .data(Some(&court_token), query, json!({ "cnr": cnr }))
        .await;
    assert_eq!(seen["courtCase"]["cnr"], cnr);
    for token in [
        None,
        Some(app.token("AUDITOR", "IN", "auditor")),
        Some(app.token("PRISON", prison, "jailor")),
    ] {
        let (_, body) = app
            .graphql(token.as_deref(), query, json!({ "cnr": cnr }))
            .await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    }
    let (_, body) = app
        .graphql(None, "{ prisonRecords { totalCount } }", json!({}))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"));
    let (_, body) = app
        .graphql(
            Some(&analyst),
            "{ courtCase(cnr: \"short\") { cnr } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"));
}
on_both!(courts_and_prisons_see_their_own_records_only);

async fn directories_registers_and_reverse_edges(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    // Public: the unit directory, its tree, and the national registers.
    let data = app
        .data(
            None,
            "{ orgUnits(filter: { kind: STATE }) { totalCount edges { node { code kind children { code kind parent { code } } } } } \
               missingPersons(first: 3) { totalCount edges { node { name sex missingSince station { code } } } } \
               unidentifiedBodies(first: 3) { totalCount edges { node { sex foundAt station { code } } } } \
               proclaimedOffenders(first: 3) { totalCount edges { node { name court { kind } person { id } } } } }",
            json!({}),
        )
        .await;
    let states = nodes(&data["orgUnits"]);
    assert!(!states.is_empty());
    for state in &states {
        assert_eq!(state["kind"], "STATE");
        for child in state["children"].as_array().unwrap() {
            assert_eq!(
                child["parent"]["code"], state["code"],
                "unit → children → parent"
            );
        }
    }
    for register in [
        "missingPersons",
        "unidentifiedBodies",
        "proclaimedOffenders",
    ] {
        assert!(
            data[register]["totalCount"].as_i64().unwrap() > 0,
            "{register} seeded"
        );
    }
    for offender in nodes(&data["proclaimedOffenders"]) {
        assert_eq!(offender["court"]["kind"], "COURT");
        assert!(
            offender["person"].is_null(),
            "the person record stays restricted"
        );
    }
    // The officer roll needs a token.
    let (_, body) = app
        .graphql(None, "{ officers { totalCount } }", json!({}))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"));
    let analyst = app.token("ANALYST", "IN", "analyst");
    let roll = app
        .data(Some(&analyst), "{ officers(filter: { rank: SP }) { totalCount edges { node { rank unit { kind } } } } }", json!({}))
        .await;
    for officer in nodes(&roll["officers"]) {
        assert_eq!(officer["rank"], "SP");
        assert_eq!(officer["unit"]["kind"], "DISTRICT");
    }
    // Person → arrests → case → fir, and back through the arrest's accused.
    let arrested = app
        .data(
            Some(&analyst),
            "{ firs(filter: { status: CHARGESHEETED }, first: 20) { edges { node { id case { arrests { accused { person { id arrests { case { fir { id } } } } } } } } } } }",
            json!({}),
        )
        .await;
    let mut walked = 0;
    for fir in nodes(&arrested["firs"]) {
        for arrest in fir["case"]["arrests"].as_array().into_iter().flatten() {
            let back = arrest["accused"]["person"]["arrests"].as_array().unwrap();
            assert!(
                back.iter().any(|a| a["case"]["fir"]["id"] == fir["id"]),
                "person → arrests → fir"
            );
            walked += 1;
        }
    }
    assert!(walked > 0, "demo data has arrests in chargesheeted cases");
}
on_both!(directories_registers_and_reverse_edges);

/// `FirFilter.investigatingOfficer`: an IO's own cases, every one of them, for police
/// and analysts only.
async fn an_investigating_officer_lists_their_own_cases(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let first = app
        .data(
            Some(&analyst),
            "{ firs(filter: { status: CHARGESHEETED }, first: 1) { edges { node { serial year \
               station { code } case { investigatingOfficer { id } } } } } }",
            json!({}),
        )
        .await;
    let fir = &nodes(&first["firs"])[0];
    let officer = fir["case"]["investigatingOfficer"]["id"].clone();
    assert!(officer.is_string(), "a chargesheeted case has an IO: {fir}");
    let query = "query($io: ID!) { firs(filter: { investigatingOfficer: $io }, first: 50) { \
                 totalCount edges { node { case { investigatingOfficer { id } } } } } }";
    let mine = app
        .data(Some(&analyst), query, json!({ "io": officer }))
        .await;
    let listed = nodes(&mine["firs"]);
    assert!(!listed.is_empty());
    for fir in &listed {
        assert_eq!(fir["case"]["investigatingOfficer"]["id"], officer, "{fir}");
    }
    let [(expected,)]: [(i64,); 1] = app
        .rows::<(i64,)>(&format!(
            "SELECT COUNT(*) FROM police_case WHERE io_id = (SELECT pc.io_id FROM police_case pc \
             JOIN fir f ON f.id = pc.fir_id JOIN org_unit u ON u.id = f.station_id \
             WHERE u.code = '{}' AND f.year = {} AND f.serial = {})",
            fir["station"]["code"].as_str().unwrap(),
            fir["year"],
            fir["serial"]
        ))
        .await
        .try_into()
        .unwrap();
    assert_eq!(mine["firs"]["totalCount"], expected, "every case of the IO");
    // Refused: a citizen, and an id that is not an officer's.
    let citizen = app.token("CITIZEN", "IN", "citizen");
    let (_, body) = app
        .graphql(Some(&citizen), query, json!({ "io": officer }))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let (_, body) = app
        .graphql(Some(&analyst), query, json!({ "io": "not-an-id" }))
        .await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "filter.investigatingOfficer",
        "{body}"
    );
}
on_both!(an_investigating_officer_lists_their_own_cases);
