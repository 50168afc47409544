//! Opening the database: one pool for SQLite or PostgreSQL, with a statement counter.
//!
//! Every statement the pool executes is counted ([`SqlStats`]); the gateway exposes the
//! total in `/metrics` and tests use it to prove that a request's statement count does not
//! grow with the number of rows (no N+1).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Counts the SQL statements executed through a pool.
#[derive(Debug, Clone, Default)]
pub struct SqlStats {
    statements: Arc<AtomicU64>,
    failures: Arc<AtomicU64>,
}

impl SqlStats {
    /// Statements executed so far.
    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Statements that failed so far.
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }
}

/// Pool settings.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    /// Maximum connections in the pool.
    pub max_connections: u32,
    /// How long a request waits for a free connection.
    pub acquire_timeout: Duration,
    /// PostgreSQL `statement_timeout` (ignored on SQLite).
    pub statement_timeout: Option<Duration>,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(5),
            statement_timeout: Some(Duration::from_secs(15)),
        }
    }
}

/// Opens a pool on `url` (`sqlite://…` or `postgres://…`) and counts its statements.
///
/// SQLite runs in WAL mode with foreign keys on and a busy timeout, so readers never
/// block the writer and concurrent writers queue instead of failing.
pub async fn connect(
    url: &str,
    pool: &PoolOptions,
) -> Result<(DatabaseConnection, SqlStats), DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(pool.max_connections)
        .min_connections(0)
        .acquire_timeout(pool.acquire_timeout)
        .connect_timeout(pool.acquire_timeout)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    if let Some(timeout) = pool.statement_timeout
        && url.starts_with("postgres")
    {
        options.statement_timeout(timeout);
    }
    let mut db = Database::connect(options).await?;
    let stats = SqlStats::default();
    let counter = stats.clone();
    db.set_metric_callback(move |info| {
        counter.statements.fetch_add(1, Ordering::Relaxed);
        if info.failed {
            counter.failures.fetch_add(1, Ordering::Relaxed);
        }
    });
    Ok((db, stats))
}
