//! Deterministic synthetic data at any scale (`cctns seed`, `serve --demo`).
//!
//! The same [`SeedOptions`] always give byte-identical rows: the generator uses its own PRNG
//! ([`rng`]) and fixed dates (registrations over 2022–2025, "today" for the data set is
//! 31 March 2026), never the clock.
//!
//! What is generated: the organisation (states, districts, sub-divisions, police stations,
//! courts, prisons, prosecution offices, forensic labs, officers); FIRs with charges under the
//! IPC or, from 1 July 2024, the BNS (and POCSO, NDPS, Arms and IT Act sections), persons with
//! regional Indian names and spelling variants, repeat offenders across stations and states,
//! juvenile accused, sexual offences whose victims are protected; cases at every stage with
//! investigating officers, case diaries, arrests, seizures (vehicles, mobiles, arms; some
//! property stolen in one FIR turns up seized in another), final reports, court cases with
//! CNRs, past and future hearings, orders (including proclamations of absconders) and
//! disposals; custody records in prisons; complaints, missing persons and unidentified bodies.
//!
//! Scale: ids are assigned here (from `MAX(id) + 1` of each table), so children reference
//! parents without `RETURNING`; rows go out as multi-row INSERTs in transactions committed
//! every [`COMMIT_EVERY`] FIRs; FIRs are generated in chunks of [`CHUNK`], so memory stays
//! bounded whatever `--firs` is.
//!
//! Errors: every failure is the database's, returned as [`DbErr`]; a database that already
//! holds org units is refused with [`DbErr::Custom`].

mod bulk;
mod cases;
mod crimes;
mod data;
mod geo;
mod names;
mod org;
mod people;
mod property;
mod rng;
mod text;
mod values;
mod written;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

use entities::enums::UnitKind;
use entities::person_name_token;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query, SelectStatement};
use sea_orm::{
    ActiveEnum, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryResult,
    TransactionTrait,
};

use self::bulk::{Bulk, T};
use self::cases::Gen;
use self::crimes::Catalogue;
use self::values as v;
use schema::policy::Role;

/// FIRs generated before their rows are written.
pub const CHUNK: u64 = 5_000;
/// FIRs written per transaction.
pub const COMMIT_EVERY: u64 = 50_000;

/// Options of `cctns seed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedOptions {
    /// Number of states (at most the number of states the generator knows, 23).
    pub states: u32,
    /// Number of police stations in all, split over the states.
    pub stations: u32,
    /// Number of FIRs.
    pub firs: u64,
    /// Random seed: the same seed gives the same data.
    pub seed: u64,
}

impl SeedOptions {
    /// The small realistic set for `serve --demo`: 2 states, 8 stations, 400 FIRs, seed 1.
    pub fn demo() -> Self {
        Self {
            states: 2,
            stations: 8,
            firs: 400,
            seed: 1,
        }
    }
}

/// What was created, and how long it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedReport {
    /// States created.
    pub states: u64,
    /// Districts created.
    pub districts: u64,
    /// Police stations created.
    pub stations: u64,
    /// Officers created.
    pub officers: u64,
    /// Persons created.
    pub persons: u64,
    /// FIRs created.
    pub firs: u64,
    /// Cases (investigations) created.
    pub cases: u64,
    /// Arrests recorded.
    pub arrests: u64,
    /// Court cases registered.
    pub court_cases: u64,
    /// Hearings recorded or scheduled.
    pub hearings: u64,
    /// Custody records in prisons.
    pub prison_records: u64,
    /// Complaints received.
    pub complaints: u64,
    /// Rows written in all tables.
    pub rows: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "seeded {} states, {} districts, {} stations, {} officers, {} persons, {} FIRs, {} cases, \
             {} arrests, {} court cases, {} hearings, {} prison records, {} complaints ({} rows) in {:.1} s",
            self.states,
            self.districts,
            self.stations,
            self.officers,
            self.persons,
            self.firs,
            self.cases,
            self.arrests,
            self.court_cases,
            self.hearings,
            self.prison_records,
            self.complaints,
            self.rows,
            self.elapsed.as_secs_f64()
        )
    }
}

