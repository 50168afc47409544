//! Indexes measured at national scale (`bench/search.sh`):
//! - crime statistics count without reading FIR or case rows: the FIR index by station
//!   and registration time also holds `transferred_to_fir_id` (it replaces the
//!   two-column one, which it serves as well), and cases are indexed by FIR with their
//!   status, so a national GROUP BY reads two narrow indexes instead of a million wide
//!   FIR rows;
//! - person search checks "has this person a word starting with R" per candidate: the
//!   name-token index by person also holds the token (it replaces the one-column one), so
//!   that check is one short range of one index, not a scan of every word starting with R.

use sea_orm_migration::prelude::*;

use crate::idens::{Fir, PersonNameToken, PoliceCase};

/// Replaces `idx_fir_station_id_registered_at` and `idx_person_name_token_person_id`
/// with covering indexes, and adds `idx_police_case_fir_id_status`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_station_registered_transferred")
                    .table(Fir::Table)
                    .col(Fir::StationId)
                    .col(Fir::RegisteredAt)
                    .col(Fir::TransferredToFirId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_fir_station_id_registered_at")
                    .table(Fir::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_police_case_fir_id_status")
                    .table(PoliceCase::Table)
                    .col(PoliceCase::FirId)
                    .col(PoliceCase::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_name_token_person_token")
                    .table(PersonNameToken::Table)
                    .col(PersonNameToken::PersonId)
                    .col(PersonNameToken::Token)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_person_name_token_person_id")
                    .table(PersonNameToken::Table)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_person_name_token_person_id")
                    .table(PersonNameToken::Table)
                    .col(PersonNameToken::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_person_name_token_person_token")
                    .table(PersonNameToken::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_police_case_fir_id_status")
                    .table(PoliceCase::Table)
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
            .drop_index(
                Index::drop()
                    .name("idx_fir_station_registered_transferred")
                    .table(Fir::Table)
                    .to_owned(),
            )
            .await
    }
}
