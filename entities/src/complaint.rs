use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{ComplaintChannel, ComplaintStatus};

/// A complaint (petition) received at a station.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "complaint")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Petition number.
    #[sea_orm(unique)]
    pub petition_number: String,
    /// Police station.
    pub station_id: i64,
    /// When the complaint was received.
    pub received_at: DateTimeUtc,
    /// Channel.
    pub channel: ComplaintChannel,
    /// Nature of the complaint.
    pub nature: String,
    /// The complainant, when resolved to a person.
    pub complainant_person_id: Option<i64>,
    /// Login (`sub`) of the citizen who filed it online.
    pub citizen_sub: Option<String>,
    /// Description.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Status.
    pub status: ComplaintStatus,
    /// The FIR the complaint was converted to.
    pub fir_id: Option<i64>,
    /// Reason for closure.
    #[sea_orm(column_type = "Text")]
    pub closure_reason: Option<String>,
}

/// Relations of the `complaint` table.
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
    /// The `person` referenced by `complainant_person_id`.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::ComplainantPersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict"
    )]
    ComplainantPerson,
    /// The `fir` referenced by `fir_id`.
    #[sea_orm(
        belongs_to = "super::fir::Entity",
        from = "Column::FirId",
        to = "super::fir::Column::Id",
        on_delete = "Restrict"
    )]
    Fir,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Station.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ComplainantPerson.def()
    }
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
