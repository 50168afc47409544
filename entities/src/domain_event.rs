use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A thin domain event for subscribers; `id` is monotonic and resumable.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "domain_event")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Event type (e.g. `FIR_REGISTERED`).
    pub event_type: String,
    /// When the event occurred.
    pub occurred_at: DateTimeUtc,
    /// Owning unit.
    pub unit_id: i64,
    /// Materialised path of the owning unit (for subtree filters).
    pub unit_path: String,
    /// Subject references (FIR, CNR, person, prisoner ids) as JSON.
    #[sea_orm(column_type = "Json")]
    pub subject_refs: Json,
    /// `sub` of the actor.
    pub actor_sub: Option<String>,
}

/// Relations of the `domain_event` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `org_unit` referenced by `unit_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::UnitId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
