use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::MovementKind;

/// A movement of a prisoner out of or back into the prison.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "prison_movement")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The prison record.
    pub prison_record_id: i64,
    /// Kind of movement.
    pub kind: MovementKind,
    /// When the movement happened.
    pub moved_at: DateTimeUtc,
    /// Destination unit (court, prison).
    pub destination_unit_id: Option<i64>,
    /// Note.
    #[sea_orm(column_type = "Text")]
    pub note: Option<String>,
}

/// Relations of the `prison_movement` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `prison_record` referenced by `prison_record_id`.
    #[sea_orm(
        belongs_to = "super::prison_record::Entity",
        from = "Column::PrisonRecordId",
        to = "super::prison_record::Column::Id",
        on_delete = "Cascade"
    )]
    PrisonRecord,
    /// The `org_unit` referenced by `destination_unit_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::DestinationUnitId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    DestinationUnit,
}

impl Related<super::prison_record::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PrisonRecord.def()
    }
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DestinationUnit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
