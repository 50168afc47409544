use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::DisposalResult;

/// Per-accused disposal of a court case.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "disposal")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The court case.
    pub court_case_id: i64,
    /// The accused's role in the FIR.
    pub party_id: i64,
    /// Result.
    pub result: DisposalResult,
    /// Sentence, if convicted.
    #[sea_orm(column_type = "Text")]
    pub sentence: Option<String>,
    /// When the decision was given.
    pub decided_at: DateTimeUtc,
}

/// Relations of the `disposal` table.
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
    /// The `case_party` referenced by `party_id`.
    #[sea_orm(
        belongs_to = "super::case_party::Entity",
        from = "Column::PartyId",
        to = "super::case_party::Column::Id",
        on_delete = "Restrict"
    )]
    Party,
}

impl Related<super::court_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtCase.def()
    }
}

impl Related<super::case_party::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Party.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
