//! Investigation: cases, IO history, case diary, arrests, seizures, property, final reports.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{
    Arrest, CaseDiaryEntry, CaseParty, FinalReport, FinalReportAccused, Fir, IoAssignment, Officer,
    OrgUnit, Person, PoliceCase, PropertyItem, Seizure,
};

/// Creates the tables `police_case`, `io_assignment`, `case_diary_entry`, `arrest`, `seizure`,
/// `property_item`, `final_report`, `final_report_accused`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PoliceCase::Table)
                    .col(big_pk_auto(PoliceCase::Id))
                    .col(big_integer_uniq(PoliceCase::FirId))
                    .col(big_integer(PoliceCase::StationId))
                    .col(string(PoliceCase::Status))
                    .col(big_integer_null(PoliceCase::IoId))
                    .col(timestamp_with_time_zone(PoliceCase::OpenedAt))
                    .col(timestamp_with_time_zone(PoliceCase::StatusChangedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_police_case_fir_id")
                            .from(PoliceCase::Table, PoliceCase::FirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_police_case_station_id")
                            .from(PoliceCase::Table, PoliceCase::StationId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_police_case_io_id")
                            .from(PoliceCase::Table, PoliceCase::IoId)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_police_case_io_id")
                    .table(PoliceCase::Table)
                    .col(PoliceCase::IoId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_police_case_status")
                    .table(PoliceCase::Table)
                    .col(PoliceCase::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_police_case_station_id_status")
                    .table(PoliceCase::Table)
                    .col(PoliceCase::StationId)
                    .col(PoliceCase::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IoAssignment::Table)
                    .col(big_pk_auto(IoAssignment::Id))
                    .col(big_integer(IoAssignment::CaseId))
                    .col(big_integer(IoAssignment::OfficerId))
                    .col(big_integer_null(IoAssignment::AssignedById))
                    .col(timestamp_with_time_zone(IoAssignment::AssignedAt))
                    .col(timestamp_with_time_zone_null(IoAssignment::RelievedAt))
                    .col(text_null(IoAssignment::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_io_assignment_case_id")
                            .from(IoAssignment::Table, IoAssignment::CaseId)
                            .to(PoliceCase::Table, PoliceCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_io_assignment_officer_id")
                            .from(IoAssignment::Table, IoAssignment::OfficerId)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_io_assignment_assigned_by_id")
                            .from(IoAssignment::Table, IoAssignment::AssignedById)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_io_assignment_case_id")
                    .table(IoAssignment::Table)
                    .col(IoAssignment::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_io_assignment_officer_id")
                    .table(IoAssignment::Table)
                    .col(IoAssignment::OfficerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_io_assignment_assigned_by_id")
                    .table(IoAssignment::Table)
                    .col(IoAssignment::AssignedById)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseDiaryEntry::Table)
                    .col(big_pk_auto(CaseDiaryEntry::Id))
                    .col(big_integer(CaseDiaryEntry::CaseId))
                    .col(big_integer_null(CaseDiaryEntry::AuthorId))
                    .col(timestamp_with_time_zone(CaseDiaryEntry::EntryAt))
                    .col(text(CaseDiaryEntry::Content))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_diary_entry_case_id")
                            .from(CaseDiaryEntry::Table, CaseDiaryEntry::CaseId)
                            .to(PoliceCase::Table, PoliceCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_diary_entry_author_id")
                            .from(CaseDiaryEntry::Table, CaseDiaryEntry::AuthorId)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_diary_entry_case_id")
                    .table(CaseDiaryEntry::Table)
                    .col(CaseDiaryEntry::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_diary_entry_author_id")
                    .table(CaseDiaryEntry::Table)
                    .col(CaseDiaryEntry::AuthorId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Arrest::Table)
                    .col(big_pk_auto(Arrest::Id))
                    .col(big_integer(Arrest::CaseId))
                    .col(big_integer(Arrest::PartyId))
                    .col(big_integer(Arrest::PersonId))
                    .col(timestamp_with_time_zone(Arrest::ArrestedAt))
                    .col(string_null(Arrest::Place))
                    .col(string(Arrest::Mode))
                    .col(big_integer_null(Arrest::ArrestingOfficerId))
                    .col(string_null(Arrest::RelativeInformed))
                    .col(timestamp_with_time_zone_null(Arrest::RelativeInformedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_arrest_case_id")
                            .from(Arrest::Table, Arrest::CaseId)
                            .to(PoliceCase::Table, PoliceCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_arrest_party_id")
                            .from(Arrest::Table, Arrest::PartyId)
                            .to(CaseParty::Table, CaseParty::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_arrest_person_id")
                            .from(Arrest::Table, Arrest::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_arrest_arresting_officer_id")
                            .from(Arrest::Table, Arrest::ArrestingOfficerId)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_arrest_case_id")
                    .table(Arrest::Table)
                    .col(Arrest::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_arrest_party_id")
                    .table(Arrest::Table)
                    .col(Arrest::PartyId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_arrest_person_id")
                    .table(Arrest::Table)
                    .col(Arrest::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_arrest_arresting_officer_id")
                    .table(Arrest::Table)
                    .col(Arrest::ArrestingOfficerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_arrest_arrested_at")
                    .table(Arrest::Table)
                    .col(Arrest::ArrestedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Seizure::Table)
                    .col(big_pk_auto(Seizure::Id))
                    .col(big_integer(Seizure::CaseId))
                    .col(timestamp_with_time_zone(Seizure::SeizedAt))
                    .col(string_null(Seizure::Place))
                    .col(string(Seizure::Nature))
                    .col(big_integer_null(Seizure::SeizedById))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_seizure_case_id")
                            .from(Seizure::Table, Seizure::CaseId)
                            .to(PoliceCase::Table, PoliceCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_seizure_seized_by_id")
                            .from(Seizure::Table, Seizure::SeizedById)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_seizure_case_id")
                    .table(Seizure::Table)
                    .col(Seizure::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_seizure_seized_by_id")
                    .table(Seizure::Table)
                    .col(Seizure::SeizedById)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PropertyItem::Table)
                    .col(big_pk_auto(PropertyItem::Id))
                    .col(big_integer(PropertyItem::FirId))
                    .col(big_integer_null(PropertyItem::SeizureId))
                    .col(string(PropertyItem::Category))
                    .col(text(PropertyItem::Description))
                    .col(big_integer_null(PropertyItem::Value))
                    .col(string(PropertyItem::Status))
                    .col(string_null(PropertyItem::RegistrationNumber))
                    .col(string_null(PropertyItem::RegistrationNormalized))
                    .col(string_null(PropertyItem::ChassisNumber))
                    .col(string_null(PropertyItem::EngineNumber))
                    .col(string_null(PropertyItem::Imei))
                    .col(string_null(PropertyItem::ArmSerial))
                    .col(string_null(PropertyItem::Make))
                    .col(string_null(PropertyItem::Model))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_property_item_fir_id")
                            .from(PropertyItem::Table, PropertyItem::FirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_property_item_seizure_id")
                            .from(PropertyItem::Table, PropertyItem::SeizureId)
                            .to(Seizure::Table, Seizure::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_property_item_fir_id")
                    .table(PropertyItem::Table)
                    .col(PropertyItem::FirId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_property_item_seizure_id")
                    .table(PropertyItem::Table)
                    .col(PropertyItem::SeizureId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_property_item_registration_normalized")
                    .table(PropertyItem::Table)
                    .col(PropertyItem::RegistrationNormalized)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_property_item_chassis_number")
                    .table(PropertyItem::Table)
                    .col(PropertyItem::ChassisNumber)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_property_item_engine_number")
                    .table(PropertyItem::Table)
                    .col(PropertyItem::EngineNumber)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_property_item_imei")
                    .table(PropertyItem::Table)
                    .col(PropertyItem::Imei)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_property_item_arm_serial")
                    .table(PropertyItem::Table)
                    .col(PropertyItem::ArmSerial)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FinalReport::Table)
                    .col(big_pk_auto(FinalReport::Id))
                    .col(big_integer(FinalReport::CaseId))
                    .col(string(FinalReport::Kind))
                    .col(boolean(FinalReport::Supplementary).default(false))
                    .col(timestamp_with_time_zone(FinalReport::FiledAt))
                    .col(big_integer_null(FinalReport::FiledById))
                    .col(big_integer_null(FinalReport::CourtId))
                    .col(text_null(FinalReport::Summary))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_final_report_case_id")
                            .from(FinalReport::Table, FinalReport::CaseId)
                            .to(PoliceCase::Table, PoliceCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_final_report_filed_by_id")
                            .from(FinalReport::Table, FinalReport::FiledById)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_final_report_court_id")
                            .from(FinalReport::Table, FinalReport::CourtId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_final_report_case_id")
                    .table(FinalReport::Table)
                    .col(FinalReport::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_final_report_filed_by_id")
                    .table(FinalReport::Table)
                    .col(FinalReport::FiledById)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_final_report_court_id")
                    .table(FinalReport::Table)
                    .col(FinalReport::CourtId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FinalReportAccused::Table)
                    .col(big_integer(FinalReportAccused::FinalReportId))
                    .col(big_integer(FinalReportAccused::PartyId))
                    .col(boolean(FinalReportAccused::Charged))
                    .primary_key(
                        Index::create()
                            .col(FinalReportAccused::FinalReportId)
                            .col(FinalReportAccused::PartyId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_final_report_accused_final_report_id")
                            .from(FinalReportAccused::Table, FinalReportAccused::FinalReportId)
                            .to(FinalReport::Table, FinalReport::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_final_report_accused_party_id")
                            .from(FinalReportAccused::Table, FinalReportAccused::PartyId)
                            .to(CaseParty::Table, CaseParty::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_final_report_accused_party_id")
                    .table(FinalReportAccused::Table)
                    .col(FinalReportAccused::PartyId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FinalReportAccused::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(FinalReport::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PropertyItem::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Seizure::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Arrest::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CaseDiaryEntry::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(IoAssignment::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PoliceCase::Table).to_owned())
            .await?;
        Ok(())
    }
}
