use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Sex;

/// A resolved person identity, who may play roles in many FIRs across stations.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Name as recorded.
    pub name: String,
    /// Lower-case, ASCII-folded name for search.
    pub name_normalized: String,
    /// Sex.
    pub sex: Sex,
    /// Year of birth, when only that is known.
    pub birth_year: Option<i32>,
    /// Date of birth.
    pub birth_date: Option<Date>,
    /// Name of father, mother, husband or guardian.
    pub relative_name: Option<String>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// Relations of the `person` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `person_alias` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::person_alias::Entity")]
    PersonAlias,
    /// The `person_address` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::person_address::Entity")]
    PersonAddress,
    /// The `person_phone` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::person_phone::Entity")]
    PersonPhone,
    /// The `person_identity` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::person_identity::Entity")]
    PersonIdentity,
    /// The `case_party` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::case_party::Entity")]
    CaseParty,
    /// The `arrest` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::arrest::Entity")]
    Arrest,
    /// The `court_order` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::court_order::Entity")]
    CourtOrder,
    /// The `prison_record` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::prison_record::Entity")]
    PrisonRecord,
    /// The `complaint` rows referencing this row by `complainant_person_id`.
    #[sea_orm(has_many = "super::complaint::Entity")]
    Complaint,
    /// The `missing_person` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::missing_person::Entity")]
    MissingPerson,
    /// The `proclaimed_offender` rows referencing this row by `person_id`.
    #[sea_orm(has_many = "super::proclaimed_offender::Entity")]
    ProclaimedOffender,
}

impl Related<super::person_alias::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PersonAlias.def()
    }
}

impl Related<super::person_address::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PersonAddress.def()
    }
}

impl Related<super::person_phone::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PersonPhone.def()
    }
}

impl Related<super::person_identity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PersonIdentity.def()
    }
}

impl Related<super::case_party::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CaseParty.def()
    }
}

impl Related<super::arrest::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Arrest.def()
    }
}

impl Related<super::court_order::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtOrder.def()
    }
}

impl Related<super::prison_record::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PrisonRecord.def()
    }
}

impl Related<super::complaint::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Complaint.def()
    }
}

impl Related<super::missing_person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MissingPerson.def()
    }
}

impl Related<super::proclaimed_offender::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProclaimedOffender.def()
    }
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        super::case_party::Relation::Fir.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::case_party::Relation::Person.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
