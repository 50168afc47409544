use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::ArrestMode;

/// An arrest or surrender of an accused (IIF-III).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "arrest")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// The accused's role in the FIR.
    pub party_id: i64,
    /// The arrested person.
    pub person_id: i64,
    /// When the arrest was made.
    pub arrested_at: DateTimeUtc,
    /// Place of arrest.
    pub place: Option<String>,
    /// Mode of arrest or surrender.
    pub mode: ArrestMode,
    /// Arresting officer.
    pub arresting_officer_id: Option<i64>,
    /// Name (and relation) of the relative or friend informed of the arrest.
    pub relative_informed: Option<String>,
    /// When the relative or friend was informed.
    pub relative_informed_at: Option<DateTimeUtc>,
}

/// Relations of the `arrest` table.
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
    /// The `case_party` referenced by `party_id`.
    #[sea_orm(
        belongs_to = "super::case_party::Entity",
        from = "Column::PartyId",
        to = "super::case_party::Column::Id",
        on_delete = "Restrict"
    )]
    Party,
    /// The `person` referenced by `person_id`.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict"
    )]
    Person,
    /// The `officer` referenced by `arresting_officer_id`.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::ArrestingOfficerId",
        to = "super::officer::Column::Id",
        on_delete = "Restrict"
    )]
    ArrestingOfficer,
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl Related<super::case_party::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Party.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ArrestingOfficer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
