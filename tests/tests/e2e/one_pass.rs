//! `Fir.parties` answered in one pass (`schema/src/people/party_list.rs`) answers
//! exactly what the field-by-field path answers, to every role, and writes the same
//! audit records. The same selection behind an inline fragment takes the field-by-field
//! path, so each role's two answers are compared.

use serde_json::json;
use tests::{Backend, TestApp, on_both};

/// Every field the one pass knows, twice over under an alias.
const PLAIN: &str = "role code __typename person { id name sex __typename \
    prisonRecords { __typename prison { id code name __typename } } } other: person { name }";

const ROLES: [&str; 9] = [
    "STATION_OFFICER",
    "INVESTIGATING_OFFICER",
    "STATION_HOUSE_OFFICER",
    "SUPERVISOR",
    "ANALYST",
    "COURT",
    "PROSECUTOR",
    "PRISON",
    "CITIZEN",
];

fn parties_of_firs(selection: &str) -> String {
    format!(
        "{{ policeStations(first: 50) {{ edges {{ node {{ firs(first: 50) {{ edges {{ node {{ \
         number victimIdentityProtected parties {{ {selection} }} }} }} }} }} }} }} }}"
    )
}

/// What the audit log holds for `sub`, in a comparable form.
async fn audited(app: &TestApp, sub: &str) -> Vec<(String, String, String, String)> {
    let mut rows = app
        .rows(&format!(
            "SELECT COALESCE(record_type, ''), COALESCE(record_ids, ''), \
             COALESCE(fields, ''), CAST(outcome AS TEXT) FROM audit_record \
             WHERE actor_sub = '{sub}'"
        ))
        .await;
    rows.sort();
    rows
}

async fn parties_in_one_pass_answer_and_audit_as_field_by_field(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let one_pass = parties_of_firs(PLAIN);
    let by_field = parties_of_firs(&format!("... on CaseParty {{ {PLAIN} }}"));
    let mut compared = 0;
    for role in ROLES {
        let unit = app.unit_for(role).await;
        let fast = app.token(role, &unit, &format!("fast.{role}"));
        let slow = app.token(role, &unit, &format!("slow.{role}"));
        let (_, fast_answer) = app.graphql(Some(&fast), &one_pass, json!({})).await;
        let (_, slow_answer) = app.graphql(Some(&slow), &by_field, json!({})).await;
        assert_eq!(
            fast_answer, slow_answer,
            "{role} is answered alike on both paths"
        );
        assert_eq!(
            audited(&app, &format!("fast.{role}")).await,
            audited(&app, &format!("slow.{role}")).await,
            "{role} is audited alike on both paths"
        );
        let parties = fast_answer.to_string().matches("\"role\"").count();
        compared += parties;
    }
    // Police roles see the parties: the comparison covered real lists, with masked
    // and shown persons alike.
    assert!(compared > 100, "{compared} parties compared");
    let (_, shown) = app
        .graphql(
            Some(&app.token(
                "STATION_HOUSE_OFFICER",
                &app.unit_for("STATION_HOUSE_OFFICER").await,
                "sho",
            )),
            &one_pass,
            json!({}),
        )
        .await;
    let text = shown.to_string();
    assert!(
        text.contains("\"prisonRecords\":[{"),
        "custody records were shown: {text:.400}"
    );
    assert!(
        text.contains("Victim-") || text.contains("CCL-"),
        "pseudonyms were shown"
    );
}
on_both!(parties_in_one_pass_answer_and_audit_as_field_by_field);
