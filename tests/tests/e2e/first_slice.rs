//! The first slice of the graph: stations, FIRs, charges, parties and persons, with the
//! access rules that already bind them.

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, nodes, on_both};

const FIR_FIELDS: &str = "id number serial year registeredAt type masked narrative \
    station { code district { code } state { code } } \
    charges { act section equivalents { act section } } \
    parties { role code masked person { name phone address masked } }";

async fn first_station(app: &TestApp) -> (String, String) {
    let data = app
        .data(
            None,
            "{ policeStations(first: 1) { edges { node { code district { code } } } } }",
            json!({}),
        )
        .await;
    let node = &data["policeStations"]["edges"][0]["node"];
    (
        node["code"].as_str().unwrap().to_owned(),
        node["district"]["code"].as_str().unwrap().to_owned(),
    )
}

async fn stations_firs_and_lookups(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (station, _) = first_station(&app).await;
    let token = app.token("STATION_HOUSE_OFFICER", &station, "sho");
    let query = format!(
        "query($code: String!) {{ policeStation(code: $code) {{ code name district {{ code name }} \
         state {{ code name }} firs(first: 3) {{ totalCount pageInfo {{ hasNextPage endCursor }} \
         edges {{ cursor node {{ {FIR_FIELDS} }} }} }} }} }}"
    );
    let data = app
        .data(Some(&token), &query, json!({ "code": station }))
        .await;
    let ps = &data["policeStation"];
    assert_eq!(ps["code"], station);
    assert!(ps["state"]["code"].as_str().unwrap().len() == 2);
    let firs = nodes(&ps["firs"]);
    assert_eq!(firs.len(), 3);
    assert!(ps["firs"]["totalCount"].as_i64().unwrap() >= 3);
    for fir in &firs {
        assert_eq!(fir["station"]["code"], station);
        let number = fir["number"].as_str().unwrap();
        let (serial, year) = (
            fir["serial"].as_i64().unwrap(),
            fir["year"].as_i64().unwrap(),
        );
        assert_eq!(number, format!("{serial:04}/{year}"));
        assert!(!fir["charges"].as_array().unwrap().is_empty());
        // Lookup by number and by id find the same FIR.
        let by_number = app
            .data(
                Some(&token),
                "query($s: String!, $y: Int!, $n: Int!) { firByNumber(stationCode: $s, year: $y, serial: $n) { id } }",
                json!({ "s": station, "y": fir["year"], "n": fir["serial"] }),
            )
            .await;
        assert_eq!(by_number["firByNumber"]["id"], fir["id"]);
        let by_id = app
            .data(
                Some(&token),
                "query($id: ID!) { fir(id: $id) { number } }",
                json!({ "id": fir["id"] }),
            )
            .await;
        assert_eq!(by_id["fir"]["number"], fir["number"]);
    }
    // The next page continues where the first stopped, without overlap.
    let cursor = ps["firs"]["pageInfo"]["endCursor"].as_str().unwrap();
    let next = app
        .data(
            Some(&token),
            "query($code: String!, $after: String) { policeStation(code: $code) { firs(first: 3, after: $after) { edges { node { id } } } } }",
            json!({ "code": station, "after": cursor }),
        )
        .await;
    for fir in nodes(&next["policeStation"]["firs"]) {
        assert!(firs.iter().all(|f| f["id"] != fir["id"]));
    }
}
on_both!(stations_firs_and_lookups);

