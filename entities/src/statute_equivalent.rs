use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An equivalence between two statute sections (IPC ↔ BNS, CrPC ↔ BNSS); stored in both
/// directions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "statute_equivalent")]
pub struct Model {
    /// The statute.
    #[sea_orm(primary_key, auto_increment = false)]
    pub statute_id: i64,
    /// A statute equivalent to it.
    #[sea_orm(primary_key, auto_increment = false)]
    pub equivalent_id: i64,
}

/// Relations of the `statute_equivalent` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `statute` referenced by `statute_id`.
    #[sea_orm(
        belongs_to = "super::statute::Entity",
        from = "Column::StatuteId",
        to = "super::statute::Column::Id",
        on_delete = "Cascade"
    )]
    Statute,
    /// The `statute` referenced by `equivalent_id`.
    #[sea_orm(
        belongs_to = "super::statute::Entity",
        from = "Column::EquivalentId",
        to = "super::statute::Column::Id",
        on_delete = "Cascade"
    )]
    Equivalent,
}

impl Related<super::statute::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Statute.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
