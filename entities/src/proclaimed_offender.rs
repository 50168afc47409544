use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::OffenderStatus;

/// A proclaimed offender (court-declared absconder).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "proclaimed_offender")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The court case.
    pub court_case_id: Option<i64>,
    /// The proclaiming court.
    pub court_id: i64,
    /// The FIR.
    pub fir_id: Option<i64>,
    /// When the person was proclaimed.
    pub proclaimed_at: DateTimeUtc,
    /// Status.
    pub status: OffenderStatus,
}

/// Relations of the `proclaimed_offender` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `person` referenced by `person_id`.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict"
    )]
    Person,
    /// The `court_case` referenced by `court_case_id`.
    #[sea_orm(
        belongs_to = "super::court_case::Entity",
        from = "Column::CourtCaseId",
        to = "super::court_case::Column::Id",
        on_delete = "Restrict"
    )]
    CourtCase,
    /// The `org_unit` referenced by `court_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::CourtId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Court,
    /// The `fir` referenced by `fir_id`.
    #[sea_orm(
        belongs_to = "super::fir::Entity",
        from = "Column::FirId",
        to = "super::fir::Column::Id",
        on_delete = "Restrict"
    )]
    Fir,
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl Related<super::court_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtCase.def()
    }
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Court.def()
    }
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
