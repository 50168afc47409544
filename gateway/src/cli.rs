//! The `cctns` command line: what each command does with the configuration.

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use schema::db::{PoolOptions, SqlStats};
use schema::policy::Role;
use sea_orm::DatabaseConnection;
use seed::{SeedOptions, sample_principals};

use crate::app::{App, AppConfig, migrate};
use crate::auth::{self, TokenRequest, Verifier};
use crate::config::{DatabaseArgs, Environment, FederationArgs, JwtArgs, Secret, ServeArgs};

/// CCTNS Graph Gateway: one GraphQL endpoint over the national graph of police stations,
/// FIRs, persons, cases, court hearings and prison records.
#[derive(Debug, Parser)]
#[command(name = "cctns", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the gateway (migrates the database first).
    Serve(ServeArgs),
    /// Apply all pending migrations.
    Migrate(DatabaseArgs),
    /// Generate deterministic synthetic data (same --seed, same data).
    Seed(SeedArgs),
    /// Print a signed development token (HS256, with the configured secret).
    Token(TokenArgs),
    /// Print the SDL of the served schema.
    Schema,
    /// Work with the audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Work with the safelist of operations (`serve --safelist` runs only these).
    #[command(subcommand)]
    Operations(OperationsCommand),
    /// Print the supergraph SDL of the local graph composed with the configured remote
    /// subgraphs (for Hive Router, Apollo Router or Cosmo in larger deployments).
    Compose(ComposeArgs),
    /// Print the query plan of an operation over the composed supergraph.
    Plan(PlanArgs),
}

/// `cctns compose` options.
#[derive(Debug, Args)]
pub struct ComposeArgs {
    #[command(flatten)]
    pub federation: FederationArgs,
    /// Endpoint written into the supergraph for the local graph: a `cctns serve` with no
    /// remote subgraph, which serves the local graph as a subgraph.
    #[arg(long, default_value = "http://127.0.0.1:8080/graphql")]
    pub local_url: String,
}

/// `cctns plan` options.
#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub federation: FederationArgs,
    /// The operation, as GraphQL text.
    pub query: String,
    /// Which operation of the document to plan.
    #[arg(long)]
    pub operation_name: Option<String>,
}

/// `cctns operations` subcommands.
#[derive(Debug, Subcommand)]
pub enum OperationsCommand {
    /// Register the operations of FILE: a GraphQL document (registered whole, exactly as
    /// the client sends it) or an Apollo persisted query manifest (JSON). Prints each
    /// one's SHA-256, the id a client may send instead of the text.
    Add(OperationsAddArgs),
}

/// `cctns operations add` options.
#[derive(Debug, Args)]
pub struct OperationsAddArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The file to register.
    pub file: std::path::PathBuf,
}

/// `cctns audit` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the audit log's hash chain; exits 1 at the first altered, removed or
    /// inserted record.
    Verify(DatabaseArgs),
}

/// `cctns seed` options.
#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Number of states.
    #[arg(long, default_value_t = 4)]
    pub states: u32,
    /// Number of police stations in all.
    #[arg(long, default_value_t = 40)]
    pub stations: u32,
    /// Number of FIRs.
    #[arg(long, default_value_t = 2000)]
    pub firs: u64,
    /// Random seed: the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// `cctns token` options.
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Role claim (CITIZEN, STATION_OFFICER, … ADMIN).
    #[arg(long)]
    pub role: String,
    /// Unit code where the caller serves.
    #[arg(long)]
    pub unit: String,
    /// Subject (officer login id or citizen id).
    #[arg(long, default_value = "dev-user")]
    pub sub: String,
    /// Rank claim.
    #[arg(long)]
    pub rank: Option<String>,
    /// Name claim.
    #[arg(long)]
    pub name: Option<String>,
    /// Lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    pub ttl: u64,
    #[command(flatten)]
    pub jwt: JwtArgs,
    /// Deployment environment (decides whether the development secret may be used).
    #[arg(long = "env", env = "CCTNS_ENV", value_enum, default_value_t = Environment::Development)]
    pub environment: Environment,
}

/// Runs one command to completion.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Migrate(args) => {
            let (db, _) = open(&args, PoolOptions::maintenance()).await?;
            migrate(&db).await
        }
        Command::Seed(args) => seed(args).await,
        Command::Token(args) => {
            println!("{}", token(&args)?);
            Ok(())
        }
        Command::Schema => {
            print!("{}", schema::sdl());
            Ok(())
        }
        Command::Audit(AuditCommand::Verify(args)) => verify_audit(&args).await,
        Command::Operations(OperationsCommand::Add(args)) => add_operations(&args).await,
        Command::Compose(args) => {
            let config = args.federation.load()?;
            let sdl =
                federation::compose_supergraph(&config, &schema::subgraph_sdl(), &args.local_url)
                    .await?;
            print!("{sdl}");
            Ok(())
        }
        Command::Plan(args) => {
            let config = args.federation.load()?;
            let sdl = federation::compose_supergraph(
                &config,
                &schema::subgraph_sdl(),
                federation::IN_PROCESS_URL,
            )
            .await?;
            let supergraph = federation::Supergraph::new(sdl, &config.subgraphs)?;
            let prepared = supergraph
                .plan(&args.query, args.operation_name.as_deref(), None)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{}", prepared.plan_text());
            Ok(())
        }
    }
}

