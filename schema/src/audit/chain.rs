//! The hash chain of the audit log: appending records in order, and verifying the chain.
//!
//! Each record's `hash` is SHA-256 over the previous record's hash and this record's
//! content (everything but `id`), so altering, removing or inserting a record breaks the
//! chain at that point. Appends are serialised so the chain is a single line: by a
//! transaction-scoped advisory lock on PostgreSQL (which also orders several gateway
//! replicas), and on SQLite by the writer lock every [`WriteTxn`] holds (one gateway
//! process per file).

use chrono::{DateTime, SubsecRound, Utc};
use entities::audit_record;
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use sha2::{Digest, Sha256};

use crate::db::WriteTxn;

/// Key of the PostgreSQL advisory lock that serialises appends ("cctnsaud").
const APPEND_LOCK_KEY: i64 = 0x6363_746e_7361_7564;

/// A record to append: every column but `id`, `prev_hash` and `hash`.
#[derive(Debug, Clone)]
pub struct NewRecord(audit_record::Model);

impl NewRecord {
    /// A record of `outcome` for `operation`, stamped now (to the microsecond, which both
    /// databases store exactly).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        actor: &super::Actor,
        operation: String,
        record_type: Option<String>,
        record_ids: Option<String>,
        fields: Option<String>,
        outcome: entities::enums::AuditOutcome,
        at: DateTime<Utc>,
    ) -> Self {
        Self(audit_record::Model {
            id: 0,
            at: at.trunc_subsecs(6),
            actor_sub: actor.sub.clone(),
            actor_role: actor.role.clone(),
            actor_unit: actor.unit.clone(),
            operation,
            record_type,
            record_ids,
            fields,
            outcome,
            client_addr: actor.client_addr.clone(),
            prev_hash: String::new(),
            hash: String::new(),
        })
    }
}

/// The chain hash of `record` (its `id`, `prev_hash` and `hash` are not content).
pub fn record_hash(prev_hash: &str, record: &audit_record::Model) -> String {
    let outcome = sea_orm::ActiveEnum::to_value(&record.outcome);
    let at = record
        .at
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let fields: [&str; 11] = [
        prev_hash,
        &at,
        record.actor_sub.as_deref().unwrap_or(""),
        record.actor_role.as_deref().unwrap_or(""),
        record.actor_unit.as_deref().unwrap_or(""),
        &record.operation,
        record.record_type.as_deref().unwrap_or(""),
        record.record_ids.as_deref().unwrap_or(""),
        record.fields.as_deref().unwrap_or(""),
        &outcome,
        record.client_addr.as_deref().unwrap_or(""),
    ];
    let mut hasher = Sha256::new();
    for field in fields {
        // Length-prefixed, so no two different records serialise alike.
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Takes the chain's lock for the rest of `txn` (PostgreSQL; on SQLite the [`WriteTxn`]
/// already excludes other writers). Taking it again in the same transaction is free.
pub async fn lock(txn: &WriteTxn) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT pg_advisory_xact_lock({APPEND_LOCK_KEY})"),
        ))
        .await?;
    }
    Ok(())
}

/// Appends `records`, in order, to the chain inside `txn` (the caller commits: a write and
/// its audit records land together or not at all).
pub async fn append(txn: &WriteTxn, records: Vec<NewRecord>) -> Result<(), DbErr> {
    if records.is_empty() {
        return Ok(());
    }
    lock(txn).await?;
    let mut prev_hash = audit_record::Entity::find()
        .order_by_desc(audit_record::Column::Id)
        .limit(1)
        .one(&**txn)
        .await?
        .map(|last| last.hash)
        .unwrap_or_default();
    let mut rows = Vec::with_capacity(records.len());
    for NewRecord(mut record) in records {
        record.hash = record_hash(&prev_hash, &record);
        record.prev_hash = std::mem::take(&mut prev_hash);
        prev_hash = record.hash.clone();
        let mut row = record.into_active_model();
        row.id = sea_orm::ActiveValue::NotSet;
        rows.push(row);
    }
    // One statement; both databases assign ids in VALUES order, which is chain order.
    audit_record::Entity::insert_many(rows).exec(&**txn).await?;
    Ok(())
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Records checked.
    pub checked: u64,
    /// The first record whose hash or link does not match, and why.
    pub broken: Option<(i64, &'static str)>,
}

/// Walks the whole chain in id order and recomputes every hash.
pub async fn verify(db: &impl ConnectionTrait) -> Result<Verification, DbErr> {
    let mut checked = 0;
    let mut prev_hash = String::new();
    let mut after = i64::MIN;
    loop {
        let page = audit_record::Entity::find()
            .filter(sea_orm::ColumnTrait::gt(&audit_record::Column::Id, after))
            .order_by_asc(audit_record::Column::Id)
            .limit(1_000)
            .all(db)
            .await?;
        let Some(last) = page.last() else {
            return Ok(Verification {
                checked,
                broken: None,
            });
        };
        after = last.id;
        for record in page {
            let broken = if record.prev_hash != prev_hash {
                Some("does not link to the record before it (one was removed or inserted)")
            } else if record.hash != record_hash(&prev_hash, &record) {
                Some("content does not match its hash (the record was altered)")
            } else {
                None
            };
            if let Some(reason) = broken {
                return Ok(Verification {
                    checked,
                    broken: Some((record.id, reason)),
                });
            }
            checked += 1;
            prev_hash = record.hash;
        }
    }
}
