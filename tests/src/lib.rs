//! The end-to-end test kit: starts the real gateway router on a free port over a fresh
//! database (a temp-file SQLite, or a new database on the throwaway PostgreSQL that
//! `scripts/test.sh` starts) and talks HTTP to it. [`process`] starts the `cctns` binary
//! itself, for the gateway's command-line and federation tests.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

use gateway::app::{App, AppConfig};
use gateway::auth::{self, TokenRequest, Verifier};
use gateway::config::{Environment, JwtArgs, RouterOptions, Secret};
use gateway::rate_limit::RateLimits;
use schema::db::{PoolOptions, SqlStats};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::Value;

pub mod process;

/// Which database a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A temp-file SQLite database.
    Sqlite,
    /// A fresh database on the PostgreSQL named by `CCTNS_TEST_POSTGRES_URL`.
    Postgres,
}

/// HS256 secret the test gateway verifies with.
const TEST_SECRET: &str = "test-secret-for-the-e2e-suite";

/// A running gateway over its own database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// HTTP client.
    pub client: reqwest::Client,
    /// The gateway's statement counter.
    pub stats: SqlStats,
    /// A direct connection to the same database, for assertions.
    pub db: DatabaseConnection,
    /// The database's URL (for running `cctns` commands against it).
    pub url: String,
    /// Keeps the SQLite file alive for the test's duration.
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Opens a fresh, empty database of the given kind and returns its URL.
async fn fresh_database(backend: Backend) -> (String, Option<tempfile::TempDir>) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("cctns.db").display()
            );
            (url, Some(dir))
        }
        Backend::Postgres => {
            let admin = std::env::var("CCTNS_TEST_POSTGRES_URL").expect(
                "CCTNS_TEST_POSTGRES_URL is not set: run the suite with `bash scripts/test.sh`, \
                 which starts a throwaway PostgreSQL",
            );
            let name = format!(
                "cctns_test_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            );
            let (db, _) = schema::db::connect(&admin, &PoolOptions::default())
                .await
                .expect("connect to test PostgreSQL");
            db.execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            db.close().await.ok();
            let base = admin.rsplit_once('/').expect("database in URL").0;
            (format!("{base}/{name}"), None)
        }
    }
}

impl TestApp {
    /// A gateway over a fresh database holding the demo data set.
    pub async fn with_demo_data(backend: Backend) -> TestApp {
        Self::with_demo_data_and(backend, unlimited()).await
    }

    /// A gateway with `options` over a fresh database holding the demo data set.
    pub async fn with_demo_data_and(backend: Backend, options: RouterOptions) -> TestApp {
        let app = Self::empty_with(backend, options).await;
        seed::seed(&app.db, &seed::SeedOptions::demo())
            .await
            .expect("seed demo data");
        app
    }

    /// A gateway over a fresh, migrated, empty database. The suite is its only client,
    /// so callers are not rate-limited (`tests/tests/e2e/limits.rs` tests the limiter).
    pub async fn empty(backend: Backend) -> TestApp {
        Self::empty_with(backend, unlimited()).await
    }

    /// A gateway with `options` over a fresh, migrated, empty database.
    pub async fn empty_with(backend: Backend, options: RouterOptions) -> TestApp {
        let (url, dir) = fresh_database(backend).await;
        Self::serve(url, dir, &options).await
    }

    /// A second gateway (another replica) over this one's database.
    pub async fn replica(&self) -> TestApp {
        Self::serve(self.url.clone(), None, &unlimited()).await
    }

    /// Starts a gateway with `options` over the (migrated on the way) database at `url`.
    async fn serve(
        url: String,
        dir: Option<tempfile::TempDir>,
        options: &RouterOptions,
    ) -> TestApp {
        let maintenance = gateway::app::open(&url, PoolOptions::maintenance())
            .await
            .expect("connect");
        gateway::app::migrate(&maintenance.0)
            .await
            .expect("migrate");
        maintenance.0.close().await.ok();
        let app = App::start(AppConfig {
            database_url: url.clone(),
            pool: PoolOptions {
                max_connections: 8,
                ..PoolOptions::default()
            },
            verifier: Verifier::from_config(&jwt_args(), Environment::Development)
                .expect("verifier"),
            options: options.clone(),
            federation: Default::default(),
        })
        .await
        .expect("start the gateway");
        let (db, stats) = (app.db.clone(), app.stats.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move {
            app.serve(listener, std::future::pending())
                .await
                .expect("serve");
        });
        TestApp {
            base,
            client: reqwest::Client::new(),
            stats,
            db,
            url,
            _dir: dir,
        }
    }

    /// A valid token for `role` at `unit` with subject `sub`, for ten minutes.
    pub fn token(&self, role: &str, unit: &str, sub: &str) -> String {
        self.token_for(role, unit, sub, 600)
    }

