//! The one typed configuration, read once from flags and environment (flags win).

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use schema::db::{DEFAULT_STATEMENT_TIMEOUT, PoolOptions};
use schema::{QueryLimits, SchemaOptions};

use crate::rate_limit::RateLimits;

/// The default embedded database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://cctns.db?mode=rwc";

/// A secret that never prints.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// The secret's bytes, for the one place that needs them.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

/// Where the gateway runs: development is forgiving, production is terse and closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    /// Introspection, GraphiQL and detailed errors on.
    Development,
    /// No anonymous introspection, no suggestions, GraphiQL off unless enabled, terse errors.
    Production,
}

/// Which database to use.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database URL: `sqlite://FILE?mode=rwc` or `postgres://USER@HOST:PORT/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
}

impl DatabaseArgs {
    /// Checks the URL names a supported database, so a typo fails with one clear line.
    pub fn validated(&self) -> anyhow::Result<&str> {
        let url = self.database_url.as_str();
        if url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://")
        {
            Ok(url)
        } else {
            anyhow::bail!(
                "unsupported DATABASE_URL {:?}: expected sqlite://FILE?mode=rwc or postgres://…",
                redact_url(url)
            )
        }
    }
}

/// The URL with any password replaced by `***`, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// How tokens are verified (and, for development, minted).
#[derive(Debug, Clone, Args)]
pub struct JwtArgs {
    /// HS256 shared secret.
    #[arg(long = "jwt-secret", env = "CCTNS_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<Secret>,
    /// Path to a PEM public key (RS256 or ES256); when set, HS256 is not accepted.
    #[arg(long = "jwt-public-key", env = "CCTNS_JWT_PUBLIC_KEY")]
    pub jwt_public_key: Option<PathBuf>,
    /// Expected `iss` claim (checked when set).
    #[arg(long = "jwt-issuer", env = "CCTNS_JWT_ISSUER")]
    pub jwt_issuer: Option<String>,
    /// Expected `aud` claim (checked when set).
    #[arg(long = "jwt-audience", env = "CCTNS_JWT_AUDIENCE")]
    pub jwt_audience: Option<String>,
}

/// `cctns serve` settings.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CCTNS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub jwt: JwtArgs,
    /// Key of the opaque global ids (any length; required in production). Ids made under
    /// one key do not decode under another: keep it stable across replicas and restarts.
    #[arg(long = "id-key", env = "CCTNS_ID_KEY", hide_env_values = true)]
    pub id_key: Option<Secret>,
    /// Seed a small demo data set if the database is empty, and print a token per role.
    #[arg(long)]
    pub demo: bool,
    /// Deployment environment.
    #[arg(long = "env", env = "CCTNS_ENV", value_enum, default_value_t = Environment::Development)]
    pub environment: Environment,
    /// Shorthand for `--env production`.
    #[arg(long)]
    pub production: bool,
    /// Serve GraphiQL even in production.
    #[arg(long, env = "CCTNS_GRAPHIQL")]
    pub graphiql: bool,
    /// Maximum database connections.
    #[arg(long, env = "CCTNS_DB_POOL", default_value_t = 16)]
    pub db_pool: u32,
    /// Largest request body accepted, in bytes (larger: HTTP 413).
    #[arg(long, env = "CCTNS_MAX_BODY_BYTES", default_value_t = RouterOptions::default().max_body_bytes)]
    pub max_body_bytes: usize,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Run only operations registered with `cctns operations add` (sent whole or by
    /// their SHA-256 as an Apollo persisted query).
    #[arg(long, env = "CCTNS_SAFELIST")]
    pub safelist: bool,
    /// Documents kept in memory for Apollo automatic persisted queries (0: off).
    #[arg(long, env = "CCTNS_PERSISTED_QUERIES", default_value_t = SchemaOptions::default().persisted_queries)]
    pub persisted_queries: usize,
    /// Smallest count `crimeStatistics` shows: smaller ones, and those they could be
    /// recovered from by subtraction, are suppressed (1: every count shown).
    #[arg(
        long,
        env = "CCTNS_STATISTICS_MIN_CELL",
        default_value_t = SchemaOptions::default().statistics_min_cell,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub statistics_min_cell: u32,
    /// A browser origin allowed to call the gateway (CORS); repeatable. None: no
    /// cross-origin browser access.
    #[arg(
        long = "cors-origin",
        env = "CCTNS_CORS_ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,
    #[command(flatten)]
    pub federation: FederationArgs,
}

