//! The national searches beyond persons and property: arrests by unit and date, FIRs by
//! crime head, prisoners by name, FIR or CNR, and missing persons matched against
//! unidentified bodies by description.

use serde_json::json;
use tests::{Backend, TestApp, error_code, nodes, on_both};

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.text(&format!(
        "SELECT CAST(COUNT(*) AS TEXT) FROM ({sql}) counted"
    ))
    .await
    .parse()
    .unwrap()
}

/// Persons outside an analyst's reach: any juvenile party, any protected victim.
const SHIELDED: &str = "EXISTS (SELECT 1 FROM case_party cp JOIN fir f ON f.id = cp.fir_id \
    WHERE cp.person_id = a.person_id AND (cp.juvenile OR (cp.role = 'VICTIM' AND f.victim_identity_protected)))";

const ARRESTS: &str = "query($filter: ArrestFilter) { arrests(filter: $filter, first: 100) { totalCount \
    edges { node { id arrestedAt mode } } } }";

async fn arrests_by_unit_and_date_leave_children_to_their_case_team(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "search.analyst");
    let district = app
        .text("SELECT path FROM org_unit WHERE code = 'MH-PUN'")
        .await;
    let expected = count(&app, &format!(
        "SELECT a.id FROM arrest a JOIN police_case c ON c.id = a.case_id JOIN org_unit u ON u.id = c.station_id \
         WHERE u.path LIKE '{district}%' AND NOT {SHIELDED}")).await;
    let data = app
        .data(
            Some(&analyst),
            ARRESTS,
            json!({ "filter": { "unitCode": "MH-PUN" } }),
        )
        .await;
    assert_eq!(data["arrests"]["totalCount"], expected);
    assert!(expected > 0);
    // A date window.
    let window = json!({ "unitCode": "MH-PUN", "arrestedFrom": "2025-01-01T00:00:00Z", "arrestedTo": "2025-07-01T00:00:00Z" });
    let data = app
        .data(Some(&analyst), ARRESTS, json!({ "filter": window }))
        .await;
    for arrest in nodes(&data["arrests"]) {
        let at = arrest["arrestedAt"].as_str().unwrap();
        assert!(("2025-01-01".."2025-07-01").contains(&&at[..10]), "{at}");
    }
    // A child's arrest: its station's SHO finds it, an analyst does not.
    let (id, station): (i64, String) = app.row(
        "SELECT a.id, u.code FROM arrest a JOIN case_party cp ON cp.id = a.party_id \
         JOIN police_case c ON c.id = a.case_id JOIN org_unit u ON u.id = c.station_id WHERE cp.juvenile \
         AND NOT EXISTS (SELECT 1 FROM case_party o JOIN fir f ON f.id = o.fir_id WHERE o.person_id = a.person_id \
         AND f.station_id <> c.station_id) ORDER BY a.id LIMIT 1").await;
    let station = station.as_str();
    let id = schema::ids::encode("Arrest", id).0;
    let sho = app.token("STATION_HOUSE_OFFICER", station, "search.sho");
    for (who, token, sees) in [("the SHO", &sho, true), ("an analyst", &analyst, false)] {
        let data = app
            .data(
                Some(token),
                ARRESTS,
                json!({ "filter": { "unitCode": station } }),
            )
            .await;
        let found = nodes(&data["arrests"])
            .iter()
            .any(|a| a["id"] == id.as_str());
        assert_eq!(found, sees, "{who}");
    }
    let citizen = app.token("CITIZEN", "MH", "c");
    let (_, body) = app.graphql(Some(&citizen), ARRESTS, json!({})).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
}
on_both!(arrests_by_unit_and_date_leave_children_to_their_case_team);

