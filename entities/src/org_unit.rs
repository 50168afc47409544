use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::UnitKind;

/// An organisational unit: a node of the tree national → state → district → sub-division →
/// police station, or a court, prison, forensic lab or prosecution office.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "org_unit")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Stable unit code (e.g. `MH-PUN-PS001`).
    #[sea_orm(unique)]
    pub code: String,
    /// Display name.
    pub name: String,
    /// Kind of unit.
    pub kind: UnitKind,
    /// Parent unit; `None` for the national root.
    pub parent_id: Option<i64>,
    /// Materialised path of codes from the root, with leading and trailing slash (e.g.
    /// `/IN/MH/MH-PUN/MH-PUN-PS001/`): a unit is inside another when its path starts with the
    /// other's.
    pub path: String,
    /// Depth in the tree (root = 0).
    pub depth: i32,
    /// Postal address.
    #[sea_orm(column_type = "Text")]
    pub address: Option<String>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// Relations of the `org_unit` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `org_unit` referenced by `parent_id`.
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "NoAction"
    )]
    Parent,
    /// Units whose `parent_id` is this unit.
    #[sea_orm(has_many = "Entity", via_rel = "Relation::Parent")]
    Children,
    /// The `officer` rows referencing this row by `unit_id`.
    #[sea_orm(has_many = "super::officer::Entity")]
    Officer,
    /// The `fir` rows referencing this row by `station_id`.
    #[sea_orm(has_many = "super::fir::Entity")]
    Fir,
    /// The `fir_serial_counter` rows referencing this row by `station_id`.
    #[sea_orm(has_many = "super::fir_serial_counter::Entity")]
    FirSerialCounter,
    /// The `police_case` rows referencing this row by `station_id`.
    #[sea_orm(has_many = "super::police_case::Entity")]
    PoliceCase,
    /// The `final_report` rows referencing this row by `court_id`.
    #[sea_orm(has_many = "super::final_report::Entity")]
    FinalReport,
    /// The `court_case` rows referencing this row by `court_id`.
    #[sea_orm(has_many = "super::court_case::Entity")]
    CourtCase,
    /// The `prison_record` rows referencing this row by `prison_id`.
    #[sea_orm(has_many = "super::prison_record::Entity")]
    PrisonRecord,
    /// The `prison_movement` rows referencing this row by `destination_unit_id`.
    #[sea_orm(has_many = "super::prison_movement::Entity")]
    PrisonMovement,
    /// The `complaint` rows referencing this row by `station_id`.
    #[sea_orm(has_many = "super::complaint::Entity")]
    Complaint,
    /// The `missing_person` rows referencing this row by `station_id`.
    #[sea_orm(has_many = "super::missing_person::Entity")]
    MissingPerson,
    /// The `unidentified_body` rows referencing this row by `station_id`.
    #[sea_orm(has_many = "super::unidentified_body::Entity")]
    UnidentifiedBody,
    /// The `proclaimed_offender` rows referencing this row by `court_id`.
    #[sea_orm(has_many = "super::proclaimed_offender::Entity")]
    ProclaimedOffender,
    /// The `domain_event` rows referencing this row by `unit_id`.
    #[sea_orm(has_many = "super::domain_event::Entity")]
    DomainEvent,
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Officer.def()
    }
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl Related<super::fir_serial_counter::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FirSerialCounter.def()
    }
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PoliceCase.def()
    }
}

impl Related<super::final_report::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FinalReport.def()
    }
}

impl Related<super::court_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtCase.def()
    }
}

impl Related<super::prison_record::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PrisonRecord.def()
    }
}

impl Related<super::prison_movement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PrisonMovement.def()
    }
}

impl Related<super::complaint::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Complaint.def()
    }
}

impl Related<super::missing_person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MissingPerson.def()
    }
}

impl Related<super::unidentified_body::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::UnidentifiedBody.def()
    }
}

impl Related<super::proclaimed_offender::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProclaimedOffender.def()
    }
}

impl Related<super::domain_event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DomainEvent.def()
    }
}

/// Link from a unit to its parent unit (`parent_id`), for `find_linked`.
#[derive(Clone, Copy, Debug)]
pub struct ParentUnit;

impl Linked for ParentUnit {
    type FromEntity = Entity;
    type ToEntity = Entity;

    fn link(&self) -> Vec<RelationDef> {
        vec![Relation::Parent.def()]
    }
}

impl ActiveModelBehavior for ActiveModel {}
