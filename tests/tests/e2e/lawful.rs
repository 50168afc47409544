//! Lawful on every path (issue 18): writes, ids and events disclose nothing the reads
//! protect. Each test is written as the attacker's steps: the attempt, then what the
//! attacker can read afterwards; and beside it the lawful caller who is granted.

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, nodes, on_both};

const REGISTER: &str = "mutation($input: RegisterFirInput!) { registerFir(input: $input) { \
    id victimIdentityProtected parties { role code person { id name birthYear address masked } } } }";

const ADMIT: &str = "mutation($input: AdmitPrisonerInput!) { admitPrisoner(input: $input) { \
    id prisonerId person { id name birthYear } } }";

const READ_FIR: &str = "query($id: ID!) { fir(id: $id) { victimIdentityProtected narrative place \
    amendments { field oldValue newValue } charges { act section } \
    parties { role code masked person { id name birthYear address parties { role } } } \
    case { diary { content } } } }";

/// An ordinary theft FIR at `station` naming `parties`.
fn theft(station: &str, parties: Value) -> Value {
    json!({
        "stationCode": station,
        "type": "REGULAR",
        "occurredFrom": "2026-11-28T21:30:00Z",
        "place": "Market road",
        "narrative": "The informant reports that a bicycle was stolen from the market.",
        "charges": [{ "act": "BNS", "section": "303(2)" }],
        "parties": parties,
    })
}

fn person_id(row: i64) -> String {
    schema::ids::encode("Person", row).0
}

fn fir_id(row: i64) -> String {
    schema::ids::encode("Fir", row).0
}

async fn count(app: &TestApp, table: &str) -> i64 {
    app.row(&format!("SELECT COUNT(*) FROM {table}")).await
}

/// Row ids of persons shielded somewhere: `VICTIM` of a protected FIR, or a juvenile
/// accused, outside the state of `state`.
async fn shielded_elsewhere(app: &TestApp, state: &str, shield: &str) -> i64 {
    app.row(&format!(
        "SELECT cp.person_id FROM case_party cp JOIN fir f ON f.id = cp.fir_id \
         JOIN org_unit u ON u.id = f.station_id WHERE u.path NOT LIKE '/IN/{state}/%' AND {shield} \
         ORDER BY cp.id LIMIT 1"
    ))
    .await
}

const PROTECTED_VICTIM: &str = "cp.role = 'VICTIM' AND f.victim_identity_protected = TRUE";
const CHILD: &str = "cp.juvenile = TRUE";

/// A protected FIR with an assigned IO, and the IO's login and posting.
struct ProtectedCase {
    row: i64,
    fir: String,
    station: String,
    io_login: String,
    io_unit: String,
}

async fn protected_case(app: &TestApp) -> ProtectedCase {
    let (row, station, io_login, io_unit): (i64, String, String, String) = app
        .row(
            "SELECT f.id, u.code, o.login_id, ou.code \
             FROM fir f JOIN org_unit u ON u.id = f.station_id JOIN police_case c ON c.fir_id = f.id \
             JOIN officer o ON o.id = c.io_id JOIN org_unit ou ON ou.id = o.unit_id \
             WHERE f.victim_identity_protected = TRUE AND ou.id = u.id \
             AND EXISTS (SELECT 1 FROM case_diary_entry d WHERE d.case_id = c.id) \
             ORDER BY f.id LIMIT 1",
        )
        .await;
    ProtectedCase {
        row,
        fir: fir_id(row),
        station,
        io_login,
        io_unit,
    }
}

