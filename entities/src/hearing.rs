use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A hearing of a court case.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "hearing")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The court case.
    pub court_case_id: i64,
    /// Date of the hearing.
    pub date: Date,
    /// Purpose (e.g. `EVIDENCE`, `ARGUMENTS`).
    pub purpose: String,
    /// Outcome.
    pub outcome: Option<String>,
    /// Next date fixed.
    pub next_date: Option<Date>,
}

/// Relations of the `hearing` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `court_case` referenced by `court_case_id`.
    #[sea_orm(
        belongs_to = "super::court_case::Entity",
        from = "Column::CourtCaseId",
        to = "super::court_case::Column::Id",
        on_delete = "Restrict"
    )]
    CourtCase,
}

impl Related<super::court_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtCase.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