/// Remote subgraphs to compose with the local graph (README, "Federation").
#[derive(Debug, Clone, Args)]
pub struct FederationArgs {
    /// A remote subgraph, as NAME=URL (its `_service { sdl }` is fetched and composed);
    /// repeatable. None: the local graph is served directly.
    #[arg(long = "subgraph", env = "CCTNS_SUBGRAPHS", value_delimiter = ',')]
    pub subgraphs: Vec<String>,
    /// A `cctns.toml` with `[[subgraphs]]` (`name`, `url`, `timeout_ms`, `claims`) and a
    /// `[federation]` table (`refresh_seconds`, `token_ttl_seconds`, `signing_key`).
    #[arg(long = "config", env = "CCTNS_CONFIG")]
    pub config: Option<PathBuf>,
}

impl FederationArgs {
    /// The file's settings plus the flags' subgraphs.
    pub fn load(&self) -> Result<federation::FederationConfig, federation::config::ConfigError> {
        let base = match &self.config {
            Some(path) => federation::FederationConfig::from_file(path)?,
            None => federation::FederationConfig::default(),
        };
        base.with_flags(&self.subgraphs)
    }
}

/// Limits on what one request may ask, checked before it runs (see
/// `docs/SECURITY.md`, "Query limits").
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Largest GraphQL document, in bytes.
    #[arg(long, env = "CCTNS_MAX_QUERY_BYTES", default_value_t = QueryLimits::default().max_query_bytes)]
    pub max_query_bytes: usize,
    /// Deepest nesting of fields.
    #[arg(long, env = "CCTNS_MAX_DEPTH", default_value_t = QueryLimits::default().max_depth)]
    pub max_depth: usize,
    /// Highest complexity: fields, times `first` (or 5 for an unpaged list) per level.
    #[arg(long, env = "CCTNS_MAX_COMPLEXITY", default_value_t = QueryLimits::default().max_complexity)]
    pub max_complexity: u64,
    /// Most aliased fields in a document.
    #[arg(long, env = "CCTNS_MAX_ALIASES", default_value_t = QueryLimits::default().max_aliases)]
    pub max_aliases: usize,
    /// Most fields at the root of an operation.
    #[arg(long, env = "CCTNS_MAX_ROOT_FIELDS", default_value_t = QueryLimits::default().max_root_fields)]
    pub max_root_fields: usize,
    /// Most directives in a document.
    #[arg(long, env = "CCTNS_MAX_DIRECTIVES", default_value_t = QueryLimits::default().max_directives)]
    pub max_directives: usize,
    /// Most operations in one JSON-array batch (1: batches are refused).
    #[arg(long, env = "CCTNS_MAX_BATCH", default_value_t = RouterOptions::default().max_batch)]
    pub max_batch: usize,
    /// Longest an operation may run, in seconds.
    #[arg(long, env = "CCTNS_REQUEST_TIMEOUT_SECS", default_value_t = RouterOptions::default().request_timeout.as_secs())]
    pub request_timeout_secs: u64,
    /// Queries and mutations executed at once; more wait their turn, in order of arrival
    /// (0: four per CPU core). Subscriptions are not counted.
    #[arg(long, env = "CCTNS_MAX_CONCURRENT_OPERATIONS", default_value_t = 0)]
    pub max_concurrent_operations: usize,
    /// Operations per minute per identified caller (0: unlimited).
    #[arg(long, env = "CCTNS_RATE_LIMIT_PER_MINUTE", default_value_t = RateLimits::default().identified_per_minute)]
    pub rate_limit_per_minute: u32,
    /// Operations per minute per client address, for anonymous callers (0: unlimited).
    #[arg(long, env = "CCTNS_ANONYMOUS_RATE_LIMIT_PER_MINUTE", default_value_t = RateLimits::default().anonymous_per_minute)]
    pub anonymous_rate_limit_per_minute: u32,
    /// Longest one SQL statement may run on PostgreSQL, in seconds.
    #[arg(long, env = "CCTNS_STATEMENT_TIMEOUT_SECS", default_value_t = DEFAULT_STATEMENT_TIMEOUT.as_secs())]
    pub statement_timeout_secs: u64,
}