async fn firs_by_crime_head_and_prisoners_by_name_fir_and_cnr(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "search.analyst");
    let theft = count(
        &app,
        "SELECT DISTINCT c.fir_id FROM charge c JOIN statute s ON s.id = c.statute_id \
         WHERE c.removed_at IS NULL AND s.crime_head = 'THEFT'",
    )
    .await;
    let data = app
        .data(
            Some(&analyst),
            "{ firs(filter: { crimeHead: \"theft\" }, first: 1) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data["firs"]["totalCount"], theft);
    let (_, body) = app
        .graphql(
            None,
            "{ firs(filter: { crimeHead: \"THEFT\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");

    let (record, name, fir, cnr): (i64, String, i64, String) = app.row(
        "SELECT r.id, p.name, r.fir_id, cc.cnr \
         FROM prison_record r JOIN person p ON p.id = r.person_id JOIN court_case cc ON cc.id = r.court_case_id \
         WHERE r.fir_id IS NOT NULL ORDER BY r.id LIMIT 1").await;
    let record = schema::ids::encode("PrisonRecord", record).0;
    let fir = schema::ids::encode("Fir", fir).0;
    let query = "query($filter: PrisonRecordFilter) { prisonRecords(filter: $filter, first: 100) { totalCount edges { node { id } } } }";
    let reversed: Vec<&str> = name.split(' ').rev().collect();
    for filter in [
        json!({ "name": reversed.join(" ") }),
        json!({ "fir": fir }),
        json!({ "cnr": cnr.to_lowercase() }),
    ] {
        let data = app
            .data(Some(&analyst), query, json!({ "filter": filter }))
            .await;
        assert!(
            nodes(&data["prisonRecords"])
                .iter()
                .any(|r| r["id"] == record.as_str()),
            "{filter}: {data}"
        );
    }
    let data = app
        .data(
            Some(&analyst),
            query,
            json!({ "filter": { "name": "Zzyzx" } }),
        )
        .await;
    assert_eq!(data["prisonRecords"]["totalCount"], 0);
    // Who looked for which prisoner is on the audit log.
    let audited = app
        .text(
            "SELECT CAST(COUNT(*) AS TEXT) FROM audit_record WHERE operation = 'prisonRecords' \
         AND fields LIKE 'SEARCH%' AND actor_sub = 'search.analyst'",
        )
        .await;
    assert_eq!(audited, "4");
}
on_both!(firs_by_crime_head_and_prisoners_by_name_fir_and_cnr);

const MATCH_MISSING: &str =
    "query($id: ID!) { matchMissingPerson(id: $id) { score reasons body { id sex } } }";
const MATCH_BODY: &str = "query($id: ID!) { matchUnidentifiedBody(id: $id) { score reasons missingPerson { id name } } }";

async fn a_missing_person_and_a_body_with_one_description_match_each_other(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", "MH-PUN-PS001", "search.officer");
    let missing = app.text(
        "SELECT CAST(id AS TEXT) FROM missing_person WHERE status = 'MISSING' AND age_years >= 18 \
         AND sex <> 'UNKNOWN' ORDER BY id LIMIT 1").await;
    // A body found where and when the person went missing, with the same description.
    let body = app.text(&format!(
        "INSERT INTO unidentified_body (station_id, found_at, place, sex, age_min, age_max, height_cm, marks, status) \
         SELECT station_id, missing_since, 'Canal bank', sex, age_years - 2, age_years + 4, height_cm + 1, marks, \
         'UNIDENTIFIED' FROM missing_person WHERE id = {missing} RETURNING CAST(id AS TEXT)")).await;
    let missing_id = schema::ids::encode("MissingPerson", missing.parse().unwrap()).0;
    let body_id = schema::ids::encode("UnidentifiedBody", body.parse().unwrap()).0;

    let data = app
        .data(Some(&officer), MATCH_MISSING, json!({ "id": missing_id }))
        .await;
    let matches = data["matchMissingPerson"].as_array().unwrap();
    assert_eq!(matches[0]["body"]["id"], body_id.as_str(), "{matches:#?}");
    let reasons: Vec<&str> = matches[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"sex") && reasons.contains(&"same district"),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.starts_with("marks:")),
        "{reasons:?}"
    );
    let sex = app
        .text(&format!(
            "SELECT sex FROM missing_person WHERE id = {missing}"
        ))
        .await;
    for m in matches {
        assert!(
            m["body"]["sex"] == sex.as_str() || m["body"]["sex"] == "UNKNOWN",
            "{m}"
        );
    }

    let data = app
        .data(Some(&officer), MATCH_BODY, json!({ "id": body_id }))
        .await;
    let matches = data["matchUnidentifiedBody"].as_array().unwrap();
    let at = matches
        .iter()
        .position(|m| m["missingPerson"]["id"] == missing_id.as_str());
    assert!(at.is_some_and(|r| r < 3), "{matches:#?}");

    let (_, body) = app
        .graphql(
            Some(&officer),
            MATCH_BODY,
            json!({ "id": missing_id, "first": 10 }),
        )
        .await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    let audited = app
        .text("SELECT CAST(COUNT(*) AS TEXT) FROM audit_record WHERE operation LIKE 'match%'")
        .await;
    assert!(audited.parse::<i64>().unwrap() >= 2, "{audited}");
}
on_both!(a_missing_person_and_a_body_with_one_description_match_each_other);
