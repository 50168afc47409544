//! `me`: who the caller is, from their token, and an investigating officer's own cases.

use serde_json::{Value, json};
use tests::{Backend, TestApp, on_both};

const ME: &str = "{ me { sub name role unit { code name } expiresAt cases(first: 5) { totalCount \
                  edges { node { case { investigatingOfficer { id } } } } } } }";

async fn me_is_the_token_and_cases_are_the_officers_own(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    // Anonymous: nobody.
    let data = app.data(None, ME, json!({})).await;
    assert_eq!(data["me"], Value::Null);

    // The investigating officer with the most cases in the demo data, on their unit's roll.
    let (login, unit, cases): (String, String, i64) = app
        .rows::<(String, String, i64)>(
            "SELECT o.login_id, u.code, COUNT(*) FROM police_case pc \
             JOIN officer o ON o.id = pc.io_id JOIN org_unit u ON u.id = o.unit_id \
             WHERE o.active GROUP BY o.login_id, u.code ORDER BY COUNT(*) DESC, o.login_id LIMIT 1",
        )
        .await
        .remove(0);
    let io = app.token_for("INVESTIGATING_OFFICER", &unit, &login, 300);
    let started = chrono::Utc::now();
    let me = app.data(Some(&io), ME, json!({})).await["me"].clone();
    assert_eq!(me["sub"], login.as_str());
    assert_eq!(me["role"], "INVESTIGATING_OFFICER");
    assert_eq!(me["unit"]["code"], unit.as_str());
    assert!(me["unit"]["name"].is_string(), "{me}");
    let expires: chrono::DateTime<chrono::Utc> = me["expiresAt"].as_str().unwrap().parse().unwrap();
    let left = (expires - started).num_seconds();
    assert!((295..=301).contains(&left), "expires in {left} s");
    assert_eq!(
        me["cases"]["totalCount"], cases,
        "every case they investigate"
    );
    let mine: Vec<&Value> = me["cases"]["edges"].as_array().unwrap().iter().collect();
    assert!(!mine.is_empty());
    let first = &mine[0]["node"]["case"]["investigatingOfficer"]["id"];
    for edge in &mine {
        assert_eq!(&edge["node"]["case"]["investigatingOfficer"]["id"], first);
    }

    // The same login at another unit is not that officer: no cases. Nor a citizen.
    let (other,): (String,) = app
        .rows::<(String,)>(&format!(
            "SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' AND code <> '{unit}' \
             ORDER BY code LIMIT 1"
        ))
        .await
        .remove(0);
    let stranger = app.token("INVESTIGATING_OFFICER", &other, &login);
    let me = app.data(Some(&stranger), ME, json!({})).await["me"].clone();
    assert_eq!(me["cases"], Value::Null, "{me}");
    let citizen = app.token("CITIZEN", "IN", "citizen.me");
    let me = app.data(Some(&citizen), ME, json!({})).await["me"].clone();
    assert_eq!(me["role"], "CITIZEN");
    assert_eq!(me["cases"], Value::Null);
}
on_both!(me_is_the_token_and_cases_are_the_officers_own);
