//! `searchPersons`: spellings of Indian names find the person they belong to in the top
//! three, unrelated names do not, filters narrow, and every search is audited. (The
//! persons the law shields are checked for searches and the `persons` list alike, in
//! `persons.rs`.)

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, on_both};

const STATION: &str = "MH-PUN-PS001";

const SEARCH: &str = "query($name: String!, $filter: PersonSearchFilter, $first: Int) { \
    searchPersons(name: $name, filter: $filter, first: $first) { score reason person { id name } } }";

const REGISTER: &str = "mutation($input: RegisterFirInput!) { \
    registerFir(input: $input) { parties { role person { id name } } } }";

/// The persons of the fixture: distinctive names, one with aliases and one with a
/// relative's name, registered as parties of one FIR.
fn fixture() -> Value {
    json!({
        "stationCode": STATION,
        "type": "REGULAR",
        "occurredFrom": "2026-11-28T21:30:00Z",
        "place": "Near Deccan bus stop, Pune",
        "narrative": "The complainant reports that her purse was stolen from her bag in a crowded bus.",
        "charges": [{ "act": "BNS", "section": "303(2)" }],
        "parties": [
            { "role": "COMPLAINANT", "person": { "name": "Lakshmi Narayani Chaudhary", "sex": "FEMALE", "birthYear": 1979 } },
            { "role": "ACCUSED", "person": { "name": "Mohammed Salimuddin Qureshi", "sex": "MALE", "birthYear": 1990,
                "relativeName": "Abdul Rashid Qureshi", "aliases": ["Tiger Pahalwan"] } },
            { "role": "ACCUSED", "person": { "name": "Srinivasan Venkataraman Iyer", "sex": "MALE", "birthYear": 1995 } },
            { "role": "WITNESS", "person": { "name": "Harpreet Kaur Dhaliwal", "sex": "FEMALE", "birthYear": 1988 } },
        ],
    })
}

