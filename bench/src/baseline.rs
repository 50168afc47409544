//! The physical limit: the nested benchmark query answered by four hand-written SQL
//! statements in a plain axum route, with no GraphQL, no policy and no DataLoader.
//!
//! `GET /nested` returns the same data as
//! `policeStations(first: 50) { firs(first: 20) { parties { person { prisonRecords { prison { name } } } } } }`.
//! PostgreSQL only (it binds arrays). Environment: `DATABASE_URL`, `BASELINE_LISTEN`.

use std::collections::HashMap;

use anyhow::Context as _;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use sea_orm::sqlx::{self, PgPool, Row};
use serde_json::{Value, json};

const STATIONS: i64 = 50;
const FIRS_PER_STATION: i64 = 20;

async fn nested(State(pool): State<PgPool>) -> Result<Json<Value>, StatusCode> {
    fetch(&pool).await.map(Json).map_err(|e| {
        eprintln!("baseline query failed: {e}");
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

async fn fetch(pool: &PgPool) -> Result<Value, sqlx::Error> {
    let stations = sqlx::query(
        "SELECT id, code, name FROM org_unit WHERE kind = 'POLICE_STATION' ORDER BY id LIMIT $1",
    )
    .bind(STATIONS)
    .fetch_all(pool)
    .await?;
    let station_ids: Vec<i64> = stations.iter().map(|r| r.get("id")).collect();
    let firs = sqlx::query(
        "SELECT f.id, f.station_id, f.serial, f.year FROM org_unit s CROSS JOIN LATERAL \
         (SELECT id, station_id, serial, year FROM fir WHERE station_id = s.id ORDER BY id DESC LIMIT $2) f \
         WHERE s.id = ANY($1) ORDER BY f.station_id, f.id DESC",
    )
    .bind(&station_ids)
    .bind(FIRS_PER_STATION)
    .fetch_all(pool)
    .await?;
    let fir_ids: Vec<i64> = firs.iter().map(|r| r.get("id")).collect();
    let parties = sqlx::query(
        "SELECT cp.fir_id, cp.role, p.id AS person_id, p.name FROM case_party cp \
         JOIN person p ON p.id = cp.person_id WHERE cp.fir_id = ANY($1) ORDER BY cp.id",
    )
    .bind(&fir_ids)
    .fetch_all(pool)
    .await?;
    let person_ids: Vec<i64> = parties.iter().map(|r| r.get("person_id")).collect();
    let custody = sqlx::query(
        "SELECT pr.person_id, u.name FROM prison_record pr JOIN org_unit u ON u.id = pr.prison_id \
         WHERE pr.person_id = ANY($1) ORDER BY pr.id",
    )
    .bind(&person_ids)
    .fetch_all(pool)
    .await?;

    let mut prisons: HashMap<i64, Vec<Value>> = HashMap::new();
    for row in &custody {
        let name: String = row.get("name");
        prisons
            .entry(row.get("person_id"))
            .or_default()
            .push(json!({ "prison": { "name": name } }));
    }
    let mut parties_of: HashMap<i64, Vec<Value>> = HashMap::new();
    for row in &parties {
        let person: i64 = row.get("person_id");
        let name: String = row.get("name");
        let role: String = row.get("role");
        parties_of.entry(row.get("fir_id")).or_default().push(json!({
            "role": role,
            "person": { "name": name, "prisonRecords": prisons.get(&person).cloned().unwrap_or_default() }
        }));
    }
    let mut firs_of: HashMap<i64, Vec<Value>> = HashMap::new();
    for row in &firs {
        let id: i64 = row.get("id");
        let serial: i32 = row.get("serial");
        let year: i32 = row.get("year");
        firs_of
            .entry(row.get("station_id"))
            .or_default()
            .push(json!({
                "number": format!("{serial:04}/{year}"),
                "parties": parties_of.remove(&id).unwrap_or_default(),
            }));
    }
    let stations: Vec<Value> = stations
        .iter()
        .map(|row| {
            let id: i64 = row.get("id");
            let code: String = row.get("code");
            let name: String = row.get("name");
            json!({ "code": code, "name": name, "firs": firs_of.remove(&id).unwrap_or_default() })
        })
        .collect();
    Ok(json!({ "policeStations": stations }))
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
    let app = Router::new().route("/nested", get(nested)).with_state(pool);
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    println!("baseline on http://{listen}/nested");
    axum::serve(listener, app).await?;
    Ok(())
}
