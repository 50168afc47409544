//! The physical limit: the benchmark queries answered by hand-written SQL in a plain axum
//! route, with no GraphQL and no DataLoader, one statement per level.
//!
//! Each route answers exactly what the gateway answers a national ANALYST, in the same
//! shape (`{"data": …}`), so `bench/nested.sh` can check the two agree: the same pages
//! in the same order, and the same shields (a protected FIR's victims and their
//! complainants, and children in conflict with law, shown by pseudonym and without
//! their custody).
//!
//! - `GET /nested`: `policeStations(first: 50) { edges { node { name firs(first: 20) { edges { node {
//!   number parties { role person { name prisonRecords { prison { name } } } } } } } } } }`
//! - `GET /typical`: `policeStations(first: 10) { edges { node { name district { name } firs(first: 10) {
//!   edges { node { number parties { role person { name sex } } } } } } } }`
//!
//! PostgreSQL only (it binds arrays). Environment: `DATABASE_URL`, `BASELINE_LISTEN`.

use std::collections::HashMap;

use anyhow::Context as _;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use sea_orm::sqlx::{self, PgPool, Row, postgres::PgRow};
use serde_json::{Value, json};

/// What one route selects.
#[derive(Clone, Copy)]
struct Shape {
    stations: i64,
    firs_per_station: i64,
    /// The station's district (`typical`).
    district: bool,
    /// The person's sex (`typical`).
    sex: bool,
    /// The person's custody (`nested`).
    prisons: bool,
}

const NESTED: Shape = Shape {
    stations: 50,
    firs_per_station: 20,
    district: false,
    sex: false,
    prisons: true,
};

const TYPICAL: Shape = Shape {
    stations: 10,
    firs_per_station: 10,
    district: true,
    sex: true,
    prisons: false,
};

async fn nested(State(pool): State<PgPool>) -> Result<Json<Value>, StatusCode> {
    answer(&pool, NESTED).await
}

async fn typical(State(pool): State<PgPool>) -> Result<Json<Value>, StatusCode> {
    answer(&pool, TYPICAL).await
}

