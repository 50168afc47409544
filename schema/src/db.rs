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

/// How long one SQL statement may run on PostgreSQL unless configured otherwise.
pub const DEFAULT_STATEMENT_TIMEOUT: Duration = Duration::from_secs(15);

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(5),
            statement_timeout: Some(DEFAULT_STATEMENT_TIMEOUT),
        }
    }
}

impl PoolOptions {
    /// For migrations and bulk loads: no statement timeout, since a backfill or a national
    /// recount may rightly run for minutes.
    pub fn maintenance() -> Self {
        Self {
            statement_timeout: None,
            ..Self::default()
        }
    }
}

/// The connections the pool holds open, and how many of them are idle.
pub fn pool_use(db: &DatabaseConnection) -> (u32, usize) {
    match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        sea_orm::DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => (0, 0),
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
        // Every statement with its values and time, for EXPLAIN (`CCTNS_LOG=cctns::sql=debug`;
        // debug, not trace: a dependency caps the static level at debug).
        tracing::debug!(target: "cctns::sql", elapsed_us = info.elapsed.as_micros() as u64, "{}", info.statement);
        counter.statements.fetch_add(1, Ordering::Relaxed);
        if info.failed {
            counter.failures.fetch_add(1, Ordering::Relaxed);
        }
    });
    Ok((db, stats))
}

/// Serialises this process's write transactions on SQLite (which allows one writer at a
/// time anyway): taken before `BEGIN IMMEDIATE`, so two writers never hold one lock each
/// while waiting for the other's.
static SQLITE_WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A write transaction. On SQLite it holds the process's writer lock and began with
/// `BEGIN IMMEDIATE` (so reads inside it never have to upgrade to a write that another
/// connection raced); on PostgreSQL it is a plain transaction. Dropped uncommitted, it
/// rolls back.
pub struct WriteTxn {
    txn: sea_orm::DatabaseTransaction,
    _writer: Option<tokio::sync::MutexGuard<'static, ()>>,
}

impl std::fmt::Debug for WriteTxn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteTxn").finish_non_exhaustive()
    }
}

impl WriteTxn {
    /// Begins a write transaction on `db`.
    pub async fn begin(db: &DatabaseConnection) -> Result<Self, DbErr> {
        use sea_orm::{DbBackend, SqliteTransactionMode, TransactionOptions, TransactionTrait};
        if db.get_database_backend() == DbBackend::Sqlite {
            let writer = SQLITE_WRITER.lock().await;
            let txn = db
                .begin_with_options(TransactionOptions {
                    sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                    ..Default::default()
                })
                .await?;
            Ok(Self {
                txn,
                _writer: Some(writer),
            })
        } else {
            Ok(Self {
                txn: db.begin().await?,
                _writer: None,
            })
        }
    }

    /// Commits everything written in the transaction.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

impl std::ops::Deref for WriteTxn {
    type Target = sea_orm::DatabaseTransaction;

    fn deref(&self) -> &Self::Target {
        &self.txn
    }
}