/// One ready-made identity per role, picked from the seeded data, for demo tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamplePrincipal {
    /// The role claim.
    pub role: Role,
    /// The unit claim (an org unit code).
    pub unit: String,
    /// The subject: an officer's login id, or a user id.
    pub sub: String,
    /// The rank claim, for officers.
    pub rank: Option<String>,
    /// Display name.
    pub name: String,
}

fn col(name: &str) -> Alias {
    Alias::new(name)
}

/// Whether the database holds no org units yet (the statute catalogue from migrations does not
/// count).
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    let select = Query::select()
        .column(col("id"))
        .from(col("org_unit"))
        .limit(1)
        .to_owned();
    Ok(db.query_one(&select).await?.is_none())
}

/// Generates the data set of `options` into an empty, migrated database.
pub async fn seed(db: &DatabaseConnection, options: &SeedOptions) -> Result<SeedReport, DbErr> {
    let started = Instant::now();
    if !is_empty(db).await? {
        return Err(DbErr::Custom(
            "database already holds data; seed an empty database".to_owned(),
        ));
    }
    let backend = db.get_database_backend();
    let mut first_ids = HashMap::new();
    for table in T::ALL.into_iter().filter(|t| t.has_id()) {
        let select = Query::select()
            .expr_as(Expr::col(col("id")).max(), col("m"))
            .from(col(table.name()))
            .to_owned();
        let max: Option<i64> = match db.query_one(&select).await? {
            Some(row) => row.try_get("", "m")?,
            None => None,
        };
        first_ids.insert(table, max.unwrap_or(0) + 1);
    }
    let catalogue = Catalogue::load(db).await?;
    let mut bulk = Bulk::new(backend, &first_ids);
    let world = org::build(&mut bulk, options.seed, options.states, options.stations);
    tracing::info!(
        states = world.states.len(),
        districts = world.districts.len(),
        stations = world.stations.len(),
        firs = options.firs,
        "seeding"
    );

    let mut txn = db.begin().await?;
    bulk.flush(&txn).await?;
    let mut generator = Gen::new(&world, &catalogue, bulk, options.seed, options.firs);
    generator.bulk.flush(&txn).await?;
    let mut since_commit = 0;
    let mut slot = 0;
    while slot < options.firs {
        let end = std::cmp::min(slot + CHUNK, options.firs);
        for s in slot..end {
            generator.fir(s);
        }
        generator.bulk.flush(&txn).await?;
        for (zero, target) in generator.take_transfer_links() {
            let update = Query::update()
                .table(col("fir"))
                .value(col("transferred_to_fir_id"), target)
                .and_where(Expr::col(col("id")).eq(zero))
                .to_owned();
            txn.execute(&update).await?;
        }
        since_commit += end - slot;
        if since_commit >= COMMIT_EVERY {
            txn.commit().await?;
            txn = db.begin().await?;
            since_commit = 0;
        }
        slot = end;
        tracing::info!(
            firs = end,
            of = options.firs,
            seconds = started.elapsed().as_secs(),
            "seeding FIRs"
        );
    }
    let counters: Vec<((i64, i32), i32)> = generator.serials().map(|(k, v)| (*k, *v)).collect();
    for ((station, year), last) in counters {
        generator.bulk.push(
            T::FirSerialCounter,
            [v::big(station), v::int(year), v::int(last)],
        );
    }
    generator.bulk.flush(&txn).await?;
    schema::statistics::rebuild_tally(&txn).await?;
    // The seed writes name words person by person, aliases after; initials once at the end.
    person_name_token::mark_initials(&txn, person_name_token::Persons::All).await?;
    txn.commit().await?;

    let bulk = &generator.bulk;
    if backend == DbBackend::Postgres {
        for table in T::ALL
            .into_iter()
            .filter(|t| t.has_id() && bulk.written(*t) > 0)
        {
            let name = table.name();
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT MAX(id) FROM \"{name}\"))"
            ))
            .await?;
        }
    }
    let report = SeedReport {
        states: world.states.len() as u64,
        districts: world.districts.len() as u64,
        stations: world.stations.len() as u64,
        officers: bulk.written(T::Officer),
        persons: bulk.written(T::Person),
        firs: bulk.written(T::Fir),
        cases: bulk.written(T::PoliceCase),
        arrests: bulk.written(T::Arrest),
        court_cases: bulk.written(T::CourtCase),
        hearings: bulk.written(T::Hearing),
        prison_records: bulk.written(T::PrisonRecord),
        complaints: bulk.written(T::Complaint),
        rows: T::ALL.iter().map(|t| bulk.written(*t)).sum(),
        elapsed: started.elapsed(),
    };
    tracing::info!(%report, "seeded");
    Ok(report)
}

