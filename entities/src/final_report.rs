use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::FinalReportKind;

/// A final report (IIF-V): charge-sheet or closure report.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "final_report")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// Kind of report.
    pub kind: FinalReportKind,
    /// Whether this is a supplementary report.
    pub supplementary: bool,
    /// When the report was filed.
    pub filed_at: DateTimeUtc,
    /// Officer who filed the report.
    pub filed_by_id: Option<i64>,
    /// Court the report was filed in.
    pub court_id: Option<i64>,
    /// Summary.
    #[sea_orm(column_type = "Text")]
    pub summary: Option<String>,
}

/// Relations of the `final_report` table.
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
    /// The `officer` referenced by `filed_by_id`.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::FiledById",
        to = "super::officer::Column::Id",
        on_delete = "Restrict"
    )]
    FiledBy,
    /// The `org_unit` referenced by `court_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::CourtId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Court,
    /// The `final_report_accused` rows referencing this row by `final_report_id`.
    #[sea_orm(has_many = "super::final_report_accused::Entity")]
    FinalReportAccused,
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FiledBy.def()
    }
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Court.def()
    }
}

impl Related<super::final_report_accused::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FinalReportAccused.def()
    }
}

impl Related<super::case_party::Entity> for Entity {
    fn to() -> RelationDef {
        super::final_report_accused::Relation::Party.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::final_report_accused::Relation::FinalReport
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
