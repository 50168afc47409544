//! The `persons` list: lookup by any words of a name or alias, and the persons the law
//! shields from lists (children in conflict with law, victims of sexual offences), shown
//! only to the case team, both here and in `searchPersons`.

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, nodes, on_both};

const LIST: &str = "query($name: String!) { persons(filter: { name: $name }, first: 100) { totalCount edges { node { id name } } } }";

fn person_id(row: i64) -> String {
    schema::ids::encode("Person", row).0
}

async fn listed(app: &TestApp, token: &str, name: &str) -> Vec<Value> {
    let data = app.data(Some(token), LIST, json!({ "name": name })).await;
    nodes(&data["persons"])
}

const SEARCH: &str =
    "query($name: String!) { searchPersons(name: $name, first: 50) { person { id name } } }";

/// The persons `searchPersons` finds for `name`.
async fn searched(app: &TestApp, token: &str, name: &str) -> Vec<Value> {
    let data = app.data(Some(token), SEARCH, json!({ "name": name })).await;
    let hits = data["searchPersons"].as_array().unwrap();
    hits.iter().map(|hit| hit["person"].clone()).collect()
}

/// What the `persons` list and `searchPersons` show `token` for `name`.
async fn listed_and_searched(
    app: &TestApp,
    token: &str,
    name: &str,
) -> [(&'static str, Vec<Value>); 2] {
    [
        ("persons", listed(app, token, name).await),
        ("searchPersons", searched(app, token, name).await),
    ]
}

/// A person shielded by exactly one kind of party (`shielded` is an SQL condition on
/// `cp` and `f`), all of whose parties of that kind sit at one station: their row id,
/// name, station code and district code.
async fn shielded_person(app: &TestApp, shielded: &str) -> (i64, String, String, String) {
    let sql = format!(
        "SELECT p.id, p.name, MIN(u.code), MIN(u.path) \
         FROM person p JOIN case_party cp ON cp.person_id = p.id JOIN fir f ON f.id = cp.fir_id \
         JOIN org_unit u ON u.id = f.station_id WHERE {shielded} \
         GROUP BY p.id, p.name HAVING COUNT(DISTINCT u.id) = 1 ORDER BY p.id LIMIT 1"
    );
    let (id, name, station, path): (i64, String, String, String) = app.row(&sql).await;
    let district = path.split('/').filter(|s| !s.is_empty()).nth(2).unwrap();
    (id, name, station, district.into())
}

async fn persons_are_found_by_any_words_of_name_or_alias(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", "MH-PUN-PS001", "c");
    // An adult accused with a three-word name: found by its words' starts, in any order.
    let (id, name): (i64, String) = app.row(
        "SELECT p.id, p.name_normalized FROM person p \
         WHERE p.name_normalized LIKE '% % %' AND EXISTS (SELECT 1 FROM case_party cp \
         WHERE cp.person_id = p.id AND cp.role = 'ACCUSED') AND NOT EXISTS (SELECT 1 FROM \
         case_party cp JOIN fir f ON f.id = cp.fir_id WHERE cp.person_id = p.id AND \
         (cp.juvenile OR (cp.role = 'VICTIM' AND f.victim_identity_protected))) ORDER BY p.id LIMIT 1",
    ).await;
    let words: Vec<&str> = name.split(' ').collect();
    let query = format!(
        "{} {}",
        &words[2][..3.min(words[2].len())],
        words[0].to_uppercase()
    );
    let found = listed(&app, &officer, &query).await;
    assert!(
        found.iter().any(|p| p["id"] == person_id(id)),
        "{query}: {found:?}"
    );
    for person in &found {
        let hit = person["name"].as_str().unwrap().to_lowercase();
        assert!(
            hit.contains(&words[0].to_lowercase()),
            "{query} matched {hit}"
        );
    }
    // The total is what the database holds for those words.
    let data = app
        .data(Some(&officer), LIST, json!({ "name": name }))
        .await;
    assert!(data["persons"]["totalCount"].as_i64().unwrap() >= 1);

    // An alias word that is not in the name finds the person too.
    let (id, alias): (i64, String) = app.row(
        "SELECT p.id, a.alias_normalized FROM person p \
         JOIN person_alias a ON a.person_id = p.id WHERE a.alias_normalized NOT LIKE '% %' \
         AND p.name_normalized NOT LIKE '%' || a.alias_normalized || '%' AND NOT EXISTS \
         (SELECT 1 FROM case_party cp JOIN fir f ON f.id = cp.fir_id WHERE cp.person_id = p.id \
         AND (cp.juvenile OR (cp.role = 'VICTIM' AND f.victim_identity_protected))) ORDER BY p.id LIMIT 1",
    ).await;
    let found = listed(&app, &officer, &alias).await;
    assert!(
        found.iter().any(|p| p["id"] == person_id(id)),
        "alias {alias}: {found:?}"
    );

    let (_, body) = app
        .graphql(Some(&officer), LIST, json!({ "name": " .' " }))
        .await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
}
on_both!(persons_are_found_by_any_words_of_name_or_alias);

async fn only_police_and_analysts_list_persons(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    for role in ["STATION_OFFICER", "SUPERVISOR", "ANALYST"] {
        let data = app
            .data(
                Some(&app.token(role, &app.unit_for(role).await, "x")),
                LIST,
                json!({ "name": "kumar" }),
            )
            .await;
        assert!(
            data["persons"]["totalCount"].as_i64().unwrap() > 0,
            "{role}"
        );
    }
    for role in [
        "CITIZEN",
        "COURT",
        "PROSECUTOR",
        "PRISON",
        "AUDITOR",
        "ADMIN",
    ] {
        let (_, body) = app
            .graphql(
                Some(&app.token(role, &app.unit_for(role).await, "x")),
                LIST,
                json!({ "name": "kumar" }),
            )
            .await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{role}: {body}");
        assert!(
            body["data"].is_null() || body["data"]["persons"].is_null(),
            "{role}: {body}"
        );
    }
    let (_, body) = app.graphql(None, LIST, json!({ "name": "kumar" })).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "anonymous: {body}");
}
on_both!(only_police_and_analysts_list_persons);

