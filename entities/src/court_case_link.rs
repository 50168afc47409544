use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Link between a court case and a police case it tries.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "court_case_link")]
pub struct Model {
    /// The court case.
    #[sea_orm(primary_key, auto_increment = false)]
    pub court_case_id: i64,
    /// The police case.
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_id: i64,
}

/// Relations of the `court_case_link` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `court_case` referenced by `court_case_id`.
    #[sea_orm(
        belongs_to = "super::court_case::Entity",
        from = "Column::CourtCaseId",
        to = "super::court_case::Column::Id",
        on_delete = "Cascade"
    )]
    CourtCase,
    /// The `police_case` referenced by `case_id`.
    #[sea_orm(
        belongs_to = "super::police_case::Entity",
        from = "Column::CaseId",
        to = "super::police_case::Column::Id",
        on_delete = "Cascade"
    )]
    Case,
}

impl Related<super::court_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtCase.def()
    }
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
