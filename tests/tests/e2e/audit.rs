//! The audit trail: what is recorded (sensitive disclosures, refusals, refused tokens),
//! what is not (ordinary reads), who may read it, and the hash chain `cctns audit verify`
//! checks.

use gateway::cli::{AuditCommand, Cli, Command};
use gateway::config::DatabaseArgs;
use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, nodes, on_both};

const LOG: &str = "query($sub: String) { auditLog(filter: { actorSub: $sub }, first: 100) { totalCount edges { node { id at actorSub actorRole actorUnit operation recordType recordIds fields outcome clientAddress hash } } } }";

async fn log_of(app: &TestApp, sub: &str) -> Vec<Value> {
    let auditor = app.token("AUDITOR", "IN", "auditor-1");
    nodes(&app.data(Some(&auditor), LOG, json!({ "sub": sub })).await["auditLog"])
}

async fn audit_rows(app: &TestApp) -> i64 {
    app.text("SELECT CAST(COUNT(*) AS TEXT) FROM audit_record")
        .await
        .parse()
        .unwrap()
}

/// A protected FIR with a victim: its row id and its station's code.
async fn protected_fir(app: &TestApp) -> (i64, String) {
    app.row(
        "SELECT f.id, u.code FROM fir f JOIN org_unit u ON u.id = f.station_id \
             WHERE f.victim_identity_protected AND EXISTS (SELECT 1 FROM case_party cp \
             WHERE cp.fir_id = f.id AND cp.role = 'VICTIM') ORDER BY f.id LIMIT 1",
    )
    .await
}

async fn verify(app: &TestApp) -> anyhow::Result<()> {
    gateway::cli::run(Cli {
        command: Command::Audit(AuditCommand::Verify(DatabaseArgs {
            database_url: app.url.clone(),
        })),
    })
    .await
}

async fn sensitive_disclosures_are_audited_with_who_what_and_where(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (fir, station) = protected_fir(&app).await;
    let sho = app.token("STATION_HOUSE_OFFICER", &station, "sho-audit");
    let query = "query CaseFile($id: ID!) { fir(id: $id) { narrative parties { role person { name phone } } } }";
    let id = schema::ids::encode("Fir", fir).0;
    let data = app.data(Some(&sho), query, json!({ "id": id })).await;
    assert!(
        data["fir"]["narrative"].is_string(),
        "the SHO sees the narrative"
    );

    let log = log_of(&app, "sho-audit").await;
    let find = |record_type: &str, class: &str| {
        log.iter()
            .find(|r| {
                r["recordType"] == record_type
                    && r["fields"].as_array().unwrap().contains(&json!(class))
            })
            .unwrap_or_else(|| panic!("no {record_type} {class} record in {log:#?}"))
            .clone()
    };
    let narrative = find("Fir", "NARRATIVE");
    assert_eq!(narrative["recordIds"], json!([fir.to_string()]));
    assert_eq!(narrative["outcome"], "ALLOWED");
    assert_eq!(narrative["operation"], "CaseFile.fir");
    assert_eq!(narrative["actorRole"], "STATION_HOUSE_OFFICER");
    assert_eq!(narrative["actorUnit"], station.as_str());
    assert_eq!(narrative["clientAddress"], "127.0.0.1");
    let victim = find("Person", "VICTIM_IDENTITY");
    assert_eq!(victim["outcome"], "ALLOWED");
    // Batched per request: one row per root field, outcome and record type.
    assert!(log.len() <= 3, "{log:#?}");

    // A constable of another state reading the same FIR sees it masked: nothing of
    // the victim is disclosed, so nothing about the victim is recorded.
    let other = app.token("STATION_OFFICER", "KA-BLR-PS001", "constable-audit");
    let data = app.data(Some(&other), query, json!({ "id": id })).await;
    assert!(data["fir"]["narrative"].is_null());
    assert!(
        log_of(&app, "constable-audit")
            .await
            .iter()
            .all(|r| r["fields"] != json!(["VICTIM_IDENTITY"]))
    );
}
on_both!(sensitive_disclosures_are_audited_with_who_what_and_where);

