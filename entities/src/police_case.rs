use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::CaseStatus;

/// The investigation opened by an FIR.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "police_case")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The FIR.
    #[sea_orm(unique)]
    pub fir_id: i64,
    /// Owning police station.
    pub station_id: i64,
    /// Status.
    pub status: CaseStatus,
    /// Current investigating officer.
    pub io_id: Option<i64>,
    /// When the case was opened.
    pub opened_at: DateTimeUtc,
    /// When the status last changed.
    pub status_changed_at: DateTimeUtc,
}

/// Relations of the `police_case` table.
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
    /// The `org_unit` referenced by `station_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::StationId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Station,
    /// The `officer` referenced by `io_id`.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::IoId",
        to = "super::officer::Column::Id",
        on_delete = "Restrict"
    )]
    Io,
    /// The `io_assignment` rows referencing this row by `case_id`.
    #[sea_orm(has_many = "super::io_assignment::Entity")]
    IoAssignment,
    /// The `case_diary_entry` rows referencing this row by `case_id`.
    #[sea_orm(has_many = "super::case_diary_entry::Entity")]
    CaseDiaryEntry,
    /// The `arrest` rows referencing this row by `case_id`.
    #[sea_orm(has_many = "super::arrest::Entity")]
    Arrest,
    /// The `seizure` rows referencing this row by `case_id`.
    #[sea_orm(has_many = "super::seizure::Entity")]
    Seizure,
    /// The `final_report` rows referencing this row by `case_id`.
    #[sea_orm(has_many = "super::final_report::Entity")]
    FinalReport,
    /// The `court_case_link` rows referencing this row by `case_id`.
    #[sea_orm(has_many = "super::court_case_link::Entity")]
    CourtCaseLink,
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Station.def()
    }
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Io.def()
    }
}

impl Related<super::io_assignment::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::IoAssignment.def()
    }
}

impl Related<super::case_diary_entry::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CaseDiaryEntry.def()
    }
}

impl Related<super::arrest::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Arrest.def()
    }
}

impl Related<super::seizure::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Seizure.def()
    }
}

impl Related<super::final_report::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FinalReport.def()
    }
}

impl Related<super::court_case_link::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtCaseLink.def()
    }
}

impl Related<super::court_case::Entity> for Entity {
    fn to() -> RelationDef {
        super::court_case_link::Relation::CourtCase.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::court_case_link::Relation::Case.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
