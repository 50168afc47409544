use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::PartyRole;

/// A role a person plays in an FIR (a person may hold several roles in one FIR).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "case_party")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The FIR.
    pub fir_id: i64,
    /// The person.
    pub person_id: i64,
    /// Role.
    pub role: PartyRole,
    /// Code of an accused within the FIR (`A1`, `A2`, ...).
    pub accused_code: Option<String>,
    /// Age in years at the date of the offence.
    pub age_at_offence: Option<i32>,
    /// Whether the person was under 18 at the date of the offence.
    pub juvenile: bool,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// Relations of the `case_party` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `fir` referenced by `fir_id`.
    #[sea_orm(
        belongs_to = "super::fir::Entity",
        from = "Column::FirId",
        to = "super::fir::Column::Id",
        on_delete = "Cascade"
    )]
    Fir,
    /// The `person` referenced by `person_id`.
    #[sea_orm(
        belongs_to = "super::person::Entity",
        from = "Column::PersonId",
        to = "super::person::Column::Id",
        on_delete = "Restrict"
    )]
    Person,
    /// The `arrest` rows referencing this row by `party_id`.
    #[sea_orm(has_many = "super::arrest::Entity")]
    Arrest,
    /// The `final_report_accused` rows referencing this row by `party_id`.
    #[sea_orm(has_many = "super::final_report_accused::Entity")]
    FinalReportAccused,
    /// The `disposal` rows referencing this row by `party_id`.
    #[sea_orm(has_many = "super::disposal::Entity")]
    Disposal,
}

impl Related<super::fir::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fir.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl Related<super::arrest::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Arrest.def()
    }
}

impl Related<super::final_report_accused::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FinalReportAccused.def()
    }
}

impl Related<super::disposal::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Disposal.def()
    }
}

impl Related<super::final_report::Entity> for Entity {
    fn to() -> RelationDef {
        super::final_report_accused::Relation::FinalReport.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::final_report_accused::Relation::Party.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