async fn refusals_are_audited_and_ordinary_reads_are_not(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let before = audit_rows(&app).await;
    let officer = app.token("STATION_OFFICER", "MH-PUN-PS001", "reader");
    app.data(Some(&officer), "{ policeStations(first: 5) { edges { node { name firs(first: 3) { edges { node { number charges { section } } } } } } } }", json!({})).await;
    assert_eq!(
        audit_rows(&app).await,
        before,
        "reading police-restricted data is not audited"
    );

    // A field-level refusal: an analyst asking for a case diary.
    let analyst = app.token("ANALYST", "IN", "analyst-audit");
    app.data(Some(&analyst), "{ firs(filter: { status: UNDER_INVESTIGATION }, first: 2) { edges { node { case { diary { content } } } } } }", json!({})).await;
    let log = log_of(&app, "analyst-audit").await;
    assert_eq!(log.len(), 1, "{log:#?}");
    assert_eq!(log[0]["outcome"], "DENIED");
    assert_eq!(log[0]["recordType"], "Case");
    assert_eq!(log[0]["fields"], json!(["INVESTIGATIVE"]));
    assert_eq!(log[0]["recordIds"].as_array().unwrap().len(), 2);

    // A FORBIDDEN error: a supervisor asking for the audit log itself.
    let (_, body) = app
        .graphql(
            Some(&app.token("SUPERVISOR", "MH", "sp-audit")),
            LOG,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"));
    let log = log_of(&app, "sp-audit").await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["outcome"], "DENIED");
    assert_eq!(log[0]["fields"], json!(["auditLog"]));

    // A refused token: recorded with the client's address.
    let response = app
        .client
        .post(format!("{}/graphql", app.base))
        .bearer_auth("not.a.token")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
    let auditor = app.token("AUDITOR", "IN", "auditor-2");
    let all = app.data(Some(&auditor), "{ auditLog(filter: { outcome: DENIED }, first: 100) { edges { node { operation clientAddress actorSub } } } }", json!({})).await;
    assert!(
        nodes(&all["auditLog"])
            .iter()
            .any(|r| r["operation"] == "authenticate" && r["clientAddress"] == "127.0.0.1")
    );
}
on_both!(refusals_are_audited_and_ordinary_reads_are_not);

async fn only_auditors_read_the_audit_log(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let auditor = app.token("AUDITOR", "IN", "auditor-3");
    let data = app.data(Some(&auditor), LOG, json!({})).await;
    assert!(data["auditLog"]["totalCount"].is_i64());
    for role in [
        "ADMIN",
        "SUPERVISOR",
        "STATION_HOUSE_OFFICER",
        "ANALYST",
        "COURT",
        "CITIZEN",
    ] {
        let (_, body) = app
            .graphql(
                Some(&app.token(role, &app.unit_for(role).await, "x")),
                LOG,
                json!({}),
            )
            .await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{role}: {body}");
    }
    let (_, body) = app.graphql(None, LOG, json!({})).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "anonymous: {body}");
}
on_both!(only_auditors_read_the_audit_log);

async fn audit_verify_detects_a_record_altered_in_the_database(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let (fir, station) = protected_fir(&app).await;
    let sho = app.token("STATION_HOUSE_OFFICER", &station, "sho-verify");
    let id = schema::ids::encode("Fir", fir).0;
    for _ in 0..3 {
        app.data(
            Some(&sho),
            "query($id: ID!) { fir(id: $id) { narrative } }",
            json!({ "id": id }),
        )
        .await;
    }
    assert!(audit_rows(&app).await >= 3);
    verify(&app).await.expect("an untouched chain verifies");

    // Someone with database access lifts the append-only guard and edits a record.
    let target = app
        .text("SELECT CAST(MIN(id) + 1 AS TEXT) FROM audit_record")
        .await;
    let backend = app.db.get_database_backend();
    let tamper: Vec<String> = match backend {
        sea_orm::DbBackend::Postgres => vec![
            "ALTER TABLE audit_record DISABLE TRIGGER USER".into(),
            format!("UPDATE audit_record SET actor_sub = 'someone-else' WHERE id = {target}"),
        ],
        _ => vec![
            "DROP TRIGGER audit_record_no_update".into(),
            format!("UPDATE audit_record SET actor_sub = 'someone-else' WHERE id = {target}"),
        ],
    };
    for sql in tamper {
        sea_orm::ConnectionTrait::execute_unprepared(&app.db, &sql)
            .await
            .expect("tamper");
    }
    let error = verify(&app)
        .await
        .expect_err("the altered record is detected")
        .to_string();
    assert!(
        error.contains(&format!("broken at record {target}")),
        "{error}"
    );
    assert!(error.contains("altered"), "{error}");
}
on_both!(audit_verify_detects_a_record_altered_in_the_database);

