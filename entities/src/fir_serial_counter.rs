use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Last FIR serial issued per station per year (updated in the FIR write transaction).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "fir_serial_counter")]
pub struct Model {
    /// Police station.
    #[sea_orm(primary_key, auto_increment = false)]
    pub station_id: i64,
    /// Year.
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// Last serial issued.
    pub last_serial: i32,
}

/// Relations of the `fir_serial_counter` table.
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
