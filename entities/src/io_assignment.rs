use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An assignment of an investigating officer to a case (IO history).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "io_assignment")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// The investigating officer.
    pub officer_id: i64,
    /// Officer who made the assignment.
    pub assigned_by_id: Option<i64>,
    /// When the officer was assigned.
    pub assigned_at: DateTimeUtc,
    /// When the officer was relieved.
    pub relieved_at: Option<DateTimeUtc>,
    /// Reason for the assignment or change.
    #[sea_orm(column_type = "Text")]
    pub reason: Option<String>,
}

/// Relations of the `io_assignment` table.
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
    /// The `officer` referenced by `officer_id`.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::OfficerId",
        to = "super::officer::Column::Id",
        on_delete = "Restrict"
    )]
    Officer,
    /// The `officer` referenced by `assigned_by_id`.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::AssignedById",
        to = "super::officer::Column::Id",
        on_delete = "Restrict"
    )]
    AssignedBy,
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Officer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
