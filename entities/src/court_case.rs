use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A court case (e-Courts), identified by its CNR.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "court_case")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Case Number Record: 16 alphanumerics, permanent.
    #[sea_orm(column_type = "String(StringLen::N(16))", unique)]
    pub cnr: String,
    /// The court.
    pub court_id: i64,
    /// Case type (e.g. `SC`, `CC`).
    pub case_type: String,
    /// Case number.
    pub case_number: i32,
    /// Case year.
    pub case_year: i32,
    /// Current stage.
    pub stage: String,
    /// When the case was filed.
    pub filed_at: DateTimeUtc,
}

/// Relations of the `court_case` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `org_unit` referenced by `court_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::CourtId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Court,
    /// The `court_case_link` rows referencing this row by `court_case_id`.
    #[sea_orm(has_many = "super::court_case_link::Entity")]
    CourtCaseLink,
    /// The `hearing` rows referencing this row by `court_case_id`.
    #[sea_orm(has_many = "super::hearing::Entity")]
    Hearing,
    /// The `court_order` rows referencing this row by `court_case_id`.
    #[sea_orm(has_many = "super::court_order::Entity")]
    CourtOrder,
    /// The `disposal` rows referencing this row by `court_case_id`.
    #[sea_orm(has_many = "super::disposal::Entity")]
    Disposal,
    /// The `prison_record` rows referencing this row by `court_case_id`.
    #[sea_orm(has_many = "super::prison_record::Entity")]
    PrisonRecord,
    /// The `proclaimed_offender` rows referencing this row by `court_case_id`.
    #[sea_orm(has_many = "super::proclaimed_offender::Entity")]
    ProclaimedOffender,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Court.def()
    }
}

impl Related<super::court_case_link::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtCaseLink.def()
    }
}

impl Related<super::hearing::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Hearing.def()
    }
}

impl Related<super::court_order::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourtOrder.def()
    }
}

impl Related<super::disposal::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Disposal.def()
    }
}

impl Related<super::prison_record::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PrisonRecord.def()
    }
}

impl Related<super::proclaimed_offender::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProclaimedOffender.def()
    }
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        super::court_case_link::Relation::Case.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::court_case_link::Relation::CourtCase.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
