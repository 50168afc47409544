//! `auditLog`: the audit trail, for auditors, each over their own unit's subtree.

use async_graphql::{Context, Enum, InputObject, Object};
use chrono::{DateTime, Utc};
use entities::{audit_record, org_unit};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use crate::context::RequestContext;
use crate::error::{ApiError, ApiResult};
use crate::pagination::{Keyed, Page, PageRequest, fetch_page};
use crate::policy::{self, AuditReach};

impl AuditReach {
    /// The rule in SQL: the actor's unit code is one of the subtree's.
    fn condition(&self) -> Condition {
        match self {
            AuditReach::Everything => Condition::all(),
            AuditReach::ActorsUnder(path) => Condition::all().add(
                audit_record::Column::ActorUnit.in_subquery(
                    Query::select()
                        .column(org_unit::Column::Code)
                        .from(org_unit::Entity)
                        .and_where(org_unit::Column::Path.starts_with(path))
                        .to_owned(),
                ),
            ),
        }
    }
}

/// Outcome of an audited operation.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entities::enums::AuditOutcome")]
pub enum AuditOutcome {
    /// The data was shown or the write made.
    Allowed,
    /// The access policy refused it.
    Denied,
    /// The operation failed.
    Failed,
}

/// Narrows the audit log. Every given criterion must hold.
#[derive(InputObject, Debug, Default)]
pub struct AuditFilter {
    /// Only what this actor (`sub` claim) did.
    pub actor_sub: Option<String>,
    /// Only what actors of this unit (code) did.
    pub actor_unit: Option<String>,
    /// Only this outcome.
    pub outcome: Option<AuditOutcome>,
    /// Only records of this type (`Person`, `Fir`, `Case`, …).
    pub record_type: Option<String>,
    /// Only audit records made at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Only audit records made at or before this instant.
    pub to: Option<DateTime<Utc>>,
}

impl AuditFilter {
    fn condition(&self) -> ApiResult<Condition> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(ApiError::bad_input("from is after to"));
        }
        let mut condition = Condition::all();
        if let Some(sub) = &self.actor_sub {
            condition = condition.add(audit_record::Column::ActorSub.eq(sub));
        }
        if let Some(unit) = &self.actor_unit {
            condition = condition.add(audit_record::Column::ActorUnit.eq(unit));
        }
        if let Some(outcome) = self.outcome {
            condition = condition.add(
                audit_record::Column::Outcome.eq(entities::enums::AuditOutcome::from(outcome)),
            );
        }
        if let Some(record_type) = &self.record_type {
            condition = condition.add(audit_record::Column::RecordType.eq(record_type));
        }
        if let Some(from) = self.from {
            condition = condition.add(audit_record::Column::At.gte(from));
        }
        if let Some(to) = self.to {
            condition = condition.add(audit_record::Column::At.lte(to));
        }
        Ok(condition)
    }
}

/// GraphQL object; its description (shown in GraphiQL) is on the `#[Object]` impl.
pub struct AuditRecord(audit_record::Model);

impl Keyed for AuditRecord {
    fn key(&self) -> i64 {
        self.0.id
    }
}

/// One entry of the audit trail: who saw, changed or was refused what, when, from where.
#[Object]
impl AuditRecord {
    /// Position in the log (increasing).
    async fn id(&self) -> i64 {
        self.0.id
    }
    /// When it happened.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    /// The actor's `sub` claim (null for anonymous callers).
    async fn actor_sub(&self) -> Option<&str> {
        self.0.actor_sub.as_deref()
    }
    /// The actor's role.
    async fn actor_role(&self) -> Option<&str> {
        self.0.actor_role.as_deref()
    }
    /// Code of the actor's unit.
    async fn actor_unit(&self) -> Option<&str> {
        self.0.actor_unit.as_deref()
    }
    /// The operation: the client's operation name (if any) and the root field.
    async fn operation(&self) -> &str {
        &self.0.operation
    }
    /// Type of the records involved (`Person`, `Fir`, `Case`, …).
    async fn record_type(&self) -> Option<&str> {
        self.0.record_type.as_deref()
    }
    /// Row ids of the records involved.
    async fn record_ids(&self) -> Vec<String> {
        split(self.0.record_ids.as_deref())
    }
    /// Data classes disclosed or refused (`PERSONAL`, `VICTIM_IDENTITY`, `CHILD`,
    /// `NARRATIVE`, `INVESTIGATIVE`), or the refused field paths.
    async fn fields(&self) -> Vec<String> {
        split(self.0.fields.as_deref())
    }
    /// Whether it was allowed, refused, or failed.
    async fn outcome(&self) -> AuditOutcome {
        self.0.outcome.into()
    }
    /// The client's network address.
    async fn client_address(&self) -> Option<&str> {
        self.0.client_addr.as_deref()
    }
    /// The chain hash of this record (see `cctns audit verify`).
    async fn hash(&self) -> &str {
        &self.0.hash
    }
}

fn split(list: Option<&str>) -> Vec<String> {
    list.map(|l| l.split(',').map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The audit log query.
#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit trail, newest first. Auditors only, each reading what actors serving in
    /// their own unit's subtree did (at `IN`: everything).
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrow the log.")] filter: Option<AuditFilter>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last record already seen.")] after: Option<String>,
    ) -> ApiResult<Page<AuditRecord>> {
        let Some(reach) = policy::audit_reach(&RequestContext::of(ctx).principal) else {
            return Err(ApiError::forbidden("the audit log is for auditors only"));
        };
        let request = PageRequest::new(first, after.as_deref())?;
        let query = audit_record::Entity::find()
            .filter(filter.unwrap_or_default().condition()?)
            .filter(reach.condition());
        fetch_page(
            ctx,
            query,
            audit_record::Column::Id,
            request,
            true,
            AuditRecord,
        )
        .await
    }
}
