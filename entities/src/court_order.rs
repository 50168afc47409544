use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::CourtOrderKind;

/// An order of a court in a court case.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "court_order")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The court case.
    pub court_case_id: i64,
    /// Kind of order.
    pub kind: CourtOrderKind,
    /// When the order was issued.
    pub issued_at: DateTimeUtc,
    /// Person the order is about (remand, bail, warrant, proclamation).
    pub person_id: Option<i64>,
    /// Text of the order.
    #[sea_orm(column_type = "Text")]
    pub text: String,
}

/// Relations of the `court_order` table.
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
    /// The `person` referenced by `person_id`.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict"
    )]
    Person,
}

impl Related<super::court_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtCase.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
