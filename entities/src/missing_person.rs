use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{MissingStatus, Sex};

/// A missing-person report.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "missing_person")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Police station.
    pub station_id: i64,
    /// The person, when resolved.
    pub person_id: Option<i64>,
    /// Name.
    pub name: String,
    /// Sex.
    pub sex: Sex,
    /// Age in years.
    pub age_years: Option<i32>,
    /// Height in centimetres.
    pub height_cm: Option<i32>,
    /// Identification marks.
    #[sea_orm(column_type = "Text")]
    pub marks: Option<String>,
    /// Missing since.
    pub missing_since: DateTimeUtc,
    /// Place last seen.
    pub last_seen_place: Option<String>,
    /// When the report was made.
    pub reported_at: DateTimeUtc,
    /// Status.
    pub status: MissingStatus,
}

/// Relations of the `missing_person` table.
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
    /// The `person` referenced by `person_id`.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict"
    )]
    Person,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Station.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
