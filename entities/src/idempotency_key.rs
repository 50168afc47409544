use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A mutation's idempotency key: a retried request with the same key (from the same
/// caller) returns the first result instead of writing again.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "idempotency_key")]
pub struct Model {
    /// `sub` of the caller (empty for anonymous callers).
    #[sea_orm(primary_key, auto_increment = false)]
    pub actor_sub: String,
    /// The client's key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// The mutation it was used with.
    pub operation: String,
    /// The record the first request produced (set when it committed).
    pub record_id: Option<i64>,
    /// When the key was first used.
    pub created_at: DateTimeUtc,
}

/// `idempotency_key` references nothing.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
