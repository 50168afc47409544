//! Tests of the generator against temporary SQLite databases migrated by the real migrations.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use entities::enums::CaseStatus;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ActiveEnum, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Iterable, Statement,
};

use super::crimes::{self, CRIME_WEIGHTS, Catalogue, Code, Crime};
use super::rng::Rng;
use super::{SeedOptions, is_empty, sample_principals, seed};
use schema::db::{PoolOptions, connect};
use schema::policy::Role;

/// A custody stay: admitted, released.
type Stay = (DateTime<Utc>, Option<DateTime<Utc>>);

/// A migrated, empty SQLite database in a temporary directory (kept alive by the guard).
async fn fresh() -> (DatabaseConnection, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("seed.db").display());
    let (db, _) = connect(&url, &PoolOptions::default())
        .await
        .expect("connect");
    Migrator::up(&db, None).await.expect("migrate");
    (db, dir)
}

async fn rows(db: &DatabaseConnection, sql: &str) -> Vec<sea_orm::QueryResult> {
    db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let found = rows(db, sql).await;
    found[0].try_get_by_index::<i64>(0).expect("a count")
}

async fn texts(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    rows(db, sql)
        .await
        .iter()
        .map(|r| {
            r.try_get_by_index::<Option<String>>(0)
                .expect("text")
                .unwrap_or_default()
        })
        .collect()
}

/// FNV-1a over the rows of queries that spell out each table's content as text.
async fn digest(db: &DatabaseConnection) -> (u64, usize) {
    const QUERIES: &[&str] = &[
        "SELECT code || '|' || name || '|' || kind || '|' || path FROM org_unit ORDER BY id",
        "SELECT login_id || '|' || name || '|' || rank || '|' || sex FROM officer ORDER BY id",
        "SELECT name || '|' || name_normalized || '|' || sex || '|' || COALESCE(CAST(birth_year AS TEXT), '-') || '|' || COALESCE(relative_name, '-') FROM person ORDER BY id",
        "SELECT CAST(person_id AS TEXT) || '|' || kind || '|' || number FROM person_identity ORDER BY id",
        "SELECT CAST(station_id AS TEXT) || '|' || CAST(year AS TEXT) || '|' || CAST(serial AS TEXT) || '|' || fir_type || '|' || CAST(registered_at AS TEXT) || '|' || narrative || '|' || COALESCE(CAST(transferred_to_fir_id AS TEXT), '-') FROM fir ORDER BY id",
        "SELECT CAST(fir_id AS TEXT) || '|' || act || '|' || section FROM charge ORDER BY id",
        "SELECT CAST(fir_id AS TEXT) || '|' || CAST(person_id AS TEXT) || '|' || role || '|' || COALESCE(accused_code, '-') FROM case_party ORDER BY id",
        "SELECT status || '|' || COALESCE(CAST(io_id AS TEXT), '-') || '|' || CAST(status_changed_at AS TEXT) FROM police_case ORDER BY id",
        "SELECT mode || '|' || CAST(arrested_at AS TEXT) FROM arrest ORDER BY id",
        "SELECT category || '|' || description || '|' || status || '|' || COALESCE(imei, registration_number, arm_serial, '-') FROM property_item ORDER BY id",
        "SELECT cnr || '|' || stage FROM court_case ORDER BY id",
        "SELECT CAST(date AS TEXT) || '|' || purpose || '|' || COALESCE(outcome, '-') FROM hearing ORDER BY id",
        "SELECT prisoner_id || '|' || category || '|' || COALESCE(CAST(released_at AS TEXT), '-') FROM prison_record ORDER BY id",
        "SELECT petition_number || '|' || status FROM complaint ORDER BY id",
        "SELECT name || '|' || status FROM missing_person ORDER BY id",
    ];
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    let mut n = 0;
    for sql in QUERIES {
        for row in texts(db, sql).await {
            for byte in row.bytes().chain([b'\n']) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01B3);
            }
            n += 1;
        }
    }
    (hash, n)
}