    /// A valid token for `role` at `unit` with subject `sub` that expires in `seconds`.
    pub fn token_for(&self, role: &str, unit: &str, sub: &str, seconds: u64) -> String {
        auth::mint(
            &secret(),
            &TokenRequest {
                sub: sub.to_owned(),
                role: role.to_owned(),
                unit: unit.to_owned(),
                rank: None,
                name: None,
                ttl_seconds: seconds,
                issuer: None,
                audience: None,
            },
        )
        .expect("mint")
    }

    /// A token for `role` at `unit` signed with the right secret but expired an hour ago
    /// (well beyond the verifier's clock leeway).
    pub fn expired_token(&self, role: &str, unit: &str, sub: &str) -> String {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs() as i64;
        let claims = serde_json::json!({
            "sub": sub, "role": role, "unit": unit, "iat": now - 7200, "exp": now - 3600,
        });
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            &claims,
            &jsonwebtoken::EncodingKey::from_secret(TEST_SECRET.as_bytes()).expect("HS256 key"),
        )
        .expect("sign")
    }

    /// POSTs a GraphQL request; returns the status and the JSON body.
    pub async fn graphql(
        &self,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (u16, Value) {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.base))
            .json(&serde_json::json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let body = response.json().await.expect("JSON body");
        (status, body)
    }

    /// POSTs a query that must succeed without errors; returns `data`.
    pub async fn data(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let (status, body) = self.graphql(token, query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// The first column of every row `sql` returns, as text (cast in SQL where needed; read
    /// several columns typed with [`TestApp::rows`]).
    pub async fn texts(&self, sql: &str) -> Vec<String> {
        self.rows(sql).await
    }

    /// A unit where `role` may serve (DOMAIN.md, "Roles are bound to unit kinds"): the
    /// first unit of a fitting kind, by code.
    pub async fn unit_for(&self, role: &str) -> String {
        let kind = match role {
            "STATION_OFFICER" | "INVESTIGATING_OFFICER" | "STATION_HOUSE_OFFICER" => {
                "POLICE_STATION"
            }
            "SUPERVISOR" => "DISTRICT",
            "COURT" => "COURT",
            "PROSECUTOR" => "PROSECUTION_OFFICE",
            "PRISON" => "PRISON",
            _ => "STATE",
        };
        self.text(&format!(
            "SELECT code FROM org_unit WHERE kind = '{kind}' ORDER BY code LIMIT 1"
        ))
        .await
    }

    /// The rows of `sql`, each as a typed tuple of its columns (`(i64, String)`, …).
    pub async fn rows<T: sea_orm::TryGetableMany>(&self, sql: &str) -> Vec<T> {
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(sea_orm::Statement::from_string(backend, sql.to_owned()))
            .await
            .expect("query");
        rows.iter()
            .map(|row| {
                row.try_get_many_by_index::<T>()
                    .expect("the columns asked for")
            })
            .collect()
    }

    /// The first row of `sql` as a typed tuple of its columns.
    pub async fn row<T: sea_orm::TryGetableMany>(&self, sql: &str) -> T {
        self.rows(sql).await.into_iter().next().expect("a row")
    }

    /// The text value of the first row `sql` returns (see [`TestApp::texts`]).
    pub async fn text(&self, sql: &str) -> String {
        self.texts(sql).await.into_iter().next().expect("a row")
    }

    /// An SQL expression for `column` (a timestamp) as seconds since the epoch.
    pub fn epoch_seconds(&self, column: &str) -> String {
        match self.db.get_database_backend() {
            sea_orm::DbBackend::Postgres => format!("CAST(EXTRACT(EPOCH FROM {column}) AS BIGINT)"),
            _ => format!("CAST(strftime('%s', {column}) AS INTEGER)"),
        }
    }

    /// Asserts that the crime-statistics tally (`crime_tally`) holds exactly what a
    /// recount of the FIRs, their cases and live charges gives, at every grain.
    pub async fn assert_tally_agrees(&self) {
        let month = match self.db.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                "to_char(f.registered_at AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM')"
            }
            _ => "strftime('%Y-%m', f.registered_at, '+330 minutes')",
        };
        let counted = "FROM fir f JOIN police_case c ON c.fir_id = f.id";
        let charged = "JOIN charge ch ON ch.fir_id = f.id AND ch.removed_at IS NULL \
                       LEFT JOIN statute s ON s.id = ch.statute_id";
        let head = "COALESCE(s.crime_head, 'OTHER')";
        let live = "WHERE f.transferred_to_fir_id IS NULL";
        let recount = format!(
            "SELECT g || '|' || CAST(station_id AS TEXT) || '|' || m || '|' || status || '|' || a \
             || '|' || sec || '|' || h || '|' || CAST(COUNT(*) AS TEXT) FROM ( \
             SELECT DISTINCT 'FIR' g, f.station_id, {month} m, c.status, '' a, '' sec, '' h, f.id \
             {counted} {live} UNION ALL \
             SELECT DISTINCT 'CRIME_HEAD', f.station_id, {month}, c.status, '', '', {head}, f.id \
             {counted} {charged} {live} UNION ALL \
             SELECT DISTINCT 'SECTION', f.station_id, {month}, c.status, ch.act, ch.section, {head}, \
             f.id {counted} {charged} {live}) x GROUP BY g, station_id, m, status, a, sec, h"
        );
        let tally = "SELECT grain || '|' || CAST(station_id AS TEXT) || '|' || month || '|' || status \
                     || '|' || act || '|' || section || '|' || crime_head || '|' || CAST(firs AS TEXT) \
                     FROM crime_tally WHERE firs <> 0";
        let mut expected = self.texts(&recount).await;
        let mut held = self.texts(tally).await;
        expected.sort();
        held.sort();
        assert!(!expected.is_empty(), "no FIRs to count");
        assert_eq!(
            held, expected,
            "crime_tally disagrees with a recount of the FIRs"
        );
    }

    /// Asserts that every `person_name_token` row carries the initials of all its
    /// person's words, as `entities::person_name_token::initials_of` computes them.
    pub async fn assert_initials_agree(&self) {
        let rows = self
            .texts(
                "SELECT CAST(person_id AS TEXT) || '|' || token || '|' || CAST(initials AS TEXT) \
                 FROM person_name_token",
            )
            .await;
        assert!(!rows.is_empty(), "no name words");
        let mut words: HashMap<&str, Vec<&str>> = HashMap::new();
        for row in &rows {
            let mut parts = row.split('|');
            let person = parts.next().expect("a person");
            words
                .entry(person)
                .or_default()
                .push(parts.next().expect("a token"));
        }
        for row in &rows {
            let parts: Vec<&str> = row.split('|').collect();
            let expected =
                entities::person_name_token::initials_of(words[parts[0]].iter().copied());
            assert_eq!(parts[2], expected.to_string(), "initials of the row {row}");
        }
    }

    /// Runs `scenarios` through `tests/peers/ws-client.mjs` (npm `graphql-ws`, or a raw
    /// socket speaking the legacy protocol), each on a connection of its own; one result
    /// per scenario.
    pub async fn ws_scenarios(&self, scenarios: Value) -> Vec<Value> {
        let script = peer_script("ws-client.mjs");
        let url = self.ws_url();
        let output = tokio::task::spawn_blocking(move || {
            std::process::Command::new("node")
                .arg(script)
                .arg(url)
                .arg(scenarios.to_string())
                .output()
                .expect("node runs")
        })
        .await
        .expect("client finished");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("JSON results")
    }

    /// The WebSocket URL of `/graphql`.
    pub fn ws_url(&self) -> String {
        self.base.replacen("http://", "ws://", 1) + "/graphql"
    }

    /// GETs a path; returns status, content type and body text.
    pub async fn get(&self, path: &str, accept: &str) -> (u16, String, String) {
        self.get_as(None, path, accept).await
    }

    /// GETs a path as the holder of `token` (none: anonymous); returns status, content
    /// type and body text.
    pub async fn get_as(
        &self,
        token: Option<&str>,
        path: &str,
        accept: &str,
    ) -> (u16, String, String) {
        let mut request = self
            .client
            .get(format!("{}{}", self.base, path))
            .header("accept", accept);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, content_type, response.text().await.expect("body"))
    }
}

