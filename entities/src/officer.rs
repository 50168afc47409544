use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{Rank, Sex};

/// A police officer posted to a unit.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "officer")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Unit of posting.
    pub unit_id: i64,
    /// Login identifier: the `sub` claim of the officer's token.
    #[sea_orm(unique)]
    pub login_id: String,
    /// Full name.
    pub name: String,
    /// Rank.
    pub rank: Rank,
    /// Belt (buckle) number.
    pub belt_number: Option<String>,
    /// Sex.
    pub sex: Sex,
    /// Whether the officer is in service.
    pub active: bool,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// Relations of the `officer` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `org_unit` referenced by `unit_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::UnitId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
    /// The `fir` rows referencing this row by `registered_by_id`.
    #[sea_orm(has_many = "super::fir::Entity")]
    Fir,
    /// The `fir_amendment` rows referencing this row by `amended_by_id`.
    #[sea_orm(has_many = "super::fir_amendment::Entity")]
    FirAmendment,
    /// The `police_case` rows referencing this row by `io_id`.
    #[sea_orm(has_many = "super::police_case::Entity")]
    PoliceCase,
    /// The `io_assignment` rows referencing this row by `officer_id`.
    #[sea_orm(has_many = "super::io_assignment::Entity")]
    IoAssignmentOfficer,
    /// The `io_assignment` rows referencing this row by `assigned_by_id`.
    #[sea_orm(
        has_many = "super::io_assignment::Entity",
        via_rel = "Relation::AssignedBy"
    )]
    IoAssignmentAssignedBy,
    /// The `case_diary_entry` rows referencing this row by `author_id`.
    #[sea_orm(has_many = "super::case_diary_entry::Entity")]
    CaseDiaryEntry,
    /// The `arrest` rows referencing this row by `arresting_officer_id`.
    #[sea_orm(has_many = "super::arrest::Entity")]
    Arrest,
    /// The `seizure` rows referencing this row by `seized_by_id`.
    #[sea_orm(has_many = "super::seizure::Entity")]
    Seizure,
    /// The `final_report` rows referencing this row by `filed_by_id`.
    #[sea_orm(has_many = "super::final_report::Entity")]
    FinalReport,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl Related<super::fir_amendment::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FirAmendment.def()
    }
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PoliceCase.def()
    }
}

impl Related<super::io_assignment::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::IoAssignmentOfficer.def()
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

impl ActiveModelBehavior for ActiveModel {}