async fn first_row(
    db: &DatabaseConnection,
    select: &SelectStatement,
) -> Result<Option<QueryResult>, DbErr> {
    db.query_one(select).await
}

async fn text_of(
    db: &DatabaseConnection,
    select: &SelectStatement,
    column: &str,
) -> Result<Option<String>, DbErr> {
    match first_row(db, select).await? {
        Some(row) => row.try_get("", column),
        None => Ok(None),
    }
}

/// An officer on the roll: (login id, name, rank).
async fn officer(
    db: &DatabaseConnection,
    login: &str,
) -> Result<Option<(String, String, String)>, DbErr> {
    let select = Query::select()
        .columns([col("login_id"), col("name"), col("rank")])
        .from(col("officer"))
        .and_where(Expr::col(col("login_id")).eq(login))
        .to_owned();
    match first_row(db, &select).await? {
        Some(row) => Ok(Some((
            row.try_get("", "login_id")?,
            row.try_get("", "name")?,
            row.try_get("", "rank")?,
        ))),
        None => Ok(None),
    }
}

/// A unit's code and name, by id.
async fn unit(db: &DatabaseConnection, id: i64) -> Result<Option<(String, String)>, DbErr> {
    let select = Query::select()
        .columns([col("code"), col("name")])
        .from(col("org_unit"))
        .and_where(Expr::col(col("id")).eq(id))
        .to_owned();
    match first_row(db, &select).await? {
        Some(row) => Ok(Some((row.try_get("", "code")?, row.try_get("", "name")?))),
        None => Ok(None),
    }
}

/// One ready-made identity per role, picked from the seeded data, for demo tokens.
///
/// The police identities all serve around one case with a protected victim (its IO, the SHO,
/// a constable of the station, the district SP), the court is the one trying that case (or
/// another of the station), the prison and prosecution office those of its district; the citizen is one who
/// filed complaints online. Empty if the database holds no police station.
pub async fn sample_principals(db: &DatabaseConnection) -> Result<Vec<SamplePrincipal>, DbErr> {
    let Some((case_id, station_id, io_login)) = sample_case(db).await? else {
        return Ok(Vec::new());
    };
    let Some((station, _)) = unit(db, station_id).await? else {
        return Ok(Vec::new());
    };
    // `MH-PUN-PS001` → district `MH-PUN`, state `MH`.
    let district = station
        .rsplit_once("-PS")
        .map_or(station.clone(), |(d, _)| d.to_owned());
    let state = district.split('-').next().unwrap_or("IN").to_owned();
    let mut out = Vec::new();
    out.extend(sample_citizen(db, &station).await?);
    out.extend(sample_police(db, &station, &district, io_login).await?);
    out.push(SamplePrincipal {
        role: Role::Analyst,
        unit: "IN".to_owned(),
        sub: "ncrb.analyst1".to_owned(),
        rank: None,
        name: "Meera Krishnan (NCRB analyst)".to_owned(),
    });
    out.extend(sample_court(db, case_id, station_id, &district).await?);
    out.extend(sample_district_offices(db, &district).await?);
    out.push(SamplePrincipal {
        role: Role::Auditor,
        unit: state.clone(),
        sub: format!("{}.vigilance1", state.to_lowercase()),
        rank: None,
        name: "Vigilance auditor".to_owned(),
    });
    out.push(SamplePrincipal {
        role: Role::Admin,
        unit: "IN".to_owned(),
        sub: "admin".to_owned(),
        rank: None,
        name: "System administrator".to_owned(),
    });
    Ok(out)
}