async fn add_operations(args: &OperationsAddArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let documents = schema::operations::documents_of(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let (db, _) = open(&args.database, PoolOptions::maintenance()).await?;
    migrate(&db).await?;
    let registered = schema::operations::register(&db, &documents)
        .await
        .context("cannot register the operations")?;
    for ((hash, new), document) in registered.iter().zip(&documents) {
        let name = document.name.as_deref().unwrap_or("(anonymous)");
        let state = if *new {
            "registered"
        } else {
            "already registered"
        };
        println!("{hash} {name} {state}");
    }
    Ok(())
}

async fn verify_audit(args: &DatabaseArgs) -> anyhow::Result<()> {
    let (db, _) = open(args, PoolOptions::default()).await?;
    let result = schema::audit::chain::verify(&db)
        .await
        .context("cannot read the audit log")?;
    match result.broken {
        None => {
            println!("audit chain intact: {} records", result.checked);
            Ok(())
        }
        Some((id, reason)) => anyhow::bail!(
            "audit chain broken at record {id}: {reason} ({} records before it verified)",
            result.checked
        ),
    }
}

/// Opens the database `args` names.
async fn open(
    args: &DatabaseArgs,
    pool: PoolOptions,
) -> anyhow::Result<(DatabaseConnection, SqlStats)> {
    crate::app::open(args.validated()?, pool).await
}

async fn seed(args: SeedArgs) -> anyhow::Result<()> {
    let (db, _) = open(&args.database, PoolOptions::maintenance()).await?;
    migrate(&db).await?;
    let options = SeedOptions {
        states: args.states,
        stations: args.stations,
        firs: args.firs,
        seed: args.seed,
    };
    let report = seed::seed(&db, &options).await.context("seeding failed")?;
    println!("{report}");
    Ok(())
}

fn token(args: &TokenArgs) -> anyhow::Result<String> {
    if Role::from_claim(&args.role).is_none() {
        anyhow::bail!("unknown role {:?}", args.role);
    }
    let secret = auth::signing_secret(args.jwt.jwt_secret.as_ref(), args.environment)?;
    auth::mint(
        &secret,
        &TokenRequest {
            sub: args.sub.clone(),
            role: args.role.clone(),
            unit: args.unit.clone(),
            rank: args.rank.clone(),
            name: args.name.clone(),
            ttl_seconds: args.ttl,
            issuer: args.jwt.jwt_issuer.clone(),
            audience: args.jwt.jwt_audience.clone(),
        },
    )
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    // Every refusal of the configuration comes before the database is touched.
    args.validate()?;
    let environment = args.environment();
    crate::http::guard::validate_origins(&args.cors_origins)?;
    let config = AppConfig {
        database_url: args.database.validated()?.to_owned(),
        pool: args.pool_options(),
        verifier: Verifier::from_config(&args.jwt, environment)?,
        options: args.router_options(),
        federation: args.federation.load()?,
    };
    configure_ids(args.id_key.as_ref(), environment)?;
    {
        // Migrations and the demo load run without the requests' statement timeout.
        let (maintenance, _) = open(&args.database, PoolOptions::maintenance()).await?;
        migrate(&maintenance).await?;
        if args.demo {
            demo(&maintenance, &args).await?;
        }
        maintenance.close().await.ok();
    }
    let app = App::start(config).await?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let local = listener.local_addr()?;
    tracing::info!(%local, ?environment, "CCTNS gateway listening");
    println!("CCTNS gateway on http://{local}/graphql");
    app.serve(listener, shutdown_signal()).await?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Sets the key of the opaque global ids: the configured one, or the development key
/// outside production.
fn configure_ids(key: Option<&Secret>, environment: Environment) -> anyhow::Result<()> {
    match (key, environment) {
        (Some(key), _) => schema::ids::configure(key.expose()),
        (None, Environment::Development) => {
            tracing::warn!("CCTNS_ID_KEY not set: using the development-only id key");
        }
        (None, Environment::Production) => {
            anyhow::bail!("production needs CCTNS_ID_KEY, the key of the opaque global ids")
        }
    }
    Ok(())
}

/// Seeds the demo data set into an empty database and prints a token per role.
async fn demo(db: &DatabaseConnection, args: &ServeArgs) -> anyhow::Result<()> {
    if seed::is_empty(db).await? {
        let report = seed::seed(db, &SeedOptions::demo())
            .await
            .context("demo seeding failed")?;
        println!("Demo data seeded: {report}");
    }
    let secret = auth::signing_secret(args.jwt.jwt_secret.as_ref(), args.environment())?;
    println!("Sample tokens (valid 12 hours; send as `Authorization: Bearer <token>`):");
    for sample in sample_principals(db).await? {
        let token = auth::mint(
            &secret,
            &TokenRequest {
                sub: sample.sub.clone(),
                role: sample.role.as_claim().to_owned(),
                unit: sample.unit.clone(),
                rank: sample.rank.clone(),
                name: Some(sample.name.clone()),
                ttl_seconds: 12 * 3600,
                issuer: args.jwt.jwt_issuer.clone(),
                audience: args.jwt.jwt_audience.clone(),
            },
        )?;
        println!(
            "\n{} at {} ({}):\n{}",
            sample.role.as_claim(),
            sample.unit,
            sample.name,
            token
        );
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; draining in-flight requests");
}