async fn answer(pool: &PgPool, shape: Shape) -> Result<Json<Value>, StatusCode> {
    fetch(pool, shape).await.map(Json).map_err(|e| {
        eprintln!("baseline query failed: {e}");
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// A row's `column`, by name.
fn col<'r, T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>>(
    row: &'r PgRow,
    column: &str,
) -> T {
    row.get(column)
}

/// One party's name as the analyst sees it: the pseudonym of its shield, if any.
fn shield(parties: &[&PgRow], party: &PgRow, protected: bool) -> Option<String> {
    let person: i64 = col(party, "person_id");
    let ordinal = |matches: &dyn Fn(&PgRow) -> bool| {
        let mut persons: Vec<i64> = Vec::new();
        for p in parties.iter().filter(|p| matches(p)) {
            let id: i64 = col(p, "person_id");
            if !persons.contains(&id) {
                persons.push(id);
            }
        }
        persons.iter().position(|id| *id == person).map(|n| n + 1)
    };
    let role = |p: &PgRow| col::<String>(p, "role");
    let victim = |p: &PgRow| role(p) == "VICTIM";
    if protected && let Some(n) = ordinal(&victim) {
        return Some(format!("Victim-{n}"));
    }
    let complainant = |p: &PgRow| {
        role(p) == "COMPLAINANT"
            && !parties
                .iter()
                .any(|v| victim(v) && col::<i64>(v, "person_id") == col::<i64>(p, "person_id"))
    };
    if protected && let Some(n) = ordinal(&complainant) {
        return Some(format!("Complainant-{n}"));
    }
    ordinal(&|p| col::<bool>(p, "juvenile")).map(|n| format!("CCL-{n}"))
}

async fn fetch(pool: &PgPool, shape: Shape) -> Result<Value, sqlx::Error> {
    let stations = sqlx::query(
        "SELECT s.id, s.name, d.name AS district FROM org_unit s \
         LEFT JOIN org_unit d ON d.code = split_part(s.path, '/', 4) \
         WHERE s.kind = 'POLICE_STATION' ORDER BY s.id LIMIT $1",
    )
    .bind(shape.stations)
    .fetch_all(pool)
    .await?;
    let station_ids: Vec<i64> = stations.iter().map(|r| col(r, "id")).collect();
    let firs = sqlx::query(
        "SELECT f.id, f.station_id, f.serial, f.year, f.victim_identity_protected FROM org_unit s \
         CROSS JOIN LATERAL (SELECT id, station_id, serial, year, victim_identity_protected FROM fir \
         WHERE station_id = s.id ORDER BY id DESC LIMIT $2) f \
         WHERE s.id = ANY($1) ORDER BY f.station_id, f.id DESC",
    )
    .bind(&station_ids)
    .bind(shape.firs_per_station)
    .fetch_all(pool)
    .await?;
    let fir_ids: Vec<i64> = firs.iter().map(|r| col(r, "id")).collect();
    let parties = sqlx::query(
        "SELECT cp.fir_id, cp.role, cp.juvenile, p.id AS person_id, p.name, p.sex FROM case_party cp \
         JOIN person p ON p.id = cp.person_id WHERE cp.fir_id = ANY($1) ORDER BY cp.id",
    )
    .bind(&fir_ids)
    .fetch_all(pool)
    .await?;
    let mut custody: HashMap<i64, Vec<Value>> = HashMap::new();
    if shape.prisons {
        let person_ids: Vec<i64> = parties.iter().map(|r| col(r, "person_id")).collect();
        let rows = sqlx::query(
            "SELECT pr.person_id, u.name FROM prison_record pr JOIN org_unit u ON u.id = pr.prison_id \
             WHERE pr.person_id = ANY($1) ORDER BY pr.id",
        )
        .bind(&person_ids)
        .fetch_all(pool)
        .await?;
        for row in &rows {
            custody
                .entry(col(row, "person_id"))
                .or_default()
                .push(json!({ "prison": { "name": col::<String>(row, "name") } }));
        }
    }

    let mut parties_of: HashMap<i64, Vec<&PgRow>> = HashMap::new();
    for row in &parties {
        parties_of.entry(col(row, "fir_id")).or_default().push(row);
    }
    let mut firs_of: HashMap<i64, Vec<Value>> = HashMap::new();
    for fir in &firs {
        let protected: bool = col(fir, "victim_identity_protected");
        let named = parties_of.remove(&col(fir, "id")).unwrap_or_default();
        let parties: Vec<Value> = named
            .iter()
            .map(|party| {
                let pseudonym = shield(&named, party, protected);
                let mut person = json!({
                    "name": pseudonym.clone().unwrap_or_else(|| col(party, "name")),
                });
                if shape.sex {
                    person["sex"] = json!(col::<String>(party, "sex"));
                }
                if shape.prisons {
                    person["prisonRecords"] = match pseudonym {
                        Some(_) => Value::Null,
                        None => Value::Array(
                            custody
                                .get(&col(party, "person_id"))
                                .cloned()
                                .unwrap_or_default(),
                        ),
                    };
                }
                json!({ "role": col::<String>(party, "role"), "person": person })
            })
            .collect();
        let number = format!(
            "{:04}/{}",
            col::<i32>(fir, "serial"),
            col::<i32>(fir, "year")
        );
        firs_of
            .entry(col(fir, "station_id"))
            .or_default()
            .push(json!({ "node": { "number": number, "parties": parties } }));
    }
    let stations: Vec<Value> = stations
        .iter()
        .map(|row| {
            let mut node = json!({
                "name": col::<String>(row, "name"),
                "firs": { "edges": firs_of.remove(&col(row, "id")).unwrap_or_default() },
            });
            if shape.district {
                node["district"] = json!({ "name": col::<Option<String>>(row, "district") });
            }
            json!({ "node": node })
        })
        .collect();
    Ok(json!({ "data": { "policeStations": { "edges": stations } } }))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = std::env::var("DATABASE_URL").context("DATABASE_URL (postgres://…) is required")?;
    let listen = std::env::var("BASELINE_LISTEN").unwrap_or_else(|_| "127.0.0.1:8090".to_owned());
    let pool = sea_orm::sqlx::postgres::PgPoolOptions::new()
        .max_connections(16)
        .connect(&url)
        .await
        .context("connect")?;
    let app = Router::new()
        .route("/nested", get(nested))
        .route("/typical", get(typical))
        .with_state(pool);
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    println!("baseline on http://{listen}/nested and /typical");
    axum::serve(listener, app).await?;
    Ok(())
}