async fn children_in_conflict_with_law_are_listed_for_the_case_team_only(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (id, name, station, district) = shielded_person(&app, "cp.juvenile").await;
    let other_district = if district == "MH-PUN" {
        "MH-MUM"
    } else {
        "MH-PUN"
    };
    let other_station = format!("{other_district}-PS001");
    for (who, role, unit, sees) in [
        (
            "an officer of the owning station",
            "STATION_OFFICER",
            station.as_str(),
            true,
        ),
        (
            "the owning station's SHO",
            "STATION_HOUSE_OFFICER",
            station.as_str(),
            true,
        ),
        (
            "a supervisor over the station",
            "SUPERVISOR",
            district.as_str(),
            true,
        ),
        (
            "an officer of another district",
            "STATION_OFFICER",
            other_station.as_str(),
            false,
        ),
        (
            "a supervisor elsewhere",
            "SUPERVISOR",
            other_district,
            false,
        ),
        ("an analyst", "ANALYST", "IN", false),
    ] {
        for (how, found) in listed_and_searched(&app, &app.token(role, unit, "x"), &name).await {
            let present = found.iter().any(|p| p["id"] == person_id(id));
            assert_eq!(present, sees, "{who} finding {name} by {how}: {found:?}");
        }
    }
}
on_both!(children_in_conflict_with_law_are_listed_for_the_case_team_only);

async fn victims_of_sexual_offences_are_listed_for_those_who_may_know_them(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (id, name, station, district) =
        shielded_person(&app, "cp.role = 'VICTIM' AND f.victim_identity_protected").await;
    let other_district = if district == "MH-PUN" {
        "MH-MUM"
    } else {
        "MH-PUN"
    };
    let other_station = format!("{other_district}-PS001");
    for (who, role, unit, sees) in [
        (
            "the owning station's SHO",
            "STATION_HOUSE_OFFICER",
            station.as_str(),
            true,
        ),
        (
            "a supervisor over the station",
            "SUPERVISOR",
            district.as_str(),
            true,
        ),
        (
            "a constable of the owning station",
            "STATION_OFFICER",
            station.as_str(),
            false,
        ),
        (
            "an SHO elsewhere",
            "STATION_HOUSE_OFFICER",
            other_station.as_str(),
            false,
        ),
        ("an analyst", "ANALYST", "IN", false),
    ] {
        for (how, found) in listed_and_searched(&app, &app.token(role, unit, "x"), &name).await {
            let present = found.iter().any(|p| p["id"] == person_id(id));
            assert_eq!(
                present, sees,
                "{who} finding the victim by {how}: {found:?}"
            );
            if sees {
                let hit = found.iter().find(|p| p["id"] == person_id(id)).unwrap();
                assert_eq!(hit["name"], name.as_str(), "{who} sees the real name");
            }
        }
    }
}
on_both!(victims_of_sexual_offences_are_listed_for_those_who_may_know_them);
