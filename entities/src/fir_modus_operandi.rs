use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A way of committing the crime recorded on an FIR ([`super::modus_operandi`]).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "fir_modus_operandi")]
pub struct Model {
    /// The FIR.
    #[sea_orm(primary_key, auto_increment = false)]
    pub fir_id: i64,
    /// The catalogue code.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
}

/// Relations of the `fir_modus_operandi` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The FIR.
    #[sea_orm(
        belongs_to = "super::fir::Entity",
        from = "Column::FirId",
        to = "super::fir::Column::Id",
        on_delete = "Cascade"
    )]
    Fir,
    /// The catalogue entry.
    #[sea_orm(
        belongs_to = "super::modus_operandi::Entity",
        from = "Column::Code",
        to = "super::modus_operandi::Column::Code",
        on_delete = "Restrict"
    )]
    ModusOperandi,
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl Related<super::modus_operandi::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ModusOperandi.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
