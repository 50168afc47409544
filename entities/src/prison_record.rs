use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{PrisonerCategory, ReleaseReason};

/// A prison record (e-Prisons): one admission of a person to a prison.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "prison_record")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Prisoner id, opaque and unique within the prison.
    pub prisoner_id: String,
    /// The prison.
    pub prison_id: i64,
    /// The person.
    pub person_id: i64,
    /// Linked court case.
    pub court_case_id: Option<i64>,
    /// Linked FIR.
    pub fir_id: Option<i64>,
    /// Category of prisoner.
    pub category: PrisonerCategory,
    /// When the prisoner was admitted.
    pub admitted_at: DateTimeUtc,
    /// Reference of the warrant of admission.
    pub warrant_ref: Option<String>,
    /// When the prisoner was released.
    pub released_at: Option<DateTimeUtc>,
    /// Reason for release.
    pub release_reason: Option<ReleaseReason>,
    /// When the prisoner escaped.
    pub escaped_at: Option<DateTimeUtc>,
}

/// Relations of the `prison_record` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `org_unit` referenced by `prison_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::PrisonId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Prison,
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
    /// The `fir` referenced by `fir_id`.
    #[sea_orm(
        belongs_to = "super::fir::Entity",
        from = "Column::FirId",
        to = "super::fir::Column::Id",
        on_delete = "Restrict"
    )]
    Fir,
    /// The `prison_movement` rows referencing this row by `prison_record_id`.
    #[sea_orm(has_many = "super::prison_movement::Entity")]
    PrisonMovement,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Prison.def()
    }
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

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl Related<super::prison_movement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PrisonMovement.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
