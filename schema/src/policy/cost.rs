//! The policy-cost benchmark (ignored in normal runs; `bash bench/policy.sh` runs it in a
//! release build): the nested national query executed in-process, with the policy and the
//! audit trail on, as a ratio to the same query for an unrestricted identity (every
//! decision `Full` without evaluating a rule, nothing written to the audit log).

use std::time::{Duration, Instant};

use async_graphql::Request;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::{Identity, Principal, Role, UnitRef};
use crate::audit::{self, Actor};
use crate::{CctnsSchema, RequestContext};

/// The nested query of the linked-graph benchmark.
const NESTED: &str = "{ policeStations(first: 50) { edges { node { name firs(first: 20) { edges { node { number parties { role person { name prisonRecords { prison { name } } } } } } } } } } }";
/// The same, also reading each person's phone: personal data, so every request that
/// shows one writes an audit record.
const NESTED_PERSONAL: &str = "{ policeStations(first: 50) { edges { node { name firs(first: 20) { edges { node { number parties { role person { name phone prisonRecords { prison { name } } } } } } } } } } }";

/// How long each measurement runs.
fn duration() -> Duration {
    let secs = std::env::var("POLICY_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    Duration::from_secs(secs)
}

/// `role` at the national unit of `db`; `unrestricted`: every decision `Full` (test builds).
pub(crate) async fn principal(
    db: &DatabaseConnection,
    role: Role,
    unrestricted: bool,
) -> Principal {
    let unit = entities::org_unit::Entity::find()
        .filter(entities::org_unit::Column::Code.eq("IN"))
        .one(db)
        .await
        .expect("query")
        .expect("the national unit");
    Principal {
        identity: Some(Identity {
            sub: "bench".into(),
            role,
            unit: UnitRef {
                id: unit.id,
                code: unit.code,
                path: unit.path,
            },
            officer_id: None,
            rank: None,
            name: None,
            expires_at: None,
            unrestricted,
        }),
    }
}

/// Requests per second of `query` for `principal`, one client, flushing the audit trail
/// after each request as the transport does (unless the principal is unrestricted).
async fn throughput(
    schema: &CctnsSchema,
    db: &DatabaseConnection,
    principal: &Principal,
    query: &str,
) -> f64 {
    let unrestricted = principal.identity.as_ref().is_some_and(|i| i.unrestricted);
    let actor = Actor::of(principal, Some("127.0.0.1".into()));
    let run = duration();
    let start = Instant::now();
    let mut requests = 0_u64;
    while start.elapsed() < run {
        let (context, batches) = RequestContext::new(db.clone(), principal.clone());
        let trail = context.audit.clone();
        let response = batches
            .drive(schema.execute(Request::new(query).data(context)))
            .await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        if !unrestricted {
            audit::flush(db, &trail, &actor, None).await.expect("audit");
        }
        requests += 1;
    }
    requests as f64 / start.elapsed().as_secs_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: run by bench/policy.sh in release"]
async fn policy_cost() {
    let url = std::env::var("POLICY_BENCH_DATABASE_URL")
        .expect("POLICY_BENCH_DATABASE_URL: a seeded database (bench/policy.sh makes one)");
    let (db, _) = crate::db::connect(&url, &crate::db::PoolOptions::default())
        .await
        .expect("connect");
    let schema = crate::build_schema();

    println!(
        "| query | principal | policy and audit on (req/s) | unrestricted (req/s) | ratio | policy cost |"
    );
    println!("|---|---|---|---|---|---|");
    for (label, query, role) in [
        ("nested", NESTED, Role::Analyst),
        ("nested", NESTED, Role::Supervisor),
        (
            "nested + phone (audited)",
            NESTED_PERSONAL,
            Role::Supervisor,
        ),
    ] {
        let on = throughput(&schema, &db, &principal(&db, role, false).await, query).await;
        let off = throughput(&schema, &db, &principal(&db, role, true).await, query).await;
        let ratio = on / off;
        println!(
            "| {label} | {} at IN | {on:.1} | {off:.1} | {ratio:.2} | {:.0}% |",
            role.as_claim(),
            (1.0 - ratio) * 100.0
        );
    }
}