/// The case the sample police identities serve around, as (case id, station id, IO's login):
/// a protected-victim case before a court if any, else a protected-victim case, else any
/// case with an IO; failing all, no case (id 0) at the first police station. `None` if the
/// database holds no police station.
async fn sample_case(db: &DatabaseConnection) -> Result<Option<(i64, i64, Option<String>)>, DbErr> {
    for (protected_only, in_court) in [(true, true), (true, false), (false, false)] {
        let mut select = Query::select()
            .expr_as(Expr::col((col("pc"), col("id"))), col("case_id"))
            .expr_as(Expr::col((col("pc"), col("station_id"))), col("station_id"))
            .expr_as(Expr::col((col("o"), col("login_id"))), col("io_login"))
            .from_as(col("police_case"), col("pc"))
            .join_as(
                JoinType::InnerJoin,
                col("fir"),
                col("f"),
                Expr::col((col("f"), col("id"))).equals((col("pc"), col("fir_id"))),
            )
            .join_as(
                JoinType::InnerJoin,
                col("officer"),
                col("o"),
                Expr::col((col("o"), col("id"))).equals((col("pc"), col("io_id"))),
            )
            .order_by((col("pc"), col("id")), Order::Asc)
            .limit(1)
            .to_owned();
        if protected_only {
            select.and_where(Expr::col((col("f"), col("victim_identity_protected"))).eq(true));
        }
        if in_court {
            select.join_as(
                JoinType::InnerJoin,
                col("court_case_link"),
                col("l"),
                Expr::col((col("l"), col("case_id"))).equals((col("pc"), col("id"))),
            );
        }
        if let Some(row) = first_row(db, &select).await? {
            let case: i64 = row.try_get("", "case_id")?;
            let station: i64 = row.try_get("", "station_id")?;
            let io: String = row.try_get("", "io_login")?;
            return Ok(Some((case, station, Some(io))));
        }
    }
    let select = Query::select()
        .column(col("id"))
        .from(col("org_unit"))
        .and_where(Expr::col(col("kind")).eq(UnitKind::PoliceStation.to_value()))
        .order_by(col("id"), Order::Asc)
        .limit(1)
        .to_owned();
    match first_row(db, &select).await? {
        Some(row) => Ok(Some((0, row.try_get::<i64>("", "id")?, None))),
        None => Ok(None),
    }
}

/// The sample citizen: someone who filed complaints online, with the unit of the station
/// they complained to (else `station`).
async fn sample_citizen(
    db: &DatabaseConnection,
    station: &str,
) -> Result<Option<SamplePrincipal>, DbErr> {
    let select = Query::select()
        .column(col("citizen_sub"))
        .column(col("station_id"))
        .from(col("complaint"))
        .and_where(Expr::col(col("citizen_sub")).is_not_null())
        .order_by(col("id"), Order::Asc)
        .limit(1)
        .to_owned();
    let Some(row) = first_row(db, &select).await? else {
        return Ok(None);
    };
    let sub: String = row.try_get("", "citizen_sub")?;
    let station_of: i64 = row.try_get("", "station_id")?;
    let unit_code = unit(db, station_of)
        .await?
        .map_or_else(|| station.to_owned(), |u| u.0);
    Ok(Some(SamplePrincipal {
        role: Role::Citizen,
        unit: unit_code,
        sub,
        rank: None,
        name: "Citizen (portal user)".to_owned(),
    }))
}

/// The sample police officers: a constable, the case's IO (`io_login`, else the station's
/// first IO) and the SHO of `station`, and the SP of `district`; those on the roll.
async fn sample_police(
    db: &DatabaseConnection,
    station: &str,
    district: &str,
    io_login: Option<String>,
) -> Result<Vec<SamplePrincipal>, DbErr> {
    let constable = officer(db, &format!("{station}.pc1")).await?;
    let io = match io_login {
        Some(login) => officer(db, &login).await?,
        None => officer(db, &format!("{station}.io1")).await?,
    };
    let sho = officer(db, &format!("{station}.sho")).await?;
    let sp = officer(db, &format!("{district}.sp")).await?;
    let officers = [
        (Role::StationOfficer, station, constable),
        (Role::InvestigatingOfficer, station, io),
        (Role::StationHouseOfficer, station, sho),
        (Role::Supervisor, district, sp),
    ];
    Ok(officers
        .into_iter()
        .filter_map(|(role, unit, found)| {
            found.map(|(login, name, rank)| SamplePrincipal {
                role,
                unit: unit.to_owned(),
                sub: login,
                rank: Some(rank),
                name,
            })
        })
        .collect())
}

