//! The found-persons register: living persons found who cannot say where they belong,
//! matched against missing-person reports by description like unidentified bodies are.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{FoundPerson, OrgUnit};

/// Creates `found_person`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FoundPerson::Table)
                    .col(big_pk_auto(FoundPerson::Id))
                    .col(big_integer(FoundPerson::StationId))
                    .col(timestamp_with_time_zone(FoundPerson::FoundAt))
                    .col(string_null(FoundPerson::Place))
                    .col(string(FoundPerson::Sex))
                    .col(integer_null(FoundPerson::AgeMin))
                    .col(integer_null(FoundPerson::AgeMax))
                    .col(integer_null(FoundPerson::HeightCm))
                    .col(text_null(FoundPerson::Marks))
                    .col(string_null(FoundPerson::NameGiven))
                    .col(string_null(FoundPerson::PlacedWith))
                    .col(string(FoundPerson::Status))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_found_person_station_id")
                            .from(FoundPerson::Table, FoundPerson::StationId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_found_person_station_id")
                    .table(FoundPerson::Table)
                    .col(FoundPerson::StationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_found_person_sex_status")
                    .table(FoundPerson::Table)
                    .col(FoundPerson::Sex)
                    .col(FoundPerson::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FoundPerson::Table).to_owned())
            .await
    }
}