fn small(seed: u64) -> SeedOptions {
    SeedOptions {
        states: 4,
        stations: 20,
        firs: 3_000,
        seed,
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data() {
    let (a, _ga) = fresh().await;
    let (b, _gb) = fresh().await;
    let (c, _gc) = fresh().await;
    let report = seed(&a, &SeedOptions::demo()).await.expect("seed a");
    seed(&b, &SeedOptions::demo()).await.expect("seed b");
    seed(
        &c,
        &SeedOptions {
            seed: 2,
            ..SeedOptions::demo()
        },
    )
    .await
    .expect("seed c");
    assert_eq!(report.firs, 400);
    assert_eq!(report.states, 2);
    assert_eq!(report.stations, 8);
    let (da, na) = digest(&a).await;
    let (db_, nb) = digest(&b).await;
    let (dc, _) = digest(&c).await;
    assert!(na > 2_000, "only {na} rows digested");
    assert_eq!((da, na), (db_, nb), "same seed, different data");
    assert_ne!(da, dc, "different seeds, same data");
    assert!(report.to_string().contains("400 FIRs"), "{report}");
}

#[tokio::test]
async fn refuses_a_database_that_holds_data() {
    let (db, _guard) = fresh().await;
    assert!(
        is_empty(&db).await.expect("is_empty"),
        "statutes alone do not count"
    );
    seed(
        &db,
        &SeedOptions {
            firs: 30,
            ..SeedOptions::demo()
        },
    )
    .await
    .expect("seed");
    assert!(!is_empty(&db).await.expect("is_empty"));
    match seed(&db, &SeedOptions::demo()).await {
        Err(DbErr::Custom(message)) => {
            assert_eq!(
                message,
                "database already holds data; seed an empty database"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn sample_principals_cover_every_role_with_known_units() {
    let (db, _guard) = fresh().await;
    seed(&db, &SeedOptions::demo()).await.expect("seed");
    let samples = sample_principals(&db).await.expect("samples");
    let roles: HashSet<Role> = samples.iter().map(|s| s.role).collect();
    for role in Role::ALL {
        assert!(roles.contains(&role), "no sample for {role:?}");
    }
    let units: HashSet<String> = texts(&db, "SELECT code FROM org_unit")
        .await
        .into_iter()
        .collect();
    let logins: HashSet<String> = texts(&db, "SELECT login_id FROM officer")
        .await
        .into_iter()
        .collect();
    for s in &samples {
        assert!(units.contains(&s.unit), "{s:?}: unknown unit");
        if s.role.is_police() {
            assert!(logins.contains(&s.sub), "{s:?}: not an officer on the roll");
            assert!(s.rank.is_some());
        }
    }
    // The IO of the sample really investigates a case with a protected victim.
    let io = samples
        .iter()
        .find(|s| s.role == Role::InvestigatingOfficer)
        .expect("io");
    let protected = count(
        &db,
        &format!(
            "SELECT COUNT(*) FROM police_case pc JOIN fir f ON f.id = pc.fir_id JOIN officer o ON o.id = pc.io_id \
             WHERE f.victim_identity_protected AND o.login_id = '{}'",
            io.sub
        ),
    )
    .await;
    assert!(protected > 0, "the sample IO has no protected case");
    // The sample court tries a protected-victim case of that IO.
    let court = samples
        .iter()
        .find(|s| s.role == Role::Court)
        .expect("court");
    let tried = count(
        &db,
        &format!(
            "SELECT COUNT(*) FROM court_case cc JOIN org_unit u ON u.id = cc.court_id \
             JOIN court_case_link l ON l.court_case_id = cc.id JOIN police_case pc ON pc.id = l.case_id \
             JOIN fir f ON f.id = pc.fir_id JOIN officer o ON o.id = pc.io_id \
             WHERE u.code = '{}' AND f.victim_identity_protected AND o.login_id = '{}'",
            court.unit, io.sub
        ),
    )
    .await;
    assert!(
        tried > 0,
        "the sample court tries no protected case of the sample IO"
    );
}

#[tokio::test]
#[allow(clippy::too_many_lines)]
async fn the_data_keeps_the_rules_of_the_domain() {
    let (db, _guard) = fresh().await;
    let report = seed(&db, &small(7)).await.expect("seed");
    assert_eq!(report.firs, 3_000);

    // Org tree: IN → state → district → sub-division → station, districts at segment 2.
    for row in rows(&db, "SELECT code, path, kind, depth FROM org_unit").await {
        let code: String = row.try_get("", "code").unwrap();
        let path: String = row.try_get("", "path").unwrap();
        let kind: String = row.try_get("", "kind").unwrap();
        let depth: i32 = row.try_get("", "depth").unwrap();
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        assert_eq!(segments.last(), Some(&code.as_str()), "{path}");
        assert_eq!(segments.len() as i32, depth + 1, "{path}");
        assert_eq!(segments[0], "IN");
        match kind.as_str() {
            "POLICE_STATION" => {
                assert_eq!(depth, 4);
                assert!(
                    code.starts_with(segments[2]) && code.contains("-PS"),
                    "{code}"
                );
                assert!(segments[2].starts_with(segments[1]));
            }
            "DISTRICT" => assert_eq!(depth, 2),
            "COURT" | "PRISON" | "PROSECUTION_OFFICE" => assert_eq!(depth, 3),
            _ => {}
        }
    }

    // Serials: consecutive from 1 per station and year, and the counters agree.
    let gaps = count(
        &db,
        "SELECT COUNT(*) FROM (SELECT station_id, year FROM fir GROUP BY station_id, year \
         HAVING COUNT(*) <> MAX(serial) OR MIN(serial) <> 1)",
    )
    .await;
    assert_eq!(gaps, 0, "serials are not consecutive");
    let mismatched = count(
        &db,
        "SELECT COUNT(*) FROM (SELECT station_id, year, MAX(serial) AS m FROM fir GROUP BY station_id, year) f \
         LEFT JOIN fir_serial_counter c ON c.station_id = f.station_id AND c.year = f.year \
         WHERE c.last_serial IS NULL OR c.last_serial <> f.m",
    )
    .await;
    assert_eq!(mismatched, 0, "serial counters disagree with MAX(serial)");
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM fir_serial_counter").await,
        count(
            &db,
            "SELECT COUNT(*) FROM (SELECT DISTINCT station_id, year FROM fir)"
        )
        .await
    );

    // Custody: never two open records, never overlapping stays, for any person.
    let double_open = count(
        &db,
        "SELECT COUNT(*) FROM (SELECT person_id FROM prison_record WHERE released_at IS NULL GROUP BY person_id HAVING COUNT(*) > 1)",
    )
    .await;
    assert_eq!(double_open, 0, "a person is in two open custody records");
    let mut stays: HashMap<i64, Vec<Stay>> = HashMap::new();
    for row in rows(
        &db,
        "SELECT person_id, admitted_at, released_at FROM prison_record",
    )
    .await
    {
        stays
            .entry(row.try_get("", "person_id").unwrap())
            .or_default()
            .push((
                row.try_get("", "admitted_at").unwrap(),
                row.try_get("", "released_at").unwrap(),
            ));
    }
    for (person, mut list) in stays {
        list.sort();
        for pair in list.windows(2) {
            let released = pair[0].1.expect("an earlier stay is closed");
            assert!(
                released <= pair[1].0,
                "person {person}: overlapping custody {pair:?}"
            );
        }
    }
    assert!(count(&db, "SELECT COUNT(*) FROM prison_record WHERE released_at IS NULL AND category = 'UNDERTRIAL'").await > 0);
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM prison_record WHERE release_reason = 'BAIL'"
        )
        .await
            > 0
    );
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM prison_record WHERE category = 'CONVICT'"
        )
        .await
            > 0
    );

    // Juveniles and protected victims.
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM case_party WHERE juvenile AND role = 'ACCUSED'"
        )
        .await
            > 0,
        "no juvenile accused"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM case_party WHERE juvenile AND (role <> 'ACCUSED' OR age_at_offence >= 18)").await, 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM case_party WHERE role = 'ACCUSED' AND age_at_offence < 18 AND NOT juvenile").await, 0);
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM fir WHERE victim_identity_protected"
        )
        .await
            > 0,
        "no protected FIR"
    );
    let inconsistent = count(
        &db,
        "SELECT COUNT(*) FROM fir f WHERE f.victim_identity_protected <> \
         EXISTS (SELECT 1 FROM charge c JOIN statute s ON s.id = c.statute_id WHERE c.fir_id = f.id AND s.victim_identity_protected)",
    )
    .await;
    assert_eq!(
        inconsistent, 0,
        "victim protection disagrees with the charges"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM charge WHERE statute_id IS NULL").await,
        0,
        "a charge outside the catalogue"
    );
    assert!(count(&db, "SELECT COUNT(*) FROM charge WHERE act = 'POCSO'").await > 0);

    // IPC before 1 July 2024 (IST), BNS from then on.
    let switch: DateTime<Utc> = "2024-06-30T18:30:00Z".parse().unwrap();
    for row in rows(
        &db,
        "SELECT f.registered_at, c.act FROM charge c JOIN fir f ON f.id = c.fir_id",
    )
    .await
    {
        let at: DateTime<Utc> = row.try_get("", "registered_at").unwrap();
        let act: String = row.try_get("", "act").unwrap();
        match act.as_str() {
            "IPC" => assert!(at < switch, "IPC charge on an FIR of {at}"),
            "BNS" => assert!(at >= switch, "BNS charge on an FIR of {at}"),
            _ => {}
        }
    }
    // The FIR year is the registration year, in IST as in UTC.
    for row in rows(&db, "SELECT year, registered_at FROM fir").await {
        let year: i32 = row.try_get("", "year").unwrap();
        let at: DateTime<Utc> = row.try_get("", "registered_at").unwrap();
        assert_eq!(chrono::Datelike::year(&at), year);
        assert_eq!(
            chrono::Datelike::year(&at.with_timezone(&super::text::ist())),
            year
        );
        assert!((2022..=2025).contains(&year));
    }

    // Accused are coded A1, A2, … in order.
    let mut codes: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in rows(
        &db,
        "SELECT fir_id, accused_code FROM case_party WHERE role = 'ACCUSED' ORDER BY id",
    )
    .await
    {
        codes
            .entry(row.try_get("", "fir_id").unwrap())
            .or_default()
            .push(row.try_get("", "accused_code").unwrap());
    }
    for (fir, list) in codes {
        let expected: Vec<String> = (1..=list.len()).map(|k| format!("A{k}")).collect();
        assert_eq!(list, expected, "FIR {fir}");
    }

    // Every stage of the lifecycle.
    let statuses: BTreeSet<String> = texts(&db, "SELECT DISTINCT status FROM police_case")
        .await
        .into_iter()
        .collect();
    for status in CaseStatus::iter().map(|s| s.to_value()) {
        assert!(statuses.contains(&status), "no case {status}: {statuses:?}");
    }
    let types: BTreeSet<String> = texts(&db, "SELECT DISTINCT fir_type FROM fir")
        .await
        .into_iter()
        .collect();
    assert_eq!(types.len(), 3, "{types:?}");
    let zero_linked = count(
        &db,
        "SELECT COUNT(*) FROM fir z JOIN fir t ON t.id = z.transferred_to_fir_id WHERE z.fir_type = 'ZERO' AND t.transferred_from_fir_id = z.id",
    )
    .await;
    assert!(zero_linked > 0, "no Zero FIR transferred");

    // The national graph: persons across stations and states, spelling variants.
    let across_stations = count(
        &db,
        "SELECT COUNT(*) FROM (SELECT cp.person_id FROM case_party cp JOIN fir f ON f.id = cp.fir_id \
         GROUP BY cp.person_id HAVING COUNT(DISTINCT f.station_id) > 1)",
    )
    .await;
    assert!(
        across_stations > 5,
        "only {across_stations} persons across stations"
    );
    let across_states = count(
        &db,
        "SELECT COUNT(*) FROM (SELECT cp.person_id FROM case_party cp JOIN fir f ON f.id = cp.fir_id \
         JOIN org_unit u ON u.id = f.station_id GROUP BY cp.person_id HAVING COUNT(DISTINCT substr(u.path, 1, 7)) > 1)",
    )
    .await;
    assert!(across_states > 0, "nobody appears in two states");
    let accused_and_witness = count(
        &db,
        "SELECT COUNT(*) FROM (SELECT person_id FROM case_party GROUP BY person_id \
         HAVING SUM(role = 'ACCUSED') > 0 AND SUM(role = 'WITNESS') > 0)",
    )
    .await;
    assert!(accused_and_witness > 0, "no accused is a witness elsewhere");
    let variants = count(
        &db,
        "SELECT COUNT(*) FROM person WHERE name_normalized LIKE 'mohammed %' OR name_normalized LIKE 'mohd %' \
         OR name_normalized LIKE 'mohammad %' OR name_normalized LIKE 'muhammad %'",
    )
    .await;
    assert!(variants > 0);
    for name in texts(&db, "SELECT name_normalized FROM person").await {
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '),
            "{name:?}"
        );
        assert!(
            !name.contains("  ") && !name.starts_with(' ') && !name.ends_with(' '),
            "{name:?}"
        );
    }

    // Property stolen in one FIR and seized in another, under the same identifier.
    let resurfaced = count(
        &db,
        "SELECT COUNT(*) FROM property_item s JOIN property_item z ON z.fir_id <> s.fir_id \
         AND ((s.imei IS NOT NULL AND z.imei = s.imei) OR (s.registration_normalized IS NOT NULL AND z.registration_normalized = s.registration_normalized)) \
         WHERE s.status = 'STOLEN' AND z.status = 'SEIZED'",
    )
    .await;
    assert!(resurfaced > 0, "no stolen property turns up elsewhere");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM property_item WHERE status = 'STOLEN' AND seizure_id IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM property_item WHERE status <> 'STOLEN' AND seizure_id IS NULL"
        )
        .await,
        0
    );
    for imei in texts(&db, "SELECT imei FROM property_item WHERE imei IS NOT NULL").await {
        assert!(
            imei.len() == 15 && imei.bytes().all(|b| b.is_ascii_digit()),
            "{imei}"
        );
    }
    for reg in texts(&db, "SELECT registration_normalized FROM property_item WHERE registration_normalized IS NOT NULL").await {
        assert!(reg.len() == 10 && reg.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()), "{reg}");
    }

    // Courts: CNRs, past and future hearings, proclamations.
    let cnrs = texts(&db, "SELECT cnr FROM court_case").await;
    assert!(!cnrs.is_empty());
    assert_eq!(
        cnrs.iter().collect::<HashSet<_>>().len(),
        cnrs.len(),
        "duplicate CNR"
    );
    for cnr in &cnrs {
        assert!(
            cnr.len() == 16 && cnr.bytes().all(|b| b.is_ascii_alphanumeric()),
            "{cnr}"
        );
    }
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM hearing WHERE outcome IS NULL AND date > '2026-04-01'"
        )
        .await
            > 0,
        "no future hearing"
    );
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM hearing WHERE outcome IS NOT NULL"
        )
        .await
            > 0
    );
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM court_order WHERE kind = 'PROCLAMATION'"
        )
        .await
            > 0,
        "no proclamation"
    );
    assert!(count(&db, "SELECT COUNT(*) FROM proclaimed_offender").await > 0);
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM disposal WHERE result = 'CONVICTED'"
        )
        .await
            > 0
    );
    let unlinked = count(&db, "SELECT COUNT(*) FROM court_case cc WHERE NOT EXISTS (SELECT 1 FROM court_case_link l WHERE l.court_case_id = cc.id)").await;
    assert_eq!(unlinked, 0);

    // Arrests are of accused of the same FIR.
    let wrong = count(
        &db,
        "SELECT COUNT(*) FROM arrest a JOIN case_party p ON p.id = a.party_id JOIN police_case pc ON pc.id = a.case_id \
         WHERE p.role <> 'ACCUSED' OR p.fir_id <> pc.fir_id OR p.person_id <> a.person_id",
    )
    .await;
    assert_eq!(wrong, 0);

    // Citizen services.
    assert!(count(&db, "SELECT COUNT(*) FROM complaint WHERE status = 'CONVERTED_TO_FIR' AND fir_id IS NOT NULL").await > 0);
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM complaint WHERE status = 'CLOSED' AND closure_reason IS NOT NULL"
        )
        .await
            > 0
    );
    assert!(count(&db, "SELECT COUNT(*) FROM missing_person").await > 0);
    assert!(count(&db, "SELECT COUNT(*) FROM unidentified_body").await > 0);
    // Identity numbers are unique per kind (the index would refuse otherwise) and Aadhaar is 12 digits.
    for aadhaar in texts(
        &db,
        "SELECT number FROM person_identity WHERE kind = 'AADHAAR'",
    )
    .await
    {
        assert!(
            aadhaar.len() == 12 && aadhaar.bytes().all(|b| b.is_ascii_digit()),
            "{aadhaar}"
        );
    }
}

#[tokio::test]
async fn every_charge_the_generator_uses_is_in_the_catalogue() {
    let (db, _guard) = fresh().await;
    let catalogue = Catalogue::load(&db).await.expect("catalogue");
    let mut rng = Rng::new(1, 9);
    let mut missing = BTreeSet::new();
    for (crime, _) in CRIME_WEIGHTS {
        let crime: Crime = *crime;
        for code in [Code::Ipc, Code::Bns] {
            for accused in 1..=3 {
                for _ in 0..60 {
                    let under_16 = rng.chance(0.5);
                    for charge in crimes::charges(&mut rng, crime, code, accused, under_16) {
                        if !catalogue.contains(charge) {
                            missing.insert((charge.0.to_value(), charge.1));
                        }
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the statute catalogue: {missing:?}"
    );
}