/// Leak 1: a constable names a protected victim, a child, or anyone they cannot read in
/// full, into an FIR of their own station, to read them back in full.
async fn naming_a_person_by_id_needs_a_caller_who_reads_them_in_full(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let station = "MH-PUN-PS001";
    let constable = app.token("STATION_OFFICER", station, "attacker");
    let firs = count(&app, "fir").await;
    let nobody = schema::ids::encode("Person", 99_999_999).0;
    let (_, absent) = app
        .graphql(
            Some(&constable),
            REGISTER,
            json!({ "input": theft(station, json!([{ "role": "WITNESS", "personId": nobody }])) }),
        )
        .await;
    assert_eq!(error_code(&absent), Some("NOT_FOUND"), "{absent}");
    let other_state: i64 = app.row("SELECT cp.person_id FROM case_party cp JOIN fir f ON f.id = cp.fir_id \
        JOIN org_unit u ON u.id = f.station_id WHERE u.path LIKE '/IN/KA/%' AND cp.role = 'ACCUSED' AND cp.juvenile = FALSE \
        AND NOT EXISTS (SELECT 1 FROM case_party o JOIN fir g ON g.id = o.fir_id JOIN org_unit v ON v.id = g.station_id \
        WHERE o.person_id = cp.person_id AND v.code = 'MH-PUN-PS001') ORDER BY cp.id LIMIT 1").await;
    for (what, row) in [
        (
            "a protected victim of another state",
            shielded_elsewhere(&app, "MH", PROTECTED_VICTIM).await,
        ),
        (
            "a child in conflict with law",
            shielded_elsewhere(&app, "MH", CHILD).await,
        ),
        (
            "an accused of another state, whose personal data the constable sees masked",
            other_state,
        ),
    ] {
        for role in ["WITNESS", "ACCUSED", "VICTIM"] {
            let input = theft(
                station,
                json!([{ "role": role, "personId": person_id(row) }]),
            );
            let (_, body) = app
                .graphql(Some(&constable), REGISTER, json!({ "input": input }))
                .await;
            assert_eq!(
                error_code(&body),
                Some("NOT_FOUND"),
                "{what} as {role}: {body}"
            );
            assert_eq!(
                body["errors"][0]["message"], absent["errors"][0]["message"],
                "{what}: refused exactly as an absent person"
            );
            assert!(
                body["data"].is_null() || body["data"]["registerFir"].is_null(),
                "{what}: {body}"
            );
        }
        // Afterwards: nothing was written, so nothing can be read back.
        assert_eq!(count(&app, "fir").await, firs, "{what}: no FIR written");
    }

    // Granted: a person the constable already reads in full (named at their own
    // station, shielded nowhere).
    let own = app.row::<i64>("SELECT p.id FROM person p WHERE EXISTS (SELECT 1 FROM case_party cp \
        JOIN fir f ON f.id = cp.fir_id JOIN org_unit u ON u.id = f.station_id WHERE cp.person_id = p.id AND u.code = 'MH-PUN-PS001') \
        AND NOT EXISTS (SELECT 1 FROM case_party cp JOIN fir f ON f.id = cp.fir_id WHERE cp.person_id = p.id \
        AND (cp.juvenile = TRUE OR (f.victim_identity_protected = TRUE AND cp.role IN ('VICTIM', 'COMPLAINANT')))) ORDER BY p.id LIMIT 1").await;
    let data = app.data(Some(&constable), REGISTER, json!({ "input": theft(station, json!([{ "role": "WITNESS", "personId": person_id(own) }])) })).await;
    let person = &data["registerFir"]["parties"][0]["person"];
    assert_eq!(person["id"], person_id(own));
    assert_eq!(person["masked"], false, "{data}");
}
on_both!(naming_a_person_by_id_needs_a_caller_who_reads_them_in_full);

