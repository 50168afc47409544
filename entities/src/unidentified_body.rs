use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{BodyStatus, Sex};

/// An unidentified dead body.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "unidentified_body")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Police station.
    pub station_id: i64,
    /// When the body was found.
    pub found_at: DateTimeUtc,
    /// Place found.
    pub place: Option<String>,
    /// Sex.
    pub sex: Sex,
    /// Estimated minimum age in years.
    pub age_min: Option<i32>,
    /// Estimated maximum age in years.
    pub age_max: Option<i32>,
    /// Height in centimetres.
    pub height_cm: Option<i32>,
    /// Identification marks.
    #[sea_orm(column_type = "Text")]
    pub marks: Option<String>,
    /// Status.
    pub status: BodyStatus,
}

/// Relations of the `unidentified_body` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `org_unit` referenced by `station_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::StationId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Station,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Station.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
