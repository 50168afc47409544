use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Act;

/// A charge (act and section) in an FIR, as registered or as altered.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "charge")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The FIR.
    pub fir_id: i64,
    /// Catalogue entry; `None` for sections (e.g. of local acts) not in the catalogue.
    pub statute_id: Option<i64>,
    /// Act as registered.
    pub act: Act,
    /// Section as registered (e.g. `303(2)`).
    pub section: String,
    /// Order of the charge within the FIR.
    pub position: i32,
    /// When the charge was added.
    pub added_at: DateTimeUtc,
    /// When the charge was removed by alteration.
    pub removed_at: Option<DateTimeUtc>,
    /// Amendment that added the charge (altered charges).
    pub added_by_amendment_id: Option<i64>,
    /// Name of the state or local act, for charges under `LOCAL`.
    pub local_act: Option<String>,
}

/// Relations of the `charge` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `fir` referenced by `fir_id`.
    #[sea_orm(
        belongs_to = "super::fir::Entity",
        from = "Column::FirId",
        to = "super::fir::Column::Id",
        on_delete = "Cascade"
    )]
    Fir,
    /// The `statute` referenced by `statute_id`.
    #[sea_orm(
        belongs_to = "super::statute::Entity",
        from = "Column::StatuteId",
        to = "super::statute::Column::Id",
        on_delete = "Restrict"
    )]
    Statute,
    /// The `fir_amendment` referenced by `added_by_amendment_id`.
    #[sea_orm(
        belongs_to = "super::fir_amendment::Entity",
        from = "Column::AddedByAmendmentId",
        to = "super::fir_amendment::Column::Id",
        on_delete = "Restrict"
    )]
    AddedByAmendment,
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl Related<super::statute::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Statute.def()
    }
}

impl Related<super::fir_amendment::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AddedByAmendment.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