/// The default router options without rate limits, and with each refused token audited
/// at once on a row of its own (tests that read the audit trail right after a refusal;
/// `tests/tests/e2e/bad_tokens.rs` tests the limiter and the per-minute rows).
pub fn unlimited() -> RouterOptions {
    RouterOptions {
        rate_limits: RateLimits::UNLIMITED,
        refused_token_window: std::time::Duration::ZERO,
        ..RouterOptions::default()
    }
}

fn secret() -> Secret {
    TEST_SECRET.parse().expect("infallible")
}

fn jwt_args() -> JwtArgs {
    JwtArgs {
        jwt_secret: Some(secret()),
        jwt_public_key: None,
        jwt_issuer: None,
        jwt_audience: None,
    }
}

/// The path of a script in `tests/peers/` (real third-party clients run with node);
/// fails with the fix when `npm ci` has not been run there.
pub fn peer_script(name: &str) -> String {
    let peers = concat!(env!("CARGO_MANIFEST_DIR"), "/peers");
    assert!(
        std::path::Path::new(peers)
            .join("node_modules/graphql-ws")
            .exists(),
        "tests/peers has no node_modules: run the suite with `bash scripts/test.sh` (it runs npm ci)"
    );
    format!("{peers}/{name}")
}

/// The current year (UTC): FIR serials, petition numbers and prisoner ids count per year.
pub fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year()
}

/// The nodes of a Relay connection in a response body.
pub fn nodes(connection: &Value) -> Vec<Value> {
    connection["edges"]
        .as_array()
        .expect("a connection with edges")
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

/// The `code` of the first error in a GraphQL response body.
pub fn error_code(body: &Value) -> Option<&str> {
    body["errors"][0]["extensions"]["code"].as_str()
}

/// Runs the test body `async fn NAME(backend: Backend)` once per backend, as the tests
/// `NAME::sqlite` and `NAME::postgres`. The body is a plain function, so rustfmt formats it.
#[macro_export]
macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::Backend::Postgres).await;
            }
        }
    };
}
