//! The authorization matrix: (role, the caller's relation to the record) × field class →
//! outcome, checked over real HTTP for the same FIR reached five ways: the root query, a
//! nested edge, `node(id)`, `_entities`, and a list search. Prints the matrix it checked.
//!
//! Outcomes: `F` full, `M` masked (a pseudonym, or null with `masked: true`), `-` withheld
//! (null), `D` denied (the record is not returned at all).

use serde_json::{Value, json};
use tests::{Backend, TestApp, error_code, nodes, on_both};

/// The fields observed, one per field class.
const FIELDS: &str = "id number charges { section } narrative \
    parties { role person { id name phone masked } } case { diary { content } }";

const CLASSES: [&str; 6] = [
    "header",
    "restricted",
    "personal",
    "victim",
    "narrative",
    "diary",
];

/// How a record is reached.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Path {
    Root,
    Edge,
    Node,
    Entities,
    Search,
}

const PATHS: [Path; 5] = [
    Path::Root,
    Path::Edge,
    Path::Node,
    Path::Entities,
    Path::Search,
];

/// The record under test and the people in it.
struct Subject {
    fir_id: String,
    case_id: String,
    case_row: i64,
    station: String,
    victim_name: String,
    accused_id: String,
}

async fn subject(app: &TestApp, protected: bool) -> Subject {
    let (fir, case, station, victim_name, accused): (i64, i64, String, String, i64) = app
        .row(&format!(
            "SELECT f.id, c.id, u.code, v.name, a.person_id \
             FROM fir f JOIN org_unit u ON u.id = f.station_id JOIN police_case c ON c.fir_id = f.id \
             JOIN case_party vp ON vp.fir_id = f.id AND vp.role = 'VICTIM' JOIN person v ON v.id = vp.person_id \
             JOIN case_party a ON a.fir_id = f.id AND a.role = 'ACCUSED' \
             WHERE f.victim_identity_protected = {protected} AND c.io_id IS NOT NULL \
             AND EXISTS (SELECT 1 FROM person_phone ph WHERE ph.person_id = a.person_id) \
             AND NOT EXISTS (SELECT 1 FROM case_party o WHERE o.fir_id = f.id AND o.person_id = a.person_id AND o.role = 'VICTIM') \
             AND EXISTS (SELECT 1 FROM case_diary_entry d WHERE d.case_id = c.id) \
             AND EXISTS (SELECT 1 FROM court_case_link l WHERE l.case_id = c.id) \
             ORDER BY f.id LIMIT 1"
        ))
        .await;
    Subject {
        fir_id: schema::ids::encode("Fir", fir).0,
        case_id: schema::ids::encode("Case", case).0,
        case_row: case,
        station,
        victim_name,
        accused_id: schema::ids::encode("Person", accused).0,
    }
}

/// Fetches the FIR by `path`; `None` when it is not returned.
async fn fetch(app: &TestApp, token: Option<&str>, s: &Subject, path: Path) -> Option<Value> {
    let (query, vars) = match path {
        Path::Root => (
            format!("query($id: ID!) {{ r: fir(id: $id) {{ {FIELDS} }} }}"),
            json!({ "id": s.fir_id }),
        ),
        Path::Edge => (
            format!("query($id: ID!) {{ c: case(id: $id) {{ r: fir {{ {FIELDS} }} }} }}"),
            json!({ "id": s.case_id }),
        ),
        Path::Node => (
            format!("query($id: ID!) {{ r: node(id: $id) {{ ... on Fir {{ {FIELDS} }} }} }}"),
            json!({ "id": s.fir_id }),
        ),
        Path::Entities => (
            format!(
                "query($reps: [_Any!]!) {{ r: _entities(representations: $reps) {{ ... on Fir {{ {FIELDS} }} }} }}"
            ),
            json!({ "reps": [{ "__typename": "Fir", "id": s.fir_id }] }),
        ),
        Path::Search => (
            format!(
                "query($station: String!) {{ r: firs(filter: {{ stationCode: $station }}, first: 100) {{ edges {{ node {{ {FIELDS} }} }} }} }}"
            ),
            json!({ "station": s.station }),
        ),
    };
    let (status, body) = app.graphql(token, &query, vars).await;
    assert_eq!(status, 200, "{body}");
    let data = &body["data"];
    let found = match path {
        Path::Edge => data["c"]["r"].clone(),
        Path::Entities => data["r"][0].clone(),
        Path::Search => match data["r"].is_null() {
            true => Value::Null,
            false => nodes(&data["r"])
                .into_iter()
                .find(|n| n["id"] == s.fir_id.as_str())
                .unwrap_or(Value::Null),
        },
        _ => data["r"].clone(),
    };
    (!found.is_null() && found.get("id").is_some()).then_some(found)
}