/// Leak 2: a prison desk admits anyone by id on an invented warrant to unmask them.
async fn a_prison_desk_cannot_name_anyone_into_custody(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let prison = app.token("PRISON", "MH-PUN-PR1", "desk");
    let records = count(&app, "prison_record").await;
    let victim = shielded_elsewhere(&app, "XX", PROTECTED_VICTIM).await;
    let free = app.row::<i64>("SELECT p.id FROM person p WHERE NOT EXISTS (SELECT 1 FROM prison_record r WHERE r.person_id = p.id) ORDER BY p.id LIMIT 1").await;
    for (what, row) in [("a protected victim", victim), ("any person", free)] {
        let input = json!({ "prisonCode": "MH-PUN-PR1", "personId": person_id(row), "category": "UNDERTRIAL", "warrantRef": "any text" });
        let (_, body) = app
            .graphql(Some(&prison), ADMIT, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{what}: {body}");
        assert!(!body.to_string().contains("Victim"), "{body}");
    }
    assert_eq!(
        count(&app, "prison_record").await,
        records,
        "no false custody record"
    );

    // Granted: an admission from the warrant's own details, and by id an accused
    // before the court case the custody answers to.
    let input = json!({ "prisonCode": "MH-PUN-PR1", "person": { "name": "Ramesh Pawar", "sex": "MALE", "birthYear": 1990 }, "category": "UNDERTRIAL", "warrantRef": "W-2026-101" });
    let data = app
        .data(Some(&prison), ADMIT, json!({ "input": input }))
        .await;
    assert_eq!(data["admitPrisoner"]["person"]["name"], "Ramesh Pawar");
    let (court_case, accused): (i64, i64) = app.row("SELECT cc.id, cp.person_id FROM court_case cc \
        JOIN court_case_link l ON l.court_case_id = cc.id JOIN police_case pc ON pc.id = l.case_id \
        JOIN case_party cp ON cp.fir_id = pc.fir_id AND cp.role = 'ACCUSED' \
        WHERE NOT EXISTS (SELECT 1 FROM prison_record r WHERE r.person_id = cp.person_id AND r.released_at IS NULL AND r.escaped_at IS NULL) \
        ORDER BY cc.id LIMIT 1").await;
    let court_case = schema::ids::encode("CourtCase", court_case).0;
    let stranger = shielded_elsewhere(&app, "XX", PROTECTED_VICTIM).await;
    let input = json!({ "prisonCode": "MH-PUN-PR1", "personId": person_id(stranger), "courtCaseId": court_case, "category": "UNDERTRIAL" });
    let (_, body) = app
        .graphql(Some(&prison), ADMIT, json!({ "input": input }))
        .await;
    assert_eq!(
        error_code(&body),
        Some("BAD_USER_INPUT"),
        "not an accused before that court: {body}"
    );
    let input = json!({ "prisonCode": "MH-PUN-PR1", "personId": person_id(accused), "courtCaseId": court_case, "category": "UNDERTRIAL" });
    let data = app
        .data(Some(&prison), ADMIT, json!({ "input": input }))
        .await;
    assert!(data["admitPrisoner"]["prisonerId"].is_string(), "{data}");
}
on_both!(a_prison_desk_cannot_name_anyone_into_custody);

/// Leak 3: a constable removes the sexual-offence charge to lift the protection
/// nationally; the SHO's lawful correction keeps it.
async fn removing_a_protected_charge_never_lifts_the_protection(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let case = protected_case(&app).await;
    let row = case.row;
    let positions: Vec<i64> = app
        .texts(&format!(
            "SELECT CAST(c.position AS TEXT) FROM charge c JOIN statute s ON s.id = c.statute_id \
        WHERE c.fir_id = {row} AND c.removed_at IS NULL AND s.victim_identity_protected = TRUE"
        ))
        .await
        .iter()
        .map(|p| p.parse().unwrap())
        .collect();
    assert!(!positions.is_empty());
    let amend = "mutation($id: ID!, $input: AmendFirInput!) { amendFir(firId: $id, input: $input) { victimIdentityProtected parties { role person { name } } } }";
    let input = json!({ "reason": "charge corrected", "removeCharges": positions, "addCharges": [{ "act": "BNS", "section": "115(2)" }] });
    let constable = app.token("STATION_OFFICER", &case.station, "attacker");
    let amendments = count(&app, "fir_amendment").await;
    let (_, body) = app
        .graphql(
            Some(&constable),
            amend,
            json!({ "id": case.fir, "input": input }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    assert_eq!(
        count(&app, "fir_amendment").await,
        amendments,
        "nothing amended"
    );

    let sho = app.token(
        "STATION_HOUSE_OFFICER",
        &case.station,
        &format!("{}.sho", case.station),
    );
    let data = app
        .data(Some(&sho), amend, json!({ "id": case.fir, "input": input }))
        .await;
    assert_eq!(
        data["amendFir"]["victimIdentityProtected"], true,
        "protection does not fall off"
    );
    let audited = app.text("SELECT CAST(COUNT(*) AS TEXT) FROM audit_record WHERE operation = 'amendFir' AND fields LIKE 'VICTIM_IDENTITY: removed%'").await;
    assert_eq!(
        audited, "1",
        "the removal is audited as touching the victim's identity"
    );

    // Afterwards, every other police role and the analyst read what they read before.
    for token in [
        constable,
        app.token("ANALYST", "IN", "analyst"),
        app.token("STATION_OFFICER", "KA-BLR-PS001", "elsewhere"),
    ] {
        let fir = &app
            .data(Some(&token), READ_FIR, json!({ "id": case.fir }))
            .await["fir"];
        assert_eq!(fir["victimIdentityProtected"], true);
        assert!(
            fir["narrative"].is_null() && fir["place"].is_null(),
            "{fir}"
        );
        assert!(
            fir["amendments"].is_null(),
            "the amendment's text is protected: {fir}"
        );
        for party in fir["parties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["role"] == "VICTIM")
        {
            assert!(
                party["person"]["name"]
                    .as_str()
                    .unwrap()
                    .starts_with("Victim-"),
                "{party}"
            );
            assert!(party["person"]["birthYear"].is_null(), "{party}");
        }
    }
}
on_both!(removing_a_protected_charge_never_lifts_the_protection);

/// Leak 4: a masked victim keeps her real id, which links her across FIRs and states.
async fn a_masked_party_has_an_id_of_its_own(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let case = protected_case(&app).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let sho = app.token(
        "STATION_HOUSE_OFFICER",
        &case.station,
        &format!("{}.sho", case.station),
    );
    let masked = app
        .data(Some(&analyst), READ_FIR, json!({ "id": case.fir }))
        .await;
    let full = app
        .data(Some(&sho), READ_FIR, json!({ "id": case.fir }))
        .await;
    let victim = |data: &Value| {
        data["fir"]["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["role"] == "VICTIM")
            .unwrap()["person"]
            .clone()
    };
    let (masked, full) = (victim(&masked), victim(&full));
    assert!(masked["name"].as_str().unwrap().starts_with("Victim-"));
    assert_ne!(
        masked["id"], full["id"],
        "the pseudonymous id never equals the person's"
    );
    assert!(
        full["parties"].is_array() && masked["parties"].is_null(),
        "a masked person is never linked across FIRs"
    );
    let node = "query($id: ID!) { node(id: $id) { id ... on Person { name birthYear parties { role } } } }";
    let again = app
        .data(Some(&analyst), node, json!({ "id": masked["id"] }))
        .await;
    assert_eq!(again["node"]["id"], masked["id"]);
    assert_eq!(
        again["node"]["name"], masked["name"],
        "resolves only as that party, masked"
    );
    assert!(again["node"]["parties"].is_null());
    let by_person = app
        .data(Some(&analyst), node, json!({ "id": full["id"] }))
        .await;
    assert_ne!(
        by_person["node"]["id"], full["id"],
        "the real id, if known, gives back no real id"
    );
    // Ids are not guessable from row numbers.
    let (_, body) = app
        .graphql(Some(&analyst), node, json!({ "id": "UGVyc29uOjE" }))
        .await;
    assert_eq!(
        error_code(&body),
        Some("BAD_USER_INPUT"),
        "base64 of Person:1 is no id: {body}"
    );
}
on_both!(a_masked_party_has_an_id_of_its_own);

/// Leak 5 and weakness 6: the complaint behind a protected FIR, and its case diary,
/// are read by every officer of the station.
async fn the_complaint_and_diary_of_a_protected_case_are_for_those_who_know_the_victim(
    backend: Backend,
) {
    let app = TestApp::with_demo_data(backend).await;
    let case = protected_case(&app).await;
    let row = case.row;
    let petition = app
        .text(&format!(
            "SELECT c.petition_number FROM complaint c JOIN fir f ON f.station_id = c.station_id \
        WHERE f.id = {row} ORDER BY c.id LIMIT 1"
        ))
        .await;
    app.texts(&format!("UPDATE complaint SET fir_id = {row} WHERE petition_number = '{petition}' RETURNING petition_number")).await;
    let list =
        "{ complaints(first: 100) { edges { node { petitionNumber nature description } } } }";
    let read = |token: String| {
        let app = &app;
        let petition = petition.clone();
        async move {
            let data = app.data(Some(&token), list, json!({})).await;
            nodes(&data["complaints"])
                .into_iter()
                .find(|c| c["petitionNumber"] == petition.as_str())
                .unwrap()
        }
    };
    let constable = app.token("STATION_OFFICER", &case.station, "attacker");
    let seen = read(constable.clone()).await;
    assert!(
        seen["description"].is_null() && seen["nature"].is_null(),
        "{seen}"
    );
    let sho = app.token(
        "STATION_HOUSE_OFFICER",
        &case.station,
        &format!("{}.sho", case.station),
    );
    assert!(read(sho.clone()).await["description"].is_string());

    let diary = "query($id: ID!) { fir(id: $id) { case { diary { content } } } }";
    let io = app.token("INVESTIGATING_OFFICER", &case.io_unit, &case.io_login);
    for (who, token, sees) in [
        ("constable of the station", constable, false),
        ("IO", io, true),
        ("SHO", sho, true),
    ] {
        let data = app
            .data(Some(&token), diary, json!({ "id": case.fir }))
            .await;
        assert_eq!(
            data["fir"]["case"]["diary"].is_array(),
            sees,
            "{who}: {data}"
        );
    }
}
on_both!(the_complaint_and_diary_of_a_protected_case_are_for_those_who_know_the_victim);

/// Weaknesses 7 and 8: the complainant of a protected FIR (often the victim's parent)
/// and a child accused are named to every police role nationally.
async fn complainants_of_protected_firs_and_children_are_masked_outside_the_team(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let analyst = app.token("ANALYST", "IN", "analyst");
    let (fir, station, name): (i64, String, String) = app.row("SELECT f.id, u.code, p.name FROM fir f JOIN org_unit u ON u.id = f.station_id \
        JOIN case_party cp ON cp.fir_id = f.id AND cp.role = 'COMPLAINANT' JOIN person p ON p.id = cp.person_id \
        WHERE f.victim_identity_protected = TRUE AND NOT EXISTS (SELECT 1 FROM case_party v WHERE v.fir_id = f.id \
        AND v.person_id = cp.person_id AND v.role = 'VICTIM') ORDER BY f.id LIMIT 1").await;
    let sho = app.token("STATION_HOUSE_OFFICER", &station, &format!("{station}.sho"));
    let complainant = |data: Value| {
        data["fir"]["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["role"] == "COMPLAINANT")
            .unwrap()["person"]
            .clone()
    };
    let seen = complainant(
        app.data(Some(&analyst), READ_FIR, json!({ "id": fir_id(fir) }))
            .await,
    );
    assert_eq!(seen["name"], "Complainant-1", "{seen}");
    assert_eq!(
        complainant(
            app.data(Some(&sho), READ_FIR, json!({ "id": fir_id(fir) }))
                .await
        )["name"],
        name.as_str()
    );

    let (fir, station, name): (i64, String, String) = app.row("SELECT cp.fir_id, u.code, p.name FROM case_party cp JOIN fir f ON f.id = cp.fir_id \
        JOIN org_unit u ON u.id = f.station_id JOIN person p ON p.id = cp.person_id WHERE cp.juvenile = TRUE ORDER BY cp.id LIMIT 1").await;
    let elsewhere = if station.starts_with("KA") {
        "MH-PUN-PS001"
    } else {
        "KA-BLR-PS001"
    };
    let child = |data: Value, name: &str| {
        data["fir"]["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["person"]["name"] == name)
            .cloned()
    };
    for token in [
        analyst,
        app.token("STATION_OFFICER", elsewhere, "elsewhere"),
    ] {
        let data = app
            .data(Some(&token), READ_FIR, json!({ "id": fir_id(fir) }))
            .await;
        assert!(
            child(data.clone(), &name).is_none(),
            "the child is not named: {data}"
        );
        let ccl = child(data.clone(), "CCL-1").expect("shown as CCL-1");
        assert!(
            ccl["person"]["birthYear"].is_null() && ccl["person"]["address"].is_null(),
            "{ccl}"
        );
    }
    let own = app
        .data(
            Some(&app.token("STATION_OFFICER", &station, "own")),
            READ_FIR,
            json!({ "id": fir_id(fir) }),
        )
        .await;
    assert!(
        child(own, &name).is_some(),
        "the owning station names the child"
    );
}
on_both!(complainants_of_protected_firs_and_children_are_masked_outside_the_team);

/// Weakness 9: IO access by `sub` alone, and roles at units they do not serve at.
async fn roles_are_bound_to_units_and_the_io_to_the_roll(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let case = protected_case(&app).await;
    let diary = "query($id: ID!) { fir(id: $id) { narrative case { diary { content } } } }";
    let elsewhere = if case.io_unit.starts_with("KA") {
        "MH-PUN-PS001"
    } else {
        "KA-BLR-PS001"
    };
    for (who, token) in [
        (
            "an analyst token carrying the IO's login",
            app.token("ANALYST", "IN", &case.io_login),
        ),
        (
            "the IO's login at another station",
            app.token("INVESTIGATING_OFFICER", elsewhere, &case.io_login),
        ),
        (
            "a supervisor token carrying the IO's login, elsewhere",
            app.token("SUPERVISOR", &elsewhere[..2], &case.io_login),
        ),
    ] {
        let data = app
            .data(Some(&token), diary, json!({ "id": case.fir }))
            .await;
        assert!(
            data["fir"]["case"]["diary"].is_null() && data["fir"]["narrative"].is_null(),
            "{who}: {data}"
        );
    }
    let station = "MH-PUN-PS001";
    let court = app
        .text("SELECT code FROM org_unit WHERE kind = 'COURT' ORDER BY code LIMIT 1")
        .await;
    for (role, unit) in [
        ("PROSECUTOR", station),
        ("COURT", "IN"),
        ("PRISON", "MH"),
        ("STATION_OFFICER", "MH"),
        ("SUPERVISOR", station),
        ("ANALYST", station),
        ("AUDITOR", court.as_str()),
        ("ADMIN", station),
        ("STATION_HOUSE_OFFICER", court.as_str()),
    ] {
        let (status, body) = app
            .graphql(
                Some(&app.token(role, unit, "x")),
                "{ me { role } }",
                json!({}),
            )
            .await;
        assert_eq!(status, 401, "{role} at {unit}: {body}");
        assert_eq!(
            error_code(&body),
            Some("UNAUTHENTICATED"),
            "{role} at {unit}"
        );
    }
    let io = app.token("INVESTIGATING_OFFICER", &case.io_unit, &case.io_login);
    let data = app.data(Some(&io), diary, json!({ "id": case.fir })).await;
    assert!(
        data["fir"]["case"]["diary"].is_array(),
        "the IO on the roll of their station: {data}"
    );
}
on_both!(roles_are_bound_to_units_and_the_io_to_the_roll);

/// Leak 15: FIR_REGISTERED carried a protected victim's person id to every police
/// subscriber.
async fn events_carry_only_what_every_subscriber_may_read(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let station = "MH-PUN-PS001";
    let sho = app.token("STATION_HOUSE_OFFICER", station, &format!("{station}.sho"));
    let input = json!({
        "stationCode": station, "type": "REGULAR", "occurredFrom": "2026-11-28T21:30:00Z",
        "narrative": "The victim's mother reports an assault on her daughter near the school.",
        "charges": [{ "act": "POCSO", "section": "8" }],
        "parties": [
            { "role": "VICTIM", "person": { "name": "Asha Patil", "sex": "FEMALE", "birthYear": 2013 } },
            { "role": "COMPLAINANT", "person": { "name": "Sunita Patil", "sex": "FEMALE", "birthYear": 1985 } },
            { "role": "ACCUSED", "person": { "name": "Vikas More", "sex": "MALE", "birthYear": 1980 } },
            { "role": "ACCUSED", "person": { "name": "Minor Boy", "sex": "MALE", "birthYear": 2011 } },
        ],
    });
    let data = app
        .data(Some(&sho), REGISTER, json!({ "input": input }))
        .await;
    let parties = data["registerFir"]["parties"].as_array().unwrap();
    let refs = app.text("SELECT CAST(subject_refs AS TEXT) FROM domain_event WHERE event_type = 'FIR_REGISTERED' ORDER BY id DESC LIMIT 1").await;
    for party in parties {
        let id = party["person"]["id"].as_str().unwrap();
        let public = party["role"] == "ACCUSED" && party["person"]["name"] == "Vikas More";
        assert_eq!(
            refs.contains(id),
            public,
            "{} in {refs}",
            party["person"]["name"]
        );
    }
}
on_both!(events_carry_only_what_every_subscriber_may_read);
