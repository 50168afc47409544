//! Prisons: prison records and movements.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{CourtCase, Fir, OrgUnit, Person, PrisonMovement, PrisonRecord};

/// Creates the tables `prison_record`, `prison_movement`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PrisonRecord::Table)
                    .col(big_pk_auto(PrisonRecord::Id))
                    .col(string(PrisonRecord::PrisonerId))
                    .col(big_integer(PrisonRecord::PrisonId))
                    .col(big_integer(PrisonRecord::PersonId))
                    .col(big_integer_null(PrisonRecord::CourtCaseId))
                    .col(big_integer_null(PrisonRecord::FirId))
                    .col(string(PrisonRecord::Category))
                    .col(timestamp_with_time_zone(PrisonRecord::AdmittedAt))
                    .col(string_null(PrisonRecord::WarrantRef))
                    .col(timestamp_with_time_zone_null(PrisonRecord::ReleasedAt))
                    .col(string_null(PrisonRecord::ReleaseReason))
                    .col(timestamp_with_time_zone_null(PrisonRecord::EscapedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_prison_record_prison_id")
                            .from(PrisonRecord::Table, PrisonRecord::PrisonId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_prison_record_person_id")
                            .from(PrisonRecord::Table, PrisonRecord::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_prison_record_court_case_id")
                            .from(PrisonRecord::Table, PrisonRecord::CourtCaseId)
                            .to(CourtCase::Table, CourtCase::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_prison_record_fir_id")
                            .from(PrisonRecord::Table, PrisonRecord::FirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_prison_record_prison_prisoner")
                    .table(PrisonRecord::Table)
                    .col(PrisonRecord::PrisonId)
                    .col(PrisonRecord::PrisonerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_prison_record_person_id")
                    .table(PrisonRecord::Table)
                    .col(PrisonRecord::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_prison_record_court_case_id")
                    .table(PrisonRecord::Table)
                    .col(PrisonRecord::CourtCaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_prison_record_fir_id")
                    .table(PrisonRecord::Table)
                    .col(PrisonRecord::FirId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_prison_record_released_at")
                    .table(PrisonRecord::Table)
                    .col(PrisonRecord::ReleasedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_prison_record_category")
                    .table(PrisonRecord::Table)
                    .col(PrisonRecord::Category)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PrisonMovement::Table)
                    .col(big_pk_auto(PrisonMovement::Id))
                    .col(big_integer(PrisonMovement::PrisonRecordId))
                    .col(string(PrisonMovement::Kind))
                    .col(timestamp_with_time_zone(PrisonMovement::MovedAt))
                    .col(big_integer_null(PrisonMovement::DestinationUnitId))
                    .col(text_null(PrisonMovement::Note))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_prison_movement_prison_record_id")
                            .from(PrisonMovement::Table, PrisonMovement::PrisonRecordId)
                            .to(PrisonRecord::Table, PrisonRecord::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_prison_movement_destination_unit_id")
                            .from(PrisonMovement::Table, PrisonMovement::DestinationUnitId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_prison_movement_prison_record_id")
                    .table(PrisonMovement::Table)
                    .col(PrisonMovement::PrisonRecordId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_prison_movement_destination_unit_id")
                    .table(PrisonMovement::Table)
                    .col(PrisonMovement::DestinationUnitId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PrisonMovement::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PrisonRecord::Table).to_owned())
            .await?;
        Ok(())
    }
}
