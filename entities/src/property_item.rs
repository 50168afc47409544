use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{PropertyCategory, PropertyStatus};

/// A property item: stolen, recovered, seized or returned.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "property_item")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The FIR.
    pub fir_id: i64,
    /// Seizure in which the item was seized.
    pub seizure_id: Option<i64>,
    /// Category.
    pub category: PropertyCategory,
    /// Description.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Value in rupees.
    pub value: Option<i64>,
    /// Status.
    pub status: PropertyStatus,
    /// Vehicle registration number as recorded.
    pub registration_number: Option<String>,
    /// Vehicle registration number, upper-case without spaces or dashes, for search.
    pub registration_normalized: Option<String>,
    /// Vehicle chassis number.
    pub chassis_number: Option<String>,
    /// Vehicle engine number.
    pub engine_number: Option<String>,
    /// Mobile IMEI.
    pub imei: Option<String>,
    /// Serial number of an arm.
    pub arm_serial: Option<String>,
    /// Make.
    pub make: Option<String>,
    /// Model.
    pub model: Option<String>,
}

/// Relations of the `property_item` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `fir` referenced by `fir_id`.
    #[sea_orm(
        belongs_to = "super::fir::Entity",
        from = "Column::FirId",
        to = "super::fir::Column::Id",
        on_delete = "Restrict"
    )]
    Fir,
    /// The `seizure` referenced by `seizure_id`.
    #[sea_orm(
        belongs_to = "super::seizure::Entity",
        from = "Column::SeizureId",
        to = "super::seizure::Column::Id",
        on_delete = "Restrict"
    )]
    Seizure,
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl Related<super::seizure::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Seizure.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
