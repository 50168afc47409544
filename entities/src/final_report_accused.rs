use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An accused dealt with in a final report: charged or not charged.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "final_report_accused")]
pub struct Model {
    /// The final report.
    #[sea_orm(primary_key, auto_increment = false)]
    pub final_report_id: i64,
    /// The accused's role in the FIR.
    #[sea_orm(primary_key, auto_increment = false)]
    pub party_id: i64,
    /// Whether the accused is charged (sent up for trial).
    pub charged: bool,
}

/// Relations of the `final_report_accused` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `final_report` referenced by `final_report_id`.
    #[sea_orm(
        belongs_to = "super::final_report::Entity",
        from = "Column::FinalReportId",
        to = "super::final_report::Column::Id",
        on_delete = "Cascade"
    )]
    FinalReport,
    /// The `case_party` referenced by `party_id`.
    #[sea_orm(
        belongs_to = "super::case_party::Entity",
        from = "Column::PartyId",
        to = "super::case_party::Column::Id",
        on_delete = "Restrict"
    )]
    Party,
}

impl Related<super::final_report::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FinalReport.def()
    }
}

impl Related<super::case_party::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Party.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
