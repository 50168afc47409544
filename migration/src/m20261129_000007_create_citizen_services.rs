//! Citizen services: complaints, missing persons, unidentified bodies, proclaimed offenders.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{
    Complaint, CourtCase, Fir, MissingPerson, OrgUnit, Person, ProclaimedOffender, UnidentifiedBody,
};

/// Creates the tables `complaint`, `missing_person`, `unidentified_body`,
/// `proclaimed_offender`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Complaint::Table)
                    .col(big_pk_auto(Complaint::Id))
                    .col(string_uniq(Complaint::PetitionNumber))
                    .col(big_integer(Complaint::StationId))
                    .col(timestamp_with_time_zone(Complaint::ReceivedAt))
                    .col(string(Complaint::Channel))
                    .col(string(Complaint::Nature))
                    .col(big_integer_null(Complaint::ComplainantPersonId))
                    .col(string_null(Complaint::CitizenSub))
                    .col(text(Complaint::Description))
                    .col(string(Complaint::Status))
                    .col(big_integer_null(Complaint::FirId))
                    .col(text_null(Complaint::ClosureReason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_complaint_station_id")
                            .from(Complaint::Table, Complaint::StationId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_complaint_complainant_person_id")
                            .from(Complaint::Table, Complaint::ComplainantPersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_complaint_fir_id")
                            .from(Complaint::Table, Complaint::FirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_complaint_station_id")
                    .table(Complaint::Table)
                    .col(Complaint::StationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_complaint_complainant_person_id")
                    .table(Complaint::Table)
                    .col(Complaint::ComplainantPersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_complaint_fir_id")
                    .table(Complaint::Table)
                    .col(Complaint::FirId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_complaint_citizen_sub")
                    .table(Complaint::Table)
                    .col(Complaint::CitizenSub)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MissingPerson::Table)
                    .col(big_pk_auto(MissingPerson::Id))
                    .col(big_integer(MissingPerson::StationId))
                    .col(big_integer_null(MissingPerson::PersonId))
                    .col(string(MissingPerson::Name))
                    .col(string(MissingPerson::Sex))
                    .col(integer_null(MissingPerson::AgeYears))
                    .col(integer_null(MissingPerson::HeightCm))
                    .col(text_null(MissingPerson::Marks))
                    .col(timestamp_with_time_zone(MissingPerson::MissingSince))
                    .col(string_null(MissingPerson::LastSeenPlace))
                    .col(timestamp_with_time_zone(MissingPerson::ReportedAt))
                    .col(string(MissingPerson::Status))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_missing_person_station_id")
                            .from(MissingPerson::Table, MissingPerson::StationId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_missing_person_person_id")
                            .from(MissingPerson::Table, MissingPerson::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_missing_person_station_id")
                    .table(MissingPerson::Table)
                    .col(MissingPerson::StationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_missing_person_person_id")
                    .table(MissingPerson::Table)
                    .col(MissingPerson::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_missing_person_sex_status")
                    .table(MissingPerson::Table)
                    .col(MissingPerson::Sex)
                    .col(MissingPerson::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UnidentifiedBody::Table)
                    .col(big_pk_auto(UnidentifiedBody::Id))
                    .col(big_integer(UnidentifiedBody::StationId))
                    .col(timestamp_with_time_zone(UnidentifiedBody::FoundAt))
                    .col(string_null(UnidentifiedBody::Place))
                    .col(string(UnidentifiedBody::Sex))
                    .col(integer_null(UnidentifiedBody::AgeMin))
                    .col(integer_null(UnidentifiedBody::AgeMax))
                    .col(integer_null(UnidentifiedBody::HeightCm))
                    .col(text_null(UnidentifiedBody::Marks))
                    .col(string(UnidentifiedBody::Status))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unidentified_body_station_id")
                            .from(UnidentifiedBody::Table, UnidentifiedBody::StationId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_unidentified_body_station_id")
                    .table(UnidentifiedBody::Table)
                    .col(UnidentifiedBody::StationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_unidentified_body_sex_status")
                    .table(UnidentifiedBody::Table)
                    .col(UnidentifiedBody::Sex)
                    .col(UnidentifiedBody::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProclaimedOffender::Table)
                    .col(big_pk_auto(ProclaimedOffender::Id))
                    .col(big_integer(ProclaimedOffender::PersonId))
                    .col(big_integer_null(ProclaimedOffender::CourtCaseId))
                    .col(big_integer(ProclaimedOffender::CourtId))
                    .col(big_integer_null(ProclaimedOffender::FirId))
                    .col(timestamp_with_time_zone(ProclaimedOffender::ProclaimedAt))
                    .col(string(ProclaimedOffender::Status))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proclaimed_offender_person_id")
                            .from(ProclaimedOffender::Table, ProclaimedOffender::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proclaimed_offender_court_case_id")
                            .from(ProclaimedOffender::Table, ProclaimedOffender::CourtCaseId)
                            .to(CourtCase::Table, CourtCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proclaimed_offender_court_id")
                            .from(ProclaimedOffender::Table, ProclaimedOffender::CourtId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proclaimed_offender_fir_id")
                            .from(ProclaimedOffender::Table, ProclaimedOffender::FirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_proclaimed_offender_person_id")
                    .table(ProclaimedOffender::Table)
                    .col(ProclaimedOffender::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_proclaimed_offender_court_case_id")
                    .table(ProclaimedOffender::Table)
                    .col(ProclaimedOffender::CourtCaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_proclaimed_offender_court_id")
                    .table(ProclaimedOffender::Table)
                    .col(ProclaimedOffender::CourtId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_proclaimed_offender_fir_id")
                    .table(ProclaimedOffender::Table)
                    .col(ProclaimedOffender::FirId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProclaimedOffender::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(UnidentifiedBody::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(MissingPerson::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Complaint::Table).to_owned())
            .await?;
        Ok(())
    }
}
