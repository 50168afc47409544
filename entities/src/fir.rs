use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::FirType;

/// A First Information Report (IIF-I): a legal document, never edited in place.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "fir")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Police station that registered the FIR.
    pub station_id: i64,
    /// Registration year (numbering restarts every year).
    pub year: i32,
    /// Serial number within the station and year.
    pub serial: i32,
    /// Type of FIR.
    pub fir_type: FirType,
    /// When the FIR was registered.
    pub registered_at: DateTimeUtc,
    /// When the information was received at the station.
    pub info_received_at: DateTimeUtc,
    /// Start of the occurrence.
    pub occurred_from: DateTimeUtc,
    /// End of the occurrence.
    pub occurred_to: Option<DateTimeUtc>,
    /// Place of occurrence.
    #[sea_orm(column_type = "Text")]
    pub place_address: Option<String>,
    /// Beat of the place of occurrence.
    pub place_beat: Option<String>,
    /// Latitude of the place of occurrence.
    pub place_lat: Option<f64>,
    /// Longitude of the place of occurrence.
    pub place_lon: Option<f64>,
    /// Reason for delay in reporting.
    #[sea_orm(column_type = "Text")]
    pub delay_reason: Option<String>,
    /// Contents of the information (narrative).
    #[sea_orm(column_type = "Text")]
    pub narrative: String,
    /// Total value of property involved, in rupees.
    pub property_value: Option<i64>,
    /// Officer who registered the FIR.
    pub registered_by_id: Option<i64>,
    /// Whether any charge protects the victim's identity (derived from the charges at write
    /// time).
    pub victim_identity_protected: bool,
    /// The ZERO FIR this FIR was created from by transfer.
    pub transferred_from_fir_id: Option<i64>,
    /// The FIR this (ZERO) FIR was transferred to.
    pub transferred_to_fir_id: Option<i64>,
    /// Number of the original ZERO FIR at the registering station (e.g. `0007/2025`), for a
    /// transferred FIR.
    pub original_number: Option<String>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
}

/// Relations of the `fir` table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The `org_unit` referenced by `station_id`.
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::StationId",
        to = "super::org_unit::Column::Id",
        on_delete = "Restrict"
    )]
    Station,
    /// The `officer` referenced by `registered_by_id`.
    #[sea_orm(
        belongs_to = "super::officer::Entity",
        from = "Column::RegisteredById",
        to = "super::officer::Column::Id",
        on_delete = "Restrict"
    )]
    RegisteredBy,
    /// The `fir` referenced by `transferred_from_fir_id`.
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::TransferredFromFirId",
        to = "Column::Id",
        on_delete = "NoAction"
    )]
    TransferredFromFir,
    /// The `fir` referenced by `transferred_to_fir_id`.
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::TransferredToFirId",
        to = "Column::Id",
        on_delete = "NoAction"
    )]
    TransferredToFir,
    /// The `fir_amendment` rows referencing this row by `fir_id`.
    #[sea_orm(has_many = "super::fir_amendment::Entity")]
    FirAmendment,
    /// The `charge` rows referencing this row by `fir_id`.
    #[sea_orm(has_many = "super::charge::Entity")]
    Charge,
    /// The `case_party` rows referencing this row by `fir_id`.
    #[sea_orm(has_many = "super::case_party::Entity")]
    CaseParty,
    /// The `police_case` row (at most one) referencing this row by `fir_id`.
    #[sea_orm(has_one = "super::police_case::Entity")]
    PoliceCase,
    /// The `property_item` rows referencing this row by `fir_id`.
    #[sea_orm(has_many = "super::property_item::Entity")]
    PropertyItem,
    /// The `prison_record` rows referencing this row by `fir_id`.
    #[sea_orm(has_many = "super::prison_record::Entity")]
    PrisonRecord,
    /// The `complaint` rows referencing this row by `fir_id`.
    #[sea_orm(has_many = "super::complaint::Entity")]
    Complaint,
    /// The `proclaimed_offender` rows referencing this row by `fir_id`.
    #[sea_orm(has_many = "super::proclaimed_offender::Entity")]
    ProclaimedOffender,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Station.def()
    }
}

impl Related<super::officer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RegisteredBy.def()
    }
}

impl Related<super::fir_amendment::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FirAmendment.def()
    }
}

impl Related<super::charge::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Charge.def()
    }
}

impl Related<super::case_party::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CaseParty.def()
    }
}

impl Related<super::police_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PoliceCase.def()
    }
}

impl Related<super::property_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PropertyItem.def()
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

impl Related<super::proclaimed_offender::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProclaimedOffender.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        super::case_party::Relation::Person.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::case_party::Relation::Fir.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
