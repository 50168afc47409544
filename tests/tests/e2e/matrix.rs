//! The authorization matrix: (role, the caller's relation to the record) × field class →
//! outcome, checked over real HTTP for the same FIR reached five ways: the root query, a
//! nested edge, `node(id)`, `_entities`, and a list search. Prints the matrix it checked.
//!
//! Outcomes: `F` full, `M` masked (a pseudonym, or null with `masked: true`), `-` withheld
//! (null), `D` denied (the record is not returned at all).

use serde_json::{Value, json};
use tests::{TestApp, nodes, on_both};

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
    let row = app
        .text(&format!(
            "SELECT CAST(f.id AS TEXT) || '|' || CAST(c.id AS TEXT) || '|' || u.code || '|' || v.name || '|' || CAST(a.person_id AS TEXT) \
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
    let p: Vec<&str> = row.split('|').collect();
    Subject {
        fir_id: schema::ids::encode("Fir", p[0].parse().unwrap()).0,
        case_id: schema::ids::encode("Case", p[1].parse().unwrap()).0,
        case_row: p[1].parse().unwrap(),
        station: p[2].into(),
        victim_name: p[3].into(),
        accused_id: schema::ids::encode("Person", p[4].parse().unwrap()).0,
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

/// The IO's login and the court of the case.
async fn case_team(app: &TestApp, s: &Subject) -> (String, String, String) {
    let case_row = s.case_row;
    let row = app
        .text(&format!(
            "SELECT o.login_id || '|' || cu.code || '|' || cu.path FROM police_case c JOIN officer o ON o.id = c.io_id \
             JOIN court_case_link l ON l.case_id = c.id JOIN court_case cc ON cc.id = l.court_case_id \
             JOIN org_unit cu ON cu.id = cc.court_id WHERE c.id = {case_row} ORDER BY cc.id LIMIT 1"
        ))
        .await;
    let p: Vec<&str> = row.split('|').collect();
    (p[0].into(), p[1].into(), p[2].into())
}

fn district_of(path: &str) -> String {
    path.split('/')
        .filter(|s| !s.is_empty())
        .nth(2)
        .unwrap()
        .to_owned()
}

on_both! {
    async fn authorization_matrix_over_http(backend: Backend) {
        let app = TestApp::with_demo_data(backend).await;
        let s = subject(&app, true).await;
        let (io_login, court, court_path) = case_team(&app, &s).await;
        let station_path = app.text(&format!("SELECT path FROM org_unit WHERE code = '{}'", s.station)).await;
        let district = district_of(&station_path);
        let state = district.split('-').next().unwrap().to_owned();
        let same_district = app.text(&format!(
            "SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' AND path LIKE '/IN/{state}/{district}/%' AND code <> '{}' ORDER BY code LIMIT 1", s.station)).await;
        let other_state = app.text(&format!(
            "SELECT code FROM org_unit WHERE kind = 'POLICE_STATION' AND path NOT LIKE '/IN/{state}/%' ORDER BY code LIMIT 1")).await;
        let other_state_code = other_state.split('-').next().unwrap().to_owned();
        let other_court = app.text(&format!(
            "SELECT code FROM org_unit WHERE kind = 'COURT' AND path NOT LIKE '/IN/{state}/%' ORDER BY code LIMIT 1")).await;
        let court_district = district_of(&court_path);
        let other_district = app.text(&format!(
            "SELECT code FROM org_unit WHERE kind = 'DISTRICT' AND code <> '{court_district}' ORDER BY code LIMIT 1")).await;

        let mut io = row("INVESTIGATING_OFFICER", &other_state, "assigned IO", "FFFFFF");
        io.sub = io_login;
        let mut the_court = row("COURT", &court, "court on the case", "FFFFF-");
        the_court.except = vec![(Path::Search, "DDDDDD")];
        let mut prosecutor = row("PROSECUTOR", &court_district, "prosecutor on the case", "FFFFF-");
        prosecutor.except = vec![(Path::Search, "DDDDDD")];
        let rows = vec![
            row("STATION_HOUSE_OFFICER", &s.station, "own station (SHO)", "FFFFFF"),
            row("STATION_OFFICER", &s.station, "own station", "FFFM-F"),
            row("STATION_OFFICER", &same_district, "same district", "FFMM--"),
            row("STATION_HOUSE_OFFICER", &other_state, "other state", "FFMM--"),
            row("SUPERVISOR", &district, "supervisor over it", "FFFFFF"),
            row("SUPERVISOR", &other_state_code, "supervisor elsewhere", "FFMM--"),
            io,
            row("INVESTIGATING_OFFICER", &same_district, "IO of another case", "FFMM--"),
            the_court,
            row("COURT", &other_court, "another court", "DDDDDD"),
            prosecutor,
            row("PROSECUTOR", &other_district, "another district", "DDDDDD"),
            row("ANALYST", "IN", "none (national)", "FFMM--"),
            row("PRISON", "IN", "none", "DDDDDD"),
            row("CITIZEN", "IN", "none", "DDDDDD"),
            row("AUDITOR", "IN", "none", "DDDDDD"),
            row("ADMIN", "IN", "none", "DDDDDD"),
            row("ANONYMOUS", "IN", "none", "DDDDDD"),
        ];
        check(&app, &format!("FIR protecting its victim's identity ({:?})", backend), &s, rows).await;

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
}
