//! The write side's one path (ARCHITECTURE.md, "a request's path", step 6): every
//! mutation runs in one database transaction that writes the change, its domain events
//! (the outbox) and its audit records together; either all land or none.
//!
//! A mutation calls [`Write::begin`] (which also honours the client's idempotency key),
//! checks authority with [`crate::policy::require_write`], writes through
//! [`Write::txn`], notes its [`Write::event`]s and [`Write::audit`] records, and ends
//! with [`Write::commit`]. Dropping a `Write` without committing rolls everything back.

use chrono::{DateTime, Utc};
use entities::{domain_event, idempotency_key};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

pub use crate::events::EventType;

use crate::audit::{Actor, chain};
use crate::context::RequestContext;
use crate::db::WriteTxn;
use crate::error::{ApiError, ApiResult};

/// How far a client's clock may run ahead of the server's before a time it sends
/// counts as "in the future".
pub const CLOCK_SKEW: chrono::Duration = chrono::Duration::minutes(5);

/// Refuses a time in the future (beyond [`CLOCK_SKEW`]) given in input `field`.
pub fn not_future(at: DateTime<Utc>, field: &str) -> ApiResult<()> {
    if at > Utc::now() + CLOCK_SKEW {
        return Err(ApiError::invalid(
            field,
            format!("{field} is in the future"),
        ));
    }
    Ok(())
}

/// The row `id` of `E` a mutation just wrote, read back as its result (`INTERNAL` if it
/// is gone, which a committed write cannot be).
pub async fn written<E, T>(
    ctx: &async_graphql::Context<'_>,
    id: i64,
    wrap: impl FnOnce(E::Model) -> T,
) -> ApiResult<T>
where
    E: EntityTrait,
    E::Model: Sync,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<i64>,
{
    let row = E::find_by_id(id).one(&RequestContext::of(ctx).db).await?;
    row.map(wrap).ok_or_else(ApiError::internal)
}

/// How a mutation begins: fresh, or as the replay of a request already made with the same
/// idempotency key (whose result is the record `id`).
#[derive(Debug)]
pub enum Begun {
    /// Write, then [`Write::commit`].
    Fresh(Box<Write>),
    /// Nothing to write: return the record the first request produced.
    Replay(i64),
}

/// One mutation's transaction, with the events and audit records it will commit.
#[derive(Debug)]
pub struct Write {
    txn: WriteTxn,
    actor: Actor,
    operation: &'static str,
    idempotency_key: Option<String>,
    at: DateTime<Utc>,
    events: Vec<domain_event::ActiveModel>,
    audit: Vec<chain::NewRecord>,
    hub: Option<std::sync::Arc<crate::events::EventHub>>,
}

/// Longest accepted idempotency key.
const MAX_KEY_LEN: usize = 200;

impl Write {
    /// Begins the transaction of mutation `operation` for the caller of `ctx`. With an
    /// idempotency key already used by the same caller for the same mutation, returns
    /// [`Begun::Replay`]; a key used for another mutation is `BAD_USER_INPUT`.
    pub async fn begin(
        ctx: &async_graphql::Context<'_>,
        operation: &'static str,
        idempotency_key: Option<String>,
    ) -> ApiResult<Begun> {
        let rc = RequestContext::of(ctx);
        let actor = Actor::of(&rc.principal, rc.client_addr.clone());
        let txn = WriteTxn::begin(&rc.db).await?;
        let write = Write {
            txn,
            actor,
            operation,
            idempotency_key: None,
            at: Utc::now(),
            events: Vec::new(),
            audit: Vec::new(),
            hub: rc.events.clone(),
        };
        match idempotency_key {
            None => Ok(Begun::Fresh(Box::new(write))),
            Some(key) => write.claim(key).await,
        }
    }

