use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An amendment (correction) of a registered FIR: who, when, what, why.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "fir_amendment")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The amended FIR.
    pub fir_id: i64,
    /// Officer who made the amendment.
    pub amended_by_id: Option<i64>,
    /// When the amendment was made.
    pub amended_at: DateTimeUtc,
    /// Name of the amended field (e.g. `occurred_from`, `charges`).
    pub field: String,
    /// Value before the amendment.
    #[sea_orm(column_type = "Text")]
    pub old_value: Option<String>,
    /// Value after the amendment.
    #[sea_orm(column_type = "Text")]
    pub new_value: Option<String>,
    /// Reason for the amendment.
    #[sea_orm(column_type = "Text")]
    pub reason: String,
}

/// Relations of the `fir_amendment` table.
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
    /// The `officer` referenced by `amended_by_id`.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::AmendedById",
        to = "super::officer::Column::Id",
        on_delete = "Restrict"
    )]
    AmendedBy,
    /// The `charge` rows referencing this row by `added_by_amendment_id`.
    #[sea_orm(has_many = "super::charge::Entity")]
    Charge,
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AmendedBy.def()
    }
}

impl Related<super::charge::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Charge.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
