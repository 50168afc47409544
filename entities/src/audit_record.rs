use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::AuditOutcome;

/// An audit record (append-only: the database refuses UPDATE and DELETE).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "audit_record")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When the operation happened.
    pub at: DateTimeUtc,
    /// `sub` of the actor.
    pub actor_sub: Option<String>,
    /// Role of the actor.
    pub actor_role: Option<String>,
    /// Unit code of the actor.
    pub actor_unit: Option<String>,
    /// Operation (e.g. GraphQL field or mutation name).
    pub operation: String,
    /// Type of the records touched.
    pub record_type: Option<String>,
    /// Ids of the records touched.
    #[sea_orm(column_type = "Text")]
    pub record_ids: Option<String>,
    /// Fields (or field classes) touched.
    #[sea_orm(column_type = "Text")]
    pub fields: Option<String>,
    /// Outcome.
    pub outcome: AuditOutcome,
    /// Client address.
    pub client_addr: Option<String>,
    /// `hash` of the record before this one (empty for the first).
    pub prev_hash: String,
    /// SHA-256 (hex) over `prev_hash` and this record's content: the hash chain.
    pub hash: String,
}

/// Relations of the `audit_record` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