/// The sample court: the court trying case `case_id`, else one trying a case of station
/// `station_id`, else the sessions court of `district` if it exists.
async fn sample_court(
    db: &DatabaseConnection,
    case_id: i64,
    station_id: i64,
    district: &str,
) -> Result<Option<SamplePrincipal>, DbErr> {
    let mut found = first_row(db, &court_of(Expr::col((col("pc"), col("id"))).eq(case_id))).await?;
    if found.is_none() {
        found = first_row(
            db,
            &court_of(Expr::col((col("pc"), col("station_id"))).eq(station_id)),
        )
        .await?;
    }
    let court = match found {
        Some(row) => Some((
            row.try_get::<String>("", "code")?,
            row.try_get::<String>("", "name")?,
        )),
        None => {
            let code = format!("{district}-CT01");
            let select = Query::select()
                .column(col("name"))
                .from(col("org_unit"))
                .and_where(Expr::col(col("code")).eq(code.as_str()))
                .to_owned();
            text_of(db, &select, "name").await?.map(|name| (code, name))
        }
    };
    Ok(court.map(|(code, name)| SamplePrincipal {
        role: Role::Court,
        sub: format!("ecourts.{}", code.to_lowercase()),
        unit: code,
        rank: None,
        name,
    }))
}

/// The first court (code and name) trying a police case that meets `condition`, over
/// `court_case` `cc`, `police_case` `pc` and the court's `org_unit` `u`.
fn court_of(condition: sea_orm::sea_query::SimpleExpr) -> SelectStatement {
    Query::select()
        .expr_as(Expr::col((col("u"), col("code"))), col("code"))
        .expr_as(Expr::col((col("u"), col("name"))), col("name"))
        .from_as(col("court_case"), col("cc"))
        .join_as(
            JoinType::InnerJoin,
            col("court_case_link"),
            col("l"),
            Expr::col((col("l"), col("court_case_id"))).equals((col("cc"), col("id"))),
        )
        .join_as(
            JoinType::InnerJoin,
            col("police_case"),
            col("pc"),
            Expr::col((col("pc"), col("id"))).equals((col("l"), col("case_id"))),
        )
        .join_as(
            JoinType::InnerJoin,
            col("org_unit"),
            col("u"),
            Expr::col((col("u"), col("id"))).equals((col("cc"), col("court_id"))),
        )
        .and_where(condition)
        .order_by((col("cc"), col("id")), Order::Asc)
        .limit(1)
        .to_owned()
}

/// The sample prosecutor and prison desks: those of `district`'s prosecution office and
/// prison, where they exist.
async fn sample_district_offices(
    db: &DatabaseConnection,
    district: &str,
) -> Result<Vec<SamplePrincipal>, DbErr> {
    let mut out = Vec::new();
    for (role, suffix, sub, label) in [
        (
            Role::Prosecutor,
            "PO1",
            "app1",
            "Assistant Public Prosecutor",
        ),
        (Role::Prison, "PR1", "eprisons", "e-Prisons desk"),
    ] {
        let code = format!("{district}-{suffix}");
        let select = Query::select()
            .column(col("name"))
            .from(col("org_unit"))
            .and_where(Expr::col(col("code")).eq(code.as_str()))
            .to_owned();
        if let Some(unit_name) = text_of(db, &select, "name").await? {
            out.push(SamplePrincipal {
                role,
                sub: format!("{}.{sub}", code.to_lowercase()),
                unit: code,
                rank: None,
                name: format!("{label}, {unit_name}"),
            });
        }
    }
    Ok(out)
}