async fn section_filter_matches_ipc_bns_equivalents(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (station, _) = first_station(&app).await;
    let token = app.token("STATION_OFFICER", &station, "officer");
    let data = app
        .data(
            Some(&token),
            "{ firs(filter: { act: IPC, section: \"379\" }, first: 100) { totalCount edges { node { charges { act section } } } } }",
            json!({}),
        )
        .await;
    let firs = nodes(&data["firs"]);
    assert!(!firs.is_empty(), "demo data has thefts");
    let mut acts = std::collections::HashSet::new();
    for fir in &firs {
        let theft = fir["charges"].as_array().unwrap().iter().find(|c| {
            (c["act"] == "IPC" && c["section"] == "379")
                || (c["act"] == "BNS" && c["section"] == "303(2)")
        });
        let theft = theft.unwrap_or_else(|| panic!("every hit charges theft: {fir}"));
        acts.insert(theft["act"].as_str().unwrap().to_owned());
    }
    assert!(
        acts.contains("BNS"),
        "IPC 379 also finds BNS 303(2) FIRs: {acts:?}"
    );
    // Subsections: BNS 303 matches 303(2).
    let sub = app
        .data(
            Some(&token),
            "{ firs(filter: { act: BNS, section: \"303\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert!(sub["firs"]["totalCount"].as_i64().unwrap() > 0);
}
on_both!(section_filter_matches_ipc_bns_equivalents);

async fn unit_subtree_filter(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (_, district) = first_station(&app).await;
    let token = app.token("ANALYST", "IN", "analyst");
    let data = app
        .data(
            Some(&token),
            "query($d: String!) { firs(filter: { unitCode: $d }, first: 100) { totalCount edges { node { station { district { code } } } } } all: firs { totalCount } }",
            json!({ "d": district }),
        )
        .await;
    let inside = data["firs"]["totalCount"].as_i64().unwrap();
    assert!(inside > 0 && inside < data["all"]["totalCount"].as_i64().unwrap());
    for fir in nodes(&data["firs"]) {
        assert_eq!(fir["station"]["district"]["code"], district);
    }
}
on_both!(unit_subtree_filter);

async fn anonymous_callers_see_public_headers_only(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (station, _) = first_station(&app).await;
    let officer = app.token("STATION_OFFICER", &station, "officer");
    let all = app
        .data(Some(&officer), "{ firs { totalCount } }", json!({}))
        .await;
    let public = app
        .data(None, "{ firs(first: 50) { totalCount edges { node { number charges { section } parties { role } narrative masked } } } }", json!({}))
        .await;
    assert!(
        public["firs"]["totalCount"].as_i64().unwrap()
            < all["firs"]["totalCount"].as_i64().unwrap(),
        "sensitive FIRs are left out for the public"
    );
    for fir in nodes(&public["firs"]) {
        assert!(fir["charges"].is_null() && fir["parties"].is_null() && fir["narrative"].is_null());
        assert_eq!(fir["masked"], true);
    }
    let (_, body) = app
        .graphql(
            None,
            "{ firs(filter: { section: \"379\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"));
}
on_both!(anonymous_callers_see_public_headers_only);

async fn protected_victims_are_pseudonymous_except_to_the_privileged(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (station, _) = first_station(&app).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let sensitive = app
        .data(
            Some(&analyst),
            "{ firs(filter: { act: BNS, section: \"64\" }, first: 1) { edges { node { id station { code district { code } } } } } }",
            json!({}),
        )
        .await;
    let fir = nodes(&sensitive["firs"])
        .pop()
        .expect("demo data has a BNS 64 FIR");
    let id = fir["id"].clone();
    let owning = fir["station"]["code"].as_str().unwrap().to_owned();
    let district = fir["station"]["district"]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let query = "query($id: ID!) { fir(id: $id) { narrative parties { role masked person { name phone masked } } } }";

    let outsider = if owning == station {
        "SOMEWHERE-ELSE"
    } else {
        station.as_str()
    };
    let _ = outsider;
    for (who, token, sees) in [
        ("analyst", analyst.clone(), false),
        (
            "constable of the owning station",
            app.token("STATION_OFFICER", &owning, "c1"),
            false,
        ),
        (
            "SHO of the owning station",
            app.token("STATION_HOUSE_OFFICER", &owning, "sho"),
            true,
        ),
        (
            "SP of the district",
            app.token("SUPERVISOR", &district, "sp"),
            true,
        ),
    ] {
        let data = app.data(Some(&token), query, json!({ "id": id })).await;
        let fir = &data["fir"];
        assert_eq!(!fir["narrative"].is_null(), sees, "{who}: narrative");
        let victims: Vec<&Value> = fir["parties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["role"] == "VICTIM")
            .collect();
        assert!(!victims.is_empty());
        for victim in victims {
            let name = victim["person"]["name"].as_str().unwrap();
            assert_eq!(!name.starts_with("Victim-"), sees, "{who}: {name}");
            assert_eq!(victim["masked"], !sees, "{who}");
            if !sees {
                assert!(victim["person"]["phone"].is_null(), "{who}");
            }
        }
    }
    let (_, body) = app.graphql(None, query, json!({ "id": id })).await;
    assert_eq!(
        error_code(&body),
        Some("FORBIDDEN"),
        "the public never sees a sensitive FIR"
    );
}
on_both!(protected_victims_are_pseudonymous_except_to_the_privileged);
