use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::SeizureNature;

/// A seizure (IIF-IV).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "seizure")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// When the seizure was made.
    pub seized_at: DateTimeUtc,
    /// Place of seizure.
    pub place: Option<String>,
    /// Nature of the seizure.
    pub nature: SeizureNature,
    /// Seizing officer.
    pub seized_by_id: Option<i64>,
}

/// Relations of the `seizure` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `police_case` referenced by `case_id`.
    #[sea_orm(
        belongs_to = "super::police_case::Entity",
        from = "Column::CaseId",
        to = "super::police_case::Column::Id",
        on_delete = "Restrict"
    )]
    Case,
    /// The `officer` referenced by `seized_by_id`.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::SeizedById",
        to = "super::officer::Column::Id",
        on_delete = "Restrict"
    )]
    SeizedBy,
    /// The `property_item` rows referencing this row by `seizure_id`.
    #[sea_orm(has_many = "super::property_item::Entity")]
    PropertyItem,
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SeizedBy.def()
    }
}

impl Related<super::property_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PropertyItem.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