    /// Claims `key` for this request, or finds the request that claimed it first. On
    /// PostgreSQL a concurrent first request holds its uncommitted row; the insert waits
    /// for it and then sees the committed row.
    async fn claim(mut self, key: String) -> ApiResult<Begun> {
        if key.is_empty() || key.len() > MAX_KEY_LEN {
            return Err(ApiError::invalid(
                "idempotencyKey",
                format!("idempotencyKey must have 1 to {MAX_KEY_LEN} characters"),
            ));
        }
        let sub = self.actor.sub.clone().unwrap_or_default();
        let inserted = idempotency_key::Entity::insert(idempotency_key::ActiveModel {
            actor_sub: Set(sub.clone()),
            key: Set(key.clone()),
            operation: Set(self.operation.to_owned()),
            record_id: Set(None),
            created_at: Set(self.at),
        })
        .on_conflict(
            OnConflict::columns([
                idempotency_key::Column::ActorSub,
                idempotency_key::Column::Key,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&*self.txn)
        .await?;
        if inserted == 1 {
            self.idempotency_key = Some(key);
            return Ok(Begun::Fresh(Box::new(self)));
        }
        let first = idempotency_key::Entity::find()
            .filter(idempotency_key::Column::ActorSub.eq(&sub))
            .filter(idempotency_key::Column::Key.eq(&key))
            .one(&*self.txn)
            .await?;
        match first {
            Some(first) if first.operation != self.operation => Err(ApiError::invalid(
                "idempotencyKey",
                format!("this idempotencyKey was used for {}", first.operation),
            )),
            Some(idempotency_key::Model {
                record_id: Some(id),
                ..
            }) => Ok(Begun::Replay(id)),
            _ => Err(ApiError::conflict(
                "a request with this idempotencyKey is still in progress",
            )),
        }
    }

    /// The transaction to write through.
    pub fn txn(&self) -> &sea_orm::DatabaseTransaction {
        &self.txn
    }

    /// The row `select` finds, read inside the transaction and locked until it ends
    /// (`FOR UPDATE` on PostgreSQL; on SQLite the writer lock already excludes every
    /// other writer). Every state check of a mutation reads its record this way.
    pub async fn locked<E: EntityTrait>(
        &self,
        select: sea_orm::Select<E>,
    ) -> ApiResult<Option<E::Model>>
    where
        E::Model: Sync,
    {
        use sea_orm::QuerySelect;
        let select = if self.txn.get_database_backend() == sea_orm::DbBackend::Postgres {
            select.lock_exclusive()
        } else {
            select
        };
        Ok(select.one(&*self.txn).await?)
    }

    /// The next number in a per-unit sequence of strings `PREFIX00042` (petition
    /// numbers, prisoner ids): locks the unit's row so two writers never take the same
    /// number, then continues after the highest `existing` one (`latest` reads it).
    pub async fn next_number<E: EntityTrait>(
        &self,
        unit_id: i64,
        prefix: &str,
        latest: sea_orm::Select<E>,
        number_of: impl Fn(&E::Model) -> &str,
    ) -> ApiResult<String>
    where
        E::Model: Sync,
    {
        self.locked(entities::org_unit::Entity::find_by_id(unit_id))
            .await?
            .ok_or_else(ApiError::internal)?;
        let last = latest.one(&*self.txn).await?;
        let next = last
            .as_ref()
            .and_then(|row| number_of(row).strip_prefix(prefix)?.parse::<u32>().ok())
            .unwrap_or(0)
            + 1;
        Ok(format!("{prefix}{next:05}"))
    }

    /// When the mutation happened (one instant for everything it writes).
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The caller, as recorded.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Notes a domain event for the outbox: thin (type, time, owning unit, subject ids),
    /// never names or narrative.
    pub fn event(&mut self, event_type: EventType, unit: &UnitOf, subject_refs: serde_json::Value) {
        self.events.push(domain_event::ActiveModel {
            event_type: Set(event_type.as_str().to_owned()),
            occurred_at: Set(self.at),
            unit_id: Set(unit.id),
            unit_path: Set(unit.path.clone()),
            subject_refs: Set(subject_refs),
            actor_sub: Set(self.actor.sub.clone()),
            ..Default::default()
        });
    }

    /// Notes an audit record of what was written: records of `record_type` with `ids`,
    /// and what changed.
    pub fn audit(&mut self, record_type: &str, ids: &[i64], what: impl Into<String>) {
        let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
        self.audit.push(chain::NewRecord::new(
            &self.actor,
            self.operation.to_owned(),
            Some(record_type.to_owned()),
            (!ids.is_empty()).then(|| ids.join(",")),
            Some(what.into()),
            entities::enums::AuditOutcome::Allowed,
            self.at,
        ));
    }

    /// Writes the events and audit records, records the idempotency key's result
    /// (`record_id`), commits, and wakes the event hub.
    ///
    /// The audit chain's lock is taken before the events are inserted and held to the
    /// commit, so event ids commit in increasing order across all writers (the hub's
    /// "everything after the last id" then misses nothing). On PostgreSQL the transaction
    /// also sends `NOTIFY`, delivered to every replica when it commits.
    pub async fn commit(self, record_id: i64) -> ApiResult<()> {
        chain::lock(&self.txn).await?;
        let published = !self.events.is_empty();
        if published {
            domain_event::Entity::insert_many(self.events)
                .exec_without_returning(&*self.txn)
                .await?;
            if self.txn.get_database_backend() == sea_orm::DbBackend::Postgres {
                self.txn
                    .execute_unprepared(&format!("NOTIFY {}", crate::events::hub::CHANNEL))
                    .await?;
            }
        }
        chain::append(&self.txn, self.audit).await?;
        if let Some(key) = &self.idempotency_key {
            idempotency_key::Entity::update_many()
                .col_expr(
                    idempotency_key::Column::RecordId,
                    sea_orm::sea_query::Expr::value(record_id),
                )
                .filter(
                    idempotency_key::Column::ActorSub.eq(self
                        .actor
                        .sub
                        .clone()
                        .unwrap_or_default()),
                )
                .filter(idempotency_key::Column::Key.eq(key))
                .exec(&*self.txn)
                .await?;
        }
        self.txn.commit().await?;
        if published && let Some(hub) = &self.hub {
            hub.wake();
        }
        Ok(())
    }
}

/// The unit an event belongs to.
#[derive(Debug, Clone)]
pub struct UnitOf {
    /// Row id of the unit.
    pub id: i64,
    /// Its materialised path (subscribers filter by subtree).
    pub path: String,
}

impl From<&entities::org_unit::Model> for UnitOf {
    fn from(unit: &entities::org_unit::Model) -> Self {
        UnitOf {
            id: unit.id,
            path: unit.path.clone(),
        }
    }
}