impl LimitArgs {
    /// The rate limits.
    pub fn rate_limits(&self) -> RateLimits {
        RateLimits {
            identified_per_minute: self.rate_limit_per_minute,
            anonymous_per_minute: self.anonymous_rate_limit_per_minute,
        }
    }

    /// The document limits.
    pub fn query_limits(&self) -> QueryLimits {
        QueryLimits {
            max_query_bytes: self.max_query_bytes,
            max_depth: self.max_depth,
            max_complexity: self.max_complexity,
            max_aliases: self.max_aliases,
            max_root_fields: self.max_root_fields,
            max_directives: self.max_directives,
        }
    }
}

impl ServeArgs {
    /// The request pool: `--db-pool` connections, each statement within the limit.
    pub fn pool_options(&self) -> PoolOptions {
        PoolOptions {
            max_connections: self.db_pool,
            statement_timeout: Some(Duration::from_secs(self.limits.statement_timeout_secs)),
            ..PoolOptions::default()
        }
    }

    /// The router's settings.
    pub fn router_options(&self) -> RouterOptions {
        let environment = self.environment();
        RouterOptions {
            graphiql: environment == Environment::Development || self.graphiql,
            max_body_bytes: self.max_body_bytes,
            schema: SchemaOptions {
                limits: self.limits.query_limits(),
                production: environment == Environment::Production,
                persisted_queries: self.persisted_queries,
                statistics_min_cell: self.statistics_min_cell,
            },
            safelist: self.safelist,
            max_batch: self.limits.max_batch,
            request_timeout: Duration::from_secs(self.limits.request_timeout_secs),
            max_concurrent_operations: self.limits.max_concurrent_operations,
            cors_origins: self.cors_origins.clone(),
            rate_limits: self.limits.rate_limits(),
            ..RouterOptions::default()
        }
    }

    /// The effective environment (`--production` wins).
    pub fn environment(&self) -> Environment {
        if self.production {
            Environment::Production
        } else {
            self.environment
        }
    }

    /// Refuses settings that contradict each other, before anything is opened: `--demo`
    /// (sample data and a token for every role) has no place in production.
    pub fn validate(&self) -> anyhow::Result<()> {
        if self.demo && self.environment() == Environment::Production {
            anyhow::bail!(
                "--demo seeds sample data and prints tokens; it is refused in production \
                 (drop --demo, or run with --env development)"
            );
        }
        Ok(())
    }
}

/// Transport settings of the router.
#[derive(Debug, Clone)]
pub struct RouterOptions {
    /// Serve the GraphiQL explorer on `GET /graphql` for browsers.
    pub graphiql: bool,
    /// Largest accepted request body in bytes (larger: 413).
    pub max_body_bytes: usize,
    /// What one GraphQL document may ask, how documents are cached, and the production
    /// posture (also: the schema is shown only to officers).
    pub schema: SchemaOptions,
    /// Run only registered operations (`cctns operations add`).
    pub safelist: bool,
    /// Most operations in one JSON-array batch.
    pub max_batch: usize,
    /// Longest one operation may run (waiting for its turn included).
    pub request_timeout: Duration,
    /// Queries and mutations executed at once on the local graph; more wait their turn,
    /// first come first served (0: four per CPU core). Under more concurrent clients
    /// than the machine can serve, throughput then holds instead of falling to
    /// contention, and latency grows evenly for all.
    pub max_concurrent_operations: usize,
    /// Browser origins allowed to call the gateway (CORS); none: no cross-origin access.
    pub cors_origins: Vec<String>,
    /// Operations per minute per caller.
    pub rate_limits: RateLimits,
    /// Refused tokens are audited as one record per client address and this window
    /// (zero: one record per refusal).
    pub refused_token_window: Duration,
}

impl Default for RouterOptions {
    /// Development settings with the documented default limits.
    fn default() -> Self {
        Self {
            graphiql: true,
            max_body_bytes: 256 * 1024,
            schema: SchemaOptions::default(),
            safelist: false,
            max_batch: 10,
            request_timeout: Duration::from_secs(30),
            max_concurrent_operations: 0,
            cors_origins: Vec::new(),
            rate_limits: RateLimits::default(),
            refused_token_window: crate::refused_tokens::DEFAULT_WINDOW,
        }
    }
}
