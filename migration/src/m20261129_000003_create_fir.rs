//! Statute catalogue, FIRs, serial counters, amendments, charges and case parties.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{
    CaseParty, Charge, Fir, FirAmendment, FirSerialCounter, Officer, OrgUnit, Person, Statute,
    StatuteEquivalent,
};

/// Creates the tables `statute`, `statute_equivalent`, `fir`, `fir_serial_counter`,
/// `fir_amendment`, `charge`, `case_party`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Statute::Table)
                    .col(big_pk_auto(Statute::Id))
                    .col(string(Statute::Act))
                    .col(string(Statute::Section))
                    .col(string(Statute::Title))
                    .col(string(Statute::CrimeHead))
                    .col(boolean(Statute::VictimIdentityProtected).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_statute_act_section")
                    .table(Statute::Table)
                    .col(Statute::Act)
                    .col(Statute::Section)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StatuteEquivalent::Table)
                    .col(big_integer(StatuteEquivalent::StatuteId))
                    .col(big_integer(StatuteEquivalent::EquivalentId))
                    .primary_key(
                        Index::create()
                            .col(StatuteEquivalent::StatuteId)
                            .col(StatuteEquivalent::EquivalentId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_statute_equivalent_statute_id")
                            .from(StatuteEquivalent::Table, StatuteEquivalent::StatuteId)
                            .to(Statute::Table, Statute::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_statute_equivalent_equivalent_id")
                            .from(StatuteEquivalent::Table, StatuteEquivalent::EquivalentId)
                            .to(Statute::Table, Statute::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_statute_equivalent_equivalent_id")
                    .table(StatuteEquivalent::Table)
                    .col(StatuteEquivalent::EquivalentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Fir::Table)
                    .col(big_pk_auto(Fir::Id))
                    .col(big_integer(Fir::StationId))
                    .col(integer(Fir::Year))
                    .col(integer(Fir::Serial))
                    .col(string(Fir::FirType))
                    .col(timestamp_with_time_zone(Fir::RegisteredAt))
                    .col(timestamp_with_time_zone(Fir::InfoReceivedAt))
                    .col(timestamp_with_time_zone(Fir::OccurredFrom))
                    .col(timestamp_with_time_zone_null(Fir::OccurredTo))
                    .col(text_null(Fir::PlaceAddress))
                    .col(string_null(Fir::PlaceBeat))
                    .col(double_null(Fir::PlaceLat))
                    .col(double_null(Fir::PlaceLon))
                    .col(text_null(Fir::DelayReason))
                    .col(text(Fir::Narrative))
                    .col(big_integer_null(Fir::PropertyValue))
                    .col(big_integer_null(Fir::RegisteredById))
                    .col(boolean(Fir::VictimIdentityProtected).default(false))
                    .col(big_integer_null(Fir::TransferredFromFirId))
                    .col(big_integer_null(Fir::TransferredToFirId))
                    .col(string_null(Fir::OriginalNumber))
                    .col(timestamp_with_time_zone_default_now(Fir::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fir_station_id")
                            .from(Fir::Table, Fir::StationId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fir_registered_by_id")
                            .from(Fir::Table, Fir::RegisteredById)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fir_transferred_from_fir_id")
                            .from(Fir::Table, Fir::TransferredFromFirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::NoAction),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fir_transferred_to_fir_id")
                            .from(Fir::Table, Fir::TransferredToFirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::NoAction),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_fir_station_year_serial")
                    .table(Fir::Table)
                    .col(Fir::StationId)
                    .col(Fir::Year)
                    .col(Fir::Serial)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_registered_by_id")
                    .table(Fir::Table)
                    .col(Fir::RegisteredById)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_transferred_from_fir_id")
                    .table(Fir::Table)
                    .col(Fir::TransferredFromFirId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_transferred_to_fir_id")
                    .table(Fir::Table)
                    .col(Fir::TransferredToFirId)
                    .to_owned(),
            )
            .await?;
        // Serves per-station pagination, newest first: one index range per station.
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_station_id_id")
                    .table(Fir::Table)
                    .col(Fir::StationId)
                    .col(Fir::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_registered_at")
                    .table(Fir::Table)
                    .col(Fir::RegisteredAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_year")
                    .table(Fir::Table)
                    .col(Fir::Year)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_station_id_registered_at")
                    .table(Fir::Table)
                    .col(Fir::StationId)
                    .col(Fir::RegisteredAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FirSerialCounter::Table)
                    .col(big_integer(FirSerialCounter::StationId))
                    .col(integer(FirSerialCounter::Year))
                    .col(integer(FirSerialCounter::LastSerial))
                    .primary_key(
                        Index::create()
                            .col(FirSerialCounter::StationId)
                            .col(FirSerialCounter::Year),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fir_serial_counter_station_id")
                            .from(FirSerialCounter::Table, FirSerialCounter::StationId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FirAmendment::Table)
                    .col(big_pk_auto(FirAmendment::Id))
                    .col(big_integer(FirAmendment::FirId))
                    .col(big_integer_null(FirAmendment::AmendedById))
                    .col(timestamp_with_time_zone(FirAmendment::AmendedAt))
                    .col(string(FirAmendment::Field))
                    .col(text_null(FirAmendment::OldValue))
                    .col(text_null(FirAmendment::NewValue))
                    .col(text(FirAmendment::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fir_amendment_fir_id")
                            .from(FirAmendment::Table, FirAmendment::FirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fir_amendment_amended_by_id")
                            .from(FirAmendment::Table, FirAmendment::AmendedById)
                            .to(Officer::Table, Officer::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_amendment_fir_id")
                    .table(FirAmendment::Table)
                    .col(FirAmendment::FirId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_amendment_amended_by_id")
                    .table(FirAmendment::Table)
                    .col(FirAmendment::AmendedById)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Charge::Table)
                    .col(big_pk_auto(Charge::Id))
                    .col(big_integer(Charge::FirId))
                    .col(big_integer_null(Charge::StatuteId))
                    .col(string(Charge::Act))
                    .col(string(Charge::Section))
                    .col(integer(Charge::Position))
                    .col(timestamp_with_time_zone(Charge::AddedAt))
                    .col(timestamp_with_time_zone_null(Charge::RemovedAt))
                    .col(big_integer_null(Charge::AddedByAmendmentId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_charge_fir_id")
                            .from(Charge::Table, Charge::FirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_charge_statute_id")
                            .from(Charge::Table, Charge::StatuteId)
                            .to(Statute::Table, Statute::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_charge_added_by_amendment_id")
                            .from(Charge::Table, Charge::AddedByAmendmentId)
                            .to(FirAmendment::Table, FirAmendment::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_charge_fir_id")
                    .table(Charge::Table)
                    .col(Charge::FirId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_charge_statute_id")
                    .table(Charge::Table)
                    .col(Charge::StatuteId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_charge_added_by_amendment_id")
                    .table(Charge::Table)
                    .col(Charge::AddedByAmendmentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_charge_act_section")
                    .table(Charge::Table)
                    .col(Charge::Act)
                    .col(Charge::Section)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseParty::Table)
                    .col(big_pk_auto(CaseParty::Id))
                    .col(big_integer(CaseParty::FirId))
                    .col(big_integer(CaseParty::PersonId))
                    .col(string(CaseParty::Role))
                    .col(string_null(CaseParty::AccusedCode))
                    .col(integer_null(CaseParty::AgeAtOffence))
                    .col(boolean(CaseParty::Juvenile).default(false))
                    .col(timestamp_with_time_zone_default_now(CaseParty::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_party_fir_id")
                            .from(CaseParty::Table, CaseParty::FirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_party_person_id")
                            .from(CaseParty::Table, CaseParty::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_case_party_fir_person_role")
                    .table(CaseParty::Table)
                    .col(CaseParty::FirId)
                    .col(CaseParty::PersonId)
                    .col(CaseParty::Role)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_party_person_id")
                    .table(CaseParty::Table)
                    .col(CaseParty::PersonId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CaseParty::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Charge::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(FirAmendment::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(FirSerialCounter::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Fir::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(StatuteEquivalent::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Statute::Table).to_owned())
            .await?;
        Ok(())
    }
}