/// The outcome per field class, as one string (`FFMM--`).
fn observe(fir: Option<&Value>, s: &Subject) -> String {
    let Some(fir) = fir else {
        return "DDDDDD".into();
    };
    let party = |role: &str, id: Option<&str>| {
        fir["parties"].as_array().and_then(|parties| {
            parties
                .iter()
                .find(|p| p["role"] == role && id.is_none_or(|id| p["person"]["id"] == id))
                .map(|p| p["person"].clone())
        })
    };
    let personal = match party("ACCUSED", Some(&s.accused_id)) {
        Some(p) if p["phone"].is_string() => 'F',
        Some(p) if p["masked"] == true => 'M',
        _ => 'D',
    };
    let victim = match party("VICTIM", None) {
        Some(p) if p["name"] == s.victim_name.as_str() => 'F',
        Some(p) if p["name"].as_str().is_some_and(|n| n.starts_with("Victim-")) => 'M',
        _ => 'D',
    };
    let present = |v: &Value| if v.is_null() { '-' } else { 'F' };
    [
        'F',
        present(&fir["charges"]),
        personal,
        victim,
        present(&fir["narrative"]),
        present(&fir["case"]["diary"]),
    ]
    .iter()
    .collect()
}

/// One row of the matrix: who, where, related how, and the expected outcome per class,
/// with the paths where it differs (lists show protected FIRs to police and analysts
/// only; a case is police-restricted, so the edge from it is closed to others).
struct Row {
    role: &'static str,
    unit: String,
    sub: String,
    relation: &'static str,
    expected: &'static str,
    except: Vec<(Path, &'static str)>,
}

fn row(role: &'static str, unit: &str, relation: &'static str, expected: &'static str) -> Row {
    Row {
        role,
        unit: unit.into(),
        sub: format!("matrix-{}", role.to_lowercase()),
        relation,
        expected,
        except: Vec::new(),
    }
}

/// Runs `rows` against `s` over every path, prints the matrix, and fails on any mismatch.
async fn check(app: &TestApp, title: &str, s: &Subject, rows: Vec<Row>) {
    let mut failures = Vec::new();
    println!("\n{title}");
    println!(
        "{:<24} {:<14} {:<22} {:<9} {}",
        "role",
        "unit",
        "relation",
        "path",
        CLASSES.join(" ")
    );
    for r in &rows {
        let token = (r.role != "ANONYMOUS").then(|| app.token(r.role, &r.unit, &r.sub));
        for path in PATHS {
            let found = fetch(app, token.as_deref(), s, path).await;
            let seen = observe(found.as_ref(), s);
            let expected = r
                .except
                .iter()
                .find(|(p, _)| *p == path)
                .map_or(r.expected, |(_, e)| *e);
            let cells: Vec<String> = seen
                .chars()
                .zip(CLASSES)
                .map(|(c, class)| format!("{c:^width$}", width = class.len()))
                .collect();
            let mark = if seen == expected { "ok" } else { "MISMATCH" };
            println!(
                "{:<24} {:<14} {:<22} {:<9} {} {mark}",
                r.role,
                r.unit,
                r.relation,
                format!("{path:?}"),
                cells.join(" ")
            );
            if seen != expected {
                failures.push(format!(
                    "{} ({}) via {path:?}: expected {expected}, saw {seen}",
                    r.role, r.relation
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix mismatches:\n{}",
        failures.join("\n")
    );
}

/// The case team: the IO (login and the unit whose roll they are on) and the court.
struct CaseTeam {
    io_login: String,
    io_unit: String,
    court: String,
    court_path: String,
}

async fn case_team(app: &TestApp, s: &Subject) -> CaseTeam {
    let case_row = s.case_row;
    let (io_login, io_unit, court, court_path) = app
        .row(&format!(
            "SELECT o.login_id, ou.code, cu.code, cu.path FROM police_case c \
             JOIN officer o ON o.id = c.io_id JOIN org_unit ou ON ou.id = o.unit_id \
             JOIN court_case_link l ON l.case_id = c.id JOIN court_case cc ON cc.id = l.court_case_id \
             JOIN org_unit cu ON cu.id = cc.court_id WHERE c.id = {case_row} ORDER BY cc.id LIMIT 1"
        ))
        .await;
    CaseTeam {
        io_login,
        io_unit,
        court,
        court_path,
    }
}

fn district_of(path: &str) -> String {
    path.split('/')
        .filter(|s| !s.is_empty())
        .nth(2)
        .unwrap()
        .to_owned()
}

async fn authorization_matrix_over_http(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let s = subject(&app, true).await;
    let team = case_team(&app, &s).await;
    let station_path = app
        .text(&format!(
            "SELECT path FROM org_unit WHERE code = '{}'",
            s.station
        ))
        .await;
    let district = district_of(&station_path);
    let state = district.split('-').next().unwrap().to_owned();
    let same_district = app.text(&format!(
        "SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' AND path LIKE '/IN/{state}/{district}/%' AND code <> '{}' ORDER BY code LIMIT 1", s.station)).await;
    let other_state = app.text(&format!(
        "SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' AND path NOT LIKE '/IN/{state}/%' ORDER BY code LIMIT 1")).await;
    let other_state_code = other_state.split('-').next().unwrap().to_owned();
    let other_court = app.text(&format!(
        "SELECT code FROM org_unit WHERE kind = 'COURT' AND path NOT LIKE '/IN/{state}/%' ORDER BY code LIMIT 1")).await;
    let court_district = district_of(&team.court_path);
    let prosecution_office = |district_is: &str| {
        format!(
            "SELECT code FROM org_unit WHERE kind = 'PROSECUTION_OFFICE' AND path LIKE '/IN/%/{district_is}/%' ORDER BY code LIMIT 1"
        )
    };
    let court_office = app.text(&prosecution_office(&court_district)).await;
    let other_office = app.text(&format!(
        "SELECT code FROM org_unit WHERE kind = 'PROSECUTION_OFFICE' AND path NOT LIKE '%/{court_district}/%' ORDER BY code LIMIT 1")).await;
    let prison = app
        .text("SELECT code FROM org_unit WHERE kind = 'PRISON' ORDER BY code LIMIT 1")
        .await;

    let mut io = row(
        "INVESTIGATING_OFFICER",
        &team.io_unit,
        "assigned IO",
        "FFFFFF",
    );
    io.sub = team.io_login.clone();
    let mut io_elsewhere = row(
        "INVESTIGATING_OFFICER",
        &other_state,
        "IO's login elsewhere",
        "FFMM--",
    );
    io_elsewhere.sub = team.io_login.clone();
    let mut analyst_as_io = row("ANALYST", "IN", "analyst with IO's login", "FFMM--");
    analyst_as_io.sub = team.io_login.clone();
    let mut the_court = row("COURT", &team.court, "court on the case", "FFFFF-");
    the_court.except = vec![(Path::Search, "DDDDDD")];
    let mut prosecutor = row(
        "PROSECUTOR",
        &court_office,
        "prosecutor on the case",
        "FFFFF-",
    );
    prosecutor.except = vec![(Path::Search, "DDDDDD")];
    let rows = vec![
        row(
            "STATION_HOUSE_OFFICER",
            &s.station,
            "own station (SHO)",
            "FFFFFF",
        ),
        row("STATION_OFFICER", &s.station, "own station", "FFFM--"),
        row("STATION_OFFICER", &same_district, "same district", "FFMM--"),
        row(
            "STATION_HOUSE_OFFICER",
            &other_state,
            "other state",
            "FFMM--",
        ),
        row("SUPERVISOR", &district, "supervisor over it", "FFFFFF"),
        row(
            "SUPERVISOR",
            &other_state_code,
            "supervisor elsewhere",
            "FFMM--",
        ),
        io,
        io_elsewhere,
        analyst_as_io,
        row(
            "INVESTIGATING_OFFICER",
            &same_district,
            "IO of another case",
            "FFMM--",
        ),
        the_court,
        row("COURT", &other_court, "another court", "DDDDDD"),
        prosecutor,
        row("PROSECUTOR", &other_office, "another district", "DDDDDD"),
        row("ANALYST", "IN", "none (national)", "FFMM--"),
        row("PRISON", &prison, "none", "DDDDDD"),
        row("CITIZEN", "IN", "none", "DDDDDD"),
        row("AUDITOR", "IN", "none", "DDDDDD"),
        row("ADMIN", "IN", "none", "DDDDDD"),
        row("ANONYMOUS", "IN", "none", "DDDDDD"),
    ];
    check(
        &app,
        &format!("FIR protecting its victim's identity ({:?})", backend),
        &s,
        rows,
    )
    .await;

    // An ordinary FIR: its header is public, the rest police-restricted, personal
    // data for the owning station.
    let s = subject(&app, false).await;
    let state = s.station.split('-').next().unwrap().to_owned();
    let other_state = app.text(&format!(
        "SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' AND path NOT LIKE '/IN/{state}/%' ORDER BY code LIMIT 1")).await;
    let public = |role, relation| {
        let mut r = row(role, "IN", relation, "F-DD--");
        r.except = vec![(Path::Edge, "DDDDDD")];
        r
    };
    let rows = vec![
        row("STATION_OFFICER", &s.station, "own station", "FFFFFF"),
        row("STATION_OFFICER", &other_state, "other state", "FFMFF-"),
        row("ANALYST", "IN", "none (national)", "FFMFF-"),
        public("CITIZEN", "none"),
        public("ADMIN", "none"),
        public("ANONYMOUS", "none"),
    ];
    check(&app, &format!("Ordinary FIR ({:?})", backend), &s, rows).await;
}
on_both!(authorization_matrix_over_http);

/// The write paths of the write matrix, in column order.
const WRITES: [&str; 6] = [
    "registerFir",
    "registerFir naming the victim",
    "amendFir retiring the protected charge",
    "recordArrest in a case of the station",
    "admitPrisoner of the victim",
    "convertComplaintToFir naming the victim",
];

/// One write attempt's outcome: `+` granted, or the refusal's code's initial (`F`
/// FORBIDDEN, `N` NOT_FOUND, `B` BAD_USER_INPUT, `U` UNAUTHENTICATED).
fn outcome(body: &Value) -> char {
    match error_code(body) {
        None => '+',
        Some(code) => code.chars().next().unwrap(),
    }
}

/// What a write attempt needs to know of the subject.
struct WriteSubject {
    station: String,
    fir_id: String,
    /// A case of the station still under investigation, and its accused.
    open_case_id: String,
    accused_id: String,
    victim_id: String,
    prison: String,
    protected_positions: Vec<i64>,
}

/// Tries every write path as `token`; the outcomes as one string (`+N F+FN`).
async fn attempt_writes(app: &TestApp, token: Option<&str>, s: &WriteSubject) -> String {
    let constable = app.token("STATION_OFFICER", &s.station, "matrix-desk");
    let new_fir = |parties: Value| {
        json!({ "stationCode": s.station, "type": "REGULAR", "occurredFrom": "2026-11-28T21:30:00Z",
            "narrative": "The informant reports that a bicycle was stolen from the market.",
            "charges": [{ "act": "BNS", "section": "303(2)" }], "parties": parties })
    };
    let stranger =
        json!([{ "role": "COMPLAINANT", "person": { "name": "Matrix Informant", "sex": "MALE" } }]);
    let victim = json!([{ "role": "WITNESS", "personId": s.victim_id }]);
    let register = "mutation($input: RegisterFirInput!) { registerFir(input: $input) { id } }";
    let complaint = app
        .data(Some(&constable), "mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }",
            json!({ "input": { "stationCode": s.station, "nature": "Theft", "description": "A bicycle was stolen from the market.",
                "complainant": { "name": "Matrix Complainant", "sex": "FEMALE", "phone": "9000000009" } } }))
        .await["fileComplaint"]["id"].clone();
    let attempts = [
        (register.to_owned(), json!({ "input": new_fir(stranger) })),
        (register.to_owned(), json!({ "input": new_fir(victim.clone()) })),
        ("mutation($id: ID!, $input: AmendFirInput!) { amendFir(firId: $id, input: $input) { id } }".to_owned(),
            json!({ "id": s.fir_id, "input": { "reason": "matrix", "removeCharges": s.protected_positions, "addCharges": [{ "act": "BNS", "section": "115(2)" }] } })),
        ("mutation($input: RecordArrestInput!) { recordArrest(input: $input) { id } }".to_owned(),
            json!({ "input": { "caseId": s.open_case_id, "personId": s.accused_id, "arrestedAt": "2026-11-25T10:00:00Z", "mode": "ARRESTED_FORWARDED" } })),
        ("mutation($input: AdmitPrisonerInput!) { admitPrisoner(input: $input) { id } }".to_owned(),
            json!({ "input": { "prisonCode": s.prison, "personId": s.victim_id, "category": "UNDERTRIAL", "warrantRef": "any text" } })),
        ("mutation($id: ID!, $input: RegisterFirInput!) { convertComplaintToFir(complaintId: $id, input: $input) { id } }".to_owned(),
            json!({ "id": complaint, "input": new_fir(victim) })),
    ];
    let mut seen = String::new();
    for (query, variables) in attempts {
        let (_, body) = app.graphql(token, &query, variables).await;
        seen.push(outcome(&body));
    }
    seen
}

async fn write_matrix_over_http(backend: Backend) {
    let app = TestApp::with_demo_data(backend).await;
    let s = subject(&app, true).await;
    let team = case_team(&app, &s).await;
    let victim_row = app.text(&format!("SELECT CAST(cp.person_id AS TEXT) FROM case_party cp JOIN police_case c ON c.fir_id = cp.fir_id \
        WHERE c.id = {} AND cp.role = 'VICTIM' ORDER BY cp.id LIMIT 1", s.case_row)).await;
    let fir_row = app
        .text(&format!(
            "SELECT CAST(fir_id AS TEXT) FROM police_case WHERE id = {}",
            s.case_row
        ))
        .await;
    let positions = app
        .texts(&format!(
            "SELECT CAST(c.position AS TEXT) FROM charge c JOIN statute st ON st.id = c.statute_id \
        WHERE c.fir_id = {fir_row} AND c.removed_at IS NULL AND st.victim_identity_protected = TRUE"
        ))
        .await;
    let station_path = app
        .text(&format!(
            "SELECT path FROM org_unit WHERE code = '{}'",
            s.station
        ))
        .await;
    let district = district_of(&station_path);
    let court_district = district_of(&team.court_path);
    let open = app.data(Some(&app.token("STATION_OFFICER", &s.station, "matrix-desk")),
        "mutation($input: RegisterFirInput!) { registerFir(input: $input) { case { id } parties { person { id } } } }",
        json!({ "input": { "stationCode": s.station, "type": "REGULAR", "occurredFrom": "2026-11-28T21:30:00Z",
            "narrative": "The informant reports a chain snatching near the bus stand.", "charges": [{ "act": "BNS", "section": "303(2)" }],
            "parties": [{ "role": "ACCUSED", "person": { "name": "Matrix Accused", "sex": "MALE", "birthYear": 1990 } }] } })).await;
    let w = WriteSubject {
        station: s.station.clone(),
        fir_id: s.fir_id.clone(),
        open_case_id: open["registerFir"]["case"]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        accused_id: open["registerFir"]["parties"][0]["person"]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        victim_id: schema::ids::encode("Person", victim_row.parse().unwrap()).0,
        prison: app
            .text("SELECT code FROM org_unit WHERE kind = 'PRISON' ORDER BY code LIMIT 1")
            .await,
        protected_positions: positions.iter().map(|p| p.parse().unwrap()).collect(),
    };
    let office = app.text(&format!("SELECT code FROM org_unit WHERE kind = 'PROSECUTION_OFFICE' AND path LIKE '%/{court_district}/%' LIMIT 1")).await;
    let other_state = app.text(&format!("SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' AND path NOT LIKE '/IN/{}/%' ORDER BY code LIMIT 1",
        district.split('-').next().unwrap())).await;
    // The IO at their own station writes like its officers (and reads the victim in
    // full); from elsewhere, only their case.
    let io_expected = if team.io_unit == s.station {
        "++F+F+"
    } else {
        "FFF+FF"
    };
    let sho = format!("{}.sho", s.station);
    // The SHO comes last: their grant retires the protected charge for good.
    let rows: Vec<(&str, String, String, &str, &str)> = vec![
        (
            "STATION_OFFICER",
            s.station.clone(),
            "matrix-pc".into(),
            "own station",
            "+NF+FN",
        ),
        (
            "STATION_OFFICER",
            other_state.clone(),
            "matrix-pc2".into(),
            "other state",
            "FFFFFF",
        ),
        (
            "INVESTIGATING_OFFICER",
            team.io_unit.clone(),
            team.io_login.clone(),
            "assigned IO",
            io_expected,
        ),
        (
            "SUPERVISOR",
            district.clone(),
            "matrix-sp".into(),
            "supervisor over it",
            "FFFFFF",
        ),
        (
            "ANALYST",
            "IN".into(),
            "matrix-analyst".into(),
            "none (national)",
            "FFFFFF",
        ),
        (
            "COURT",
            team.court.clone(),
            "matrix-court".into(),
            "court on the case",
            "FFFFFF",
        ),
        (
            "PROSECUTOR",
            office,
            "matrix-pp".into(),
            "prosecutor on the case",
            "FFFFFF",
        ),
        (
            "PRISON",
            w.prison.clone(),
            "matrix-prison".into(),
            "a prison",
            "FFFFNF",
        ),
        (
            "CITIZEN",
            "IN".into(),
            "matrix-citizen".into(),
            "none",
            "FFFFFF",
        ),
        (
            "AUDITOR",
            "IN".into(),
            "matrix-auditor".into(),
            "none",
            "FFFFFF",
        ),
        (
            "ADMIN",
            "IN".into(),
            "matrix-admin".into(),
            "none",
            "FFFFFF",
        ),
        ("ANONYMOUS", String::new(), String::new(), "none", "FFFFFF"),
        (
            "STATION_HOUSE_OFFICER",
            s.station.clone(),
            sho,
            "own station (SHO)",
            "++++F+",
        ),
    ];
    let first_event = app
        .text("SELECT CAST(COALESCE(MAX(id), 0) AS TEXT) FROM domain_event")
        .await;
    println!(
        "\nWrites on an FIR protecting its victim's identity ({backend:?}): + granted, F FORBIDDEN, N NOT_FOUND (as an absent person)"
    );
    for (i, write) in WRITES.iter().enumerate() {
        println!("  column {}: {write}", i + 1);
    }
    println!("{:<24} {:<14} {:<24} 123456", "role", "unit", "relation");
    let mut failures = Vec::new();
    for (role, unit, sub, relation, expected) in rows {
        let token = (role != "ANONYMOUS").then(|| app.token(role, &unit, &sub));
        let seen = attempt_writes(&app, token.as_deref(), &w).await;
        let mark = if seen == expected { "ok" } else { "MISMATCH" };
        println!("{role:<24} {unit:<14} {relation:<24} {seen} {mark}");
        if seen != expected {
            failures.push(format!(
                "{role} ({relation}): expected {expected}, saw {seen}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "write matrix mismatches:\n{}",
        failures.join("\n")
    );

    // The event stream: every FIR_REGISTERED the granted writes emitted goes to every
    // police role and analyst; each person it refers to must be one that subscriber
    // sees, unmasked, in the FIR itself.
    // And one FIR that protects its victim, registered by the SHO.
    app.data(Some(&app.token("STATION_HOUSE_OFFICER", &s.station, &format!("{}.sho", s.station))),
        "mutation($input: RegisterFirInput!) { registerFir(input: $input) { id } }",
        json!({ "input": { "stationCode": s.station, "type": "REGULAR", "occurredFrom": "2026-11-28T21:30:00Z",
            "narrative": "The mother reports an assault on her daughter near the school.", "charges": [{ "act": "POCSO", "section": "8" }],
            "parties": [{ "role": "VICTIM", "person": { "name": "Matrix Victim", "sex": "FEMALE", "birthYear": 2013 } },
                { "role": "COMPLAINANT", "person": { "name": "Matrix Mother", "sex": "FEMALE", "birthYear": 1986 } },
                { "role": "ACCUSED", "person": { "name": "Matrix Assailant", "sex": "MALE", "birthYear": 1979 } }] } })).await;
    let events = app
        .texts(&format!(
            "SELECT CAST(subject_refs AS TEXT) FROM domain_event \
        WHERE event_type = 'FIR_REGISTERED' AND id > {first_event} ORDER BY id"
        ))
        .await;
    println!(
        "Events: {} FIR_REGISTERED from the granted writes, read by each subscriber",
        events.len()
    );
    assert!(!events.is_empty());
    for (role, unit) in [
        ("ANALYST", "IN".to_owned()),
        ("STATION_OFFICER", other_state.clone()),
        ("SUPERVISOR", district.clone()),
    ] {
        let token = app.token(role, &unit, "matrix-subscriber");
        let mut referred = 0;
        for refs in &events {
            let refs: Value = serde_json::from_str(refs).unwrap();
            let fir = app
                .data(
                    Some(&token),
                    "query($id: ID!) { fir(id: $id) { parties { masked person { id } } } }",
                    json!({ "id": refs["fir"] }),
                )
                .await;
            let shown: Vec<&Value> = fir["fir"]["parties"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| &p["person"]["id"])
                .collect();
            for person in refs["persons"].as_array().unwrap() {
                // A masked party shows a pseudonymous id, so a person sent by their own
                // id must be one the FIR shows this subscriber unmasked.
                assert!(
                    shown.contains(&person),
                    "{role} at {unit} is sent {person}, which the FIR does not show them: {fir}"
                );
                referred += 1;
            }
        }
        println!(
            "{role:<24} {unit:<14} every one of {referred} person refs is a person the FIR shows them: ok"
        );
    }
}
on_both!(write_matrix_over_http);