/// Registers the fixture; returns each person's name and global id.
async fn register(app: &TestApp, officer: &str) -> Vec<(String, String)> {
    let data = app
        .data(Some(officer), REGISTER, json!({ "input": fixture() }))
        .await;
    data["registerFir"]["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let person = &p["person"];
            (
                person["name"].as_str().unwrap().to_owned(),
                person["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn search(app: &TestApp, token: &str, name: &str, filter: Value) -> Vec<Value> {
    let data = app
        .data(
            Some(token),
            SEARCH,
            json!({ "name": name, "filter": filter, "first": 10 }),
        )
        .await;
    data["searchPersons"].as_array().unwrap().clone()
}

/// The rank (0-based) of person `id` among `hits`.
fn rank(hits: &[Value], id: &str) -> Option<usize> {
    hits.iter().position(|h| h["person"]["id"] == id)
}

async fn spellings_of_a_name_find_the_person_in_the_top_three(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", STATION, "search.officer");
    let people = register(&app, &officer).await;
    let id = |name: &str| people.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let cases: [(&str, &[&str]); 3] = [
        (
            "Mohammed Salimuddin Qureshi",
            &[
                "Mohd Salimuddin Qureshi",
                "Muhammad Salimudin Kureshi",
                "Qureshi Mohammad Salimuddin",
                "Md. Saleemuddin",
                "M. S. Qureshi Salimuddin",
                "Tiger Pehalwan",
                // A misspelling no phonetic key catches: found by trigrams.
                "Mohammad Salimuddim",
            ],
        ),
        (
            "Lakshmi Narayani Chaudhary",
            &[
                "Laxmi Narayani Choudhury",
                "Lakshmi Narayani Chowdhury",
                "Narayani Chaudhari",
                "L. Narayani",
                "Luxmi Naraini",
                "CHAUDHARY, LAKSHMI NARAYANI",
                "Lakshni Narayami",
            ],
        ),
        (
            "Srinivasan Venkataraman Iyer",
            &[
                "Sreenivasan Venkatraman Aiyar",
                "S. Venkataraman Iyer",
                "Venkataraman Shrinivasan",
                "Venkatraman Iyer",
                "Srinivasan V. Iyer Venkataraman",
                "Shreenivasan Venkitaraman",
            ],
        ),
    ];
    for (person, spellings) in cases {
        for spelling in spellings {
            let hits = search(&app, &officer, spelling, Value::Null).await;
            let at = rank(&hits, &id(person));
            assert!(
                at.is_some_and(|r| r < 3),
                "{spelling:?} finds {person} at {at:?}: {hits:#?}"
            );
            let hit = &hits[at.unwrap()];
            assert!(hit["score"].as_f64().unwrap() > 0.0 && hit["score"].as_f64().unwrap() <= 1.0);
            assert!(!hit["reason"].as_str().unwrap().is_empty());
        }
    }
    // Every name word carries its person's initials, and an initial may be an alias's.
    app.assert_initials_agree().await;
    let qureshi = id("Mohammed Salimuddin Qureshi");
    let hits = search(&app, &officer, "T. Qureshi", Value::Null).await;
    assert!(rank(&hits, &qureshi).is_some_and(|r| r < 3), "{hits:#?}");
    let hits = search(&app, &officer, "Z. Qureshi", Value::Null).await;
    assert_eq!(rank(&hits, &qureshi), None, "{hits:#?}");
    // Every name word carries its person's initials, and an initial may be an alias's.
    app.assert_initials_agree().await;
    let qureshi = id("Mohammed Salimuddin Qureshi");
    let hits = search(&app, &officer, "T. Qureshi", Value::Null).await;
    assert!(rank(&hits, &qureshi).is_some_and(|r| r < 3), "{hits:#?}");
    let hits = search(&app, &officer, "Z. Qureshi", Value::Null).await;
    assert_eq!(rank(&hits, &qureshi), None, "{hits:#?}");
    // The reason names the alias that matched, and how.
    let hits = search(&app, &officer, "Tiger Pehalwan", Value::Null).await;
    let reason = hits[rank(&hits, &id("Mohammed Salimuddin Qureshi")).unwrap()]["reason"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(reason.starts_with("alias \"Tiger Pahalwan\""), "{reason}");
    // The exact name scores 1.
    let hits = search(&app, &officer, "Harpreet Kaur Dhaliwal", Value::Null).await;
    assert_eq!(hits[0]["person"]["id"], id("Harpreet Kaur Dhaliwal"));
    assert_eq!(hits[0]["score"], 1.0);

    // Unrelated names do not find the fixture.
    for unrelated in [
        "Anjali Deshpande",
        "Venkatesh Gowda",
        "Rahul Patil",
        "Zzyzx Qwerty",
    ] {
        let hits = search(&app, &officer, unrelated, Value::Null).await;
        for (name, person) in &people {
            assert!(
                rank(&hits, person).is_none(),
                "{unrelated:?} found {name}: {hits:#?}"
            );
        }
    }
}
on_both!(spellings_of_a_name_find_the_person_in_the_top_three);

async fn filters_narrow_a_search_and_the_relative_name_ranks(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", STATION, "search.officer");
    let people = register(&app, &officer).await;
    let salim = people
        .iter()
        .find(|(n, _)| n.starts_with("Mohammed"))
        .unwrap()
        .1
        .clone();
    let found = |hits: &[Value]| rank(hits, &salim).is_some();
    let name = "Mohd Salimuddin Qureshi";
    let year = tests::this_year();
    for (filter, expected) in [
        (json!({ "sex": "MALE" }), true),
        (json!({ "sex": "FEMALE" }), false),
        (
            json!({ "ageFrom": year - 1990, "ageTo": year - 1990 }),
            true,
        ),
        (json!({ "ageFrom": year - 1985 }), false),
        (json!({ "unitCode": "MH-PUN" }), true),
        (json!({ "unitCode": "KA" }), false),
        (json!({ "roles": ["ACCUSED"] }), true),
        (json!({ "roles": ["CONVICTED"] }), false),
        (json!({ "roles": ["ARRESTED"] }), false),
    ] {
        let hits = search(&app, &officer, name, filter.clone()).await;
        assert_eq!(found(&hits), expected, "{filter}: {hits:#?}");
    }
    let hits = search(
        &app,
        &officer,
        name,
        json!({ "relativeName": "Abdul Rasheed" }),
    )
    .await;
    let reason = hits[rank(&hits, &salim).unwrap()]["reason"]
        .as_str()
        .unwrap();
    assert!(reason.contains("relative: abdul, rashid"), "{reason}");
}
on_both!(filters_narrow_a_search_and_the_relative_name_ranks);

async fn searches_are_for_police_and_analysts_audited_and_checked(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "search.analyst");
    let hits = search(&app, &analyst, "Kumar", Value::Null).await;
    assert!(!hits.is_empty());
    // Who searched for what, and what came back, is on the audit log.
    let (fields, ids): (String, String) = app
        .row(
            "SELECT COALESCE(MAX(fields), ''), COALESCE(MAX(record_ids), '') FROM audit_record \
               WHERE operation = 'searchPersons' AND actor_sub = 'search.analyst'",
        )
        .await;
    assert!(fields.contains("SEARCH name=\"Kumar\""), "{fields}");
    assert!(!ids.is_empty(), "{fields}");

    for role in [
        "CITIZEN",
        "COURT",
        "PROSECUTOR",
        "PRISON",
        "AUDITOR",
        "ADMIN",
    ] {
        let token = app.token(role, &app.unit_for(role).await, "search.other");
        let (_, body) = app
            .graphql(Some(&token), SEARCH, json!({ "name": "Kumar" }))
            .await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{role}: {body}");
    }
    let (_, body) = app.graphql(None, SEARCH, json!({ "name": "Kumar" })).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "anonymous: {body}");

    for (name, first, field) in [
        ("R. K.", 10, "name"),
        ("  ", 10, "name"),
        ("a b c d e f g", 10, "name"),
        ("Kumar", 0, "first"),
        ("Kumar", 51, "first"),
    ] {
        let (_, body) = app
            .graphql(
                Some(&analyst),
                SEARCH,
                json!({ "name": name, "first": first }),
            )
            .await;
        assert_eq!(
            error_code(&body),
            Some("BAD_USER_INPUT"),
            "{name:?} {first}: {body}"
        );
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
}
on_both!(searches_are_for_police_and_analysts_audited_and_checked);

async fn a_search_costs_the_same_statements_for_one_hit_or_fifty(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "search.analyst");
    let nested = "query($first: Int) { searchPersons(name: \"Kumar\", first: $first) { score \
        person { name parties { role fir { number station { name } } } } } }";
    let mut used = Vec::new();
    for first in [1, 50] {
        let before = app.stats.statements();
        let data = app
            .data(Some(&analyst), nested, json!({ "first": first }))
            .await;
        used.push(app.stats.statements() - before);
        assert_eq!(
            data["searchPersons"].as_array().unwrap().len(),
            first as usize
        );
    }
    println!(
        "{backend:?}: searchPersons ran {} statements for 1 hit, {} for 50",
        used[0], used[1]
    );
    assert!(
        used[1] <= used[0] + 4,
        "statements grow with hits: {used:?}"
    );
}
on_both!(a_search_costs_the_same_statements_for_one_hit_or_fifty);

const PROPERTY: &str = "query($input: PropertySearchInput!) { searchProperty(input: $input, first: 50) { \
    totalCount edges { node { matchesStolen item { id status registrationNumber imei } stolenElsewhere { id } } } } }";

fn item_id(row: i64) -> String {
    schema::ids::encode("PropertyItem", row).0
}

async fn a_seized_vehicle_stolen_elsewhere_is_flagged(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", STATION, "search.officer");
    // A registration recorded stolen in one FIR and seized or recovered in another.
    let (registration, stolen, seized): (String, i64, i64) = app.row(
        "SELECT s.registration_normalized, s.id, x.id \
         FROM property_item s JOIN property_item x ON x.registration_normalized = s.registration_normalized \
         AND x.fir_id <> s.fir_id WHERE s.status = 'STOLEN' AND x.status <> 'STOLEN' ORDER BY s.id LIMIT 1",
    ).await;
    let (stolen, seized) = (item_id(stolen), item_id(seized));
    // Written as people write it: spaced, lower case; and only its first characters.
    let spaced = format!(
        "{} {} {}",
        &registration[..2],
        &registration[2..4],
        &registration[4..]
    )
    .to_lowercase();
    for written in [spaced.as_str(), &registration[..6]] {
        let data = app
            .data(
                Some(&officer),
                PROPERTY,
                json!({ "input": { "registration": written } }),
            )
            .await;
        let hits = tests::nodes(&data["searchProperty"]);
        let hit = hits
            .iter()
            .find(|h| h["item"]["id"] == seized.as_str())
            .unwrap_or_else(|| panic!("{written}: {hits:#?}"));
        assert_eq!(hit["matchesStolen"], true, "{hit}");
        assert!(
            hit["stolenElsewhere"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["id"] == stolen.as_str()),
            "{hit}"
        );
        for hit in &hits {
            let found = hit["item"]["registrationNumber"]
                .as_str()
                .unwrap()
                .replace([' ', '-'], "")
                .to_uppercase();
            assert!(
                found.starts_with(&written.replace(' ', "").to_uppercase()),
                "{written} found {found}"
            );
        }
    }
    // A mobile by IMEI.
    let imei = app
        .text("SELECT imei FROM property_item WHERE imei IS NOT NULL ORDER BY id LIMIT 1")
        .await;
    let data = app
        .data(
            Some(&officer),
            PROPERTY,
            json!({ "input": { "imei": imei } }),
        )
        .await;
    assert!(
        tests::nodes(&data["searchProperty"])
            .iter()
            .all(|h| h["item"]["imei"] == imei.as_str())
    );
    assert!(data["searchProperty"]["totalCount"].as_i64().unwrap() >= 1);

    // Too short, nothing given, the wrong role.
    for (input, field) in [
        (json!({ "registration": "MH1" }), "input.registration"),
        (json!({}), "input"),
    ] {
        let (_, body) = app
            .graphql(Some(&officer), PROPERTY, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    let citizen = app.token("CITIZEN", "MH", "search.citizen");
    let (_, body) = app
        .graphql(
            Some(&citizen),
            PROPERTY,
            json!({ "input": { "registration": registration } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let audited = app
        .text("SELECT CAST(COUNT(*) AS TEXT) FROM audit_record WHERE operation = 'searchProperty'")
        .await;
    assert!(audited.parse::<i64>().unwrap() >= 3, "{audited}");
}
on_both!(a_seized_vehicle_stolen_elsewhere_is_flagged);
