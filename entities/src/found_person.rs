use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{FoundStatus, Sex};

/// A living person found by the police who cannot (or cannot yet) say who they are or
/// where they belong: a lost child, an elderly person wandering, a person in distress.
/// Published so that missing-person reports anywhere can be matched against them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "found_person")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The police station that found them or took charge of them.
    pub station_id: i64,
    /// When found.
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
    /// Identification marks, clothing, language spoken.
    #[sea_orm(column_type = "Text")]
    pub marks: Option<String>,
    /// The name they give, if any (shown to police only).
    pub name_given: Option<String>,
    /// Where they are cared for (a shelter or children's home), if placed.
    pub placed_with: Option<String>,
    /// In care, or restored to their family.
    pub status: FoundStatus,
}

/// Relations of the `found_person` table.
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