/// A person search, which the audit trail always records.
const SEARCH: &str = "{ searchPersons(name: \"Sharma\", first: 5) { person { id } } }";

/// Issue 18, 10a: an alias does not disguise what was asked.
async fn the_audit_names_the_field_behind_an_alias(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let officer = app.token("STATION_OFFICER", "MH-PUN-PS001", "alias-officer");
    // The attempt: a person search dressed as the station directory, and a refused
    // read of the audit log renamed inside a fragment.
    app.data(
        Some(&officer),
        "{ policeStations: searchPersons(name: \"Sharma\", first: 5) { person { id } } }",
        json!({}),
    )
    .await;
    let (_, body) = app.graphql(Some(&officer),
        "query Look { ...Roots } fragment Roots on Query { stations: auditLog(first: 1) { totalCount } }", json!({})).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");

    // What the auditor reads afterwards: the fields really asked.
    let log = log_of(&app, "alias-officer").await;
    let operations: Vec<&str> = log
        .iter()
        .map(|r| r["operation"].as_str().unwrap())
        .collect();
    assert!(operations.contains(&"searchPersons"), "{log:#?}");
    assert!(operations.contains(&"Look.auditLog"), "{log:#?}");
    assert!(
        operations
            .iter()
            .all(|op| !op.contains("policeStations") && !op.contains("stations")),
        "{operations:?}"
    );
    let refused = log
        .iter()
        .find(|r| r["operation"] == "Look.auditLog")
        .unwrap();
    assert_eq!(refused["outcome"], "DENIED");
    assert_eq!(refused["fields"], json!(["auditLog"]));
}
on_both!(the_audit_names_the_field_behind_an_alias);

/// The `sub`s of the actors whose records an auditor at `unit` reads (of actors of
/// `actor_unit` only, when given), and the units those actors serve in.
async fn seen_by_auditor(
    app: &TestApp,
    unit: &str,
    actor_unit: Option<&str>,
) -> Vec<(String, String)> {
    let auditor = app.token("AUDITOR", unit, &format!("auditor-{unit}"));
    let data = app.data(Some(&auditor),
        "query($unit: String) { auditLog(filter: { actorUnit: $unit }, first: 100) { edges { node { actorSub actorUnit } } } }",
        json!({ "unit": actor_unit })).await;
    nodes(&data["auditLog"])
        .iter()
        .map(|r| {
            (
                r["actorSub"].as_str().unwrap_or("").to_owned(),
                r["actorUnit"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// Issue 18, 10b: a state auditor reads what their own state's officers did, and
/// nothing of another state's; a national auditor reads both.
async fn an_auditor_reads_only_their_own_subtrees_trail(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    // Officers of two states each leave an audited search.
    for (station, sub) in [("MH-PUN-PS001", "reach-mh"), ("KA-BLR-PS001", "reach-ka")] {
        app.data(
            Some(&app.token("STATION_OFFICER", station, sub)),
            SEARCH,
            json!({}),
        )
        .await;
    }
    let subs =
        |rows: &[(String, String)]| rows.iter().map(|(sub, _)| sub.clone()).collect::<Vec<_>>();

    // The attempt: the Maharashtra auditor reads the whole log, then asks for
    // Karnataka's rows by name.
    let mh = seen_by_auditor(&app, "MH", None).await;
    assert!(subs(&mh).contains(&"reach-mh".to_owned()), "grant: {mh:?}");
    assert!(
        !subs(&mh).contains(&"reach-ka".to_owned()),
        "denial: {mh:?}"
    );
    assert!(
        mh.iter()
            .all(|(_, unit)| unit == "MH" || unit.starts_with("MH-")),
        "{mh:?}"
    );
    assert!(
        seen_by_auditor(&app, "MH", Some("KA-BLR-PS001"))
            .await
            .is_empty()
    );

    // The same from the other side.
    let ka = seen_by_auditor(&app, "KA", None).await;
    assert!(
        subs(&ka).contains(&"reach-ka".to_owned()) && !subs(&ka).contains(&"reach-mh".to_owned()),
        "{ka:?}"
    );

    // The national auditor reads both.
    let national = subs(&seen_by_auditor(&app, "IN", None).await);
    assert!(
        national.contains(&"reach-mh".to_owned()) && national.contains(&"reach-ka".to_owned()),
        "{national:?}"
    );
}
on_both!(an_auditor_reads_only_their_own_subtrees_trail);
