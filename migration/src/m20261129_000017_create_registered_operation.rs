//! The safelist of GraphQL documents production client apps may run
//! (`cctns operations add`), by the SHA-256 of their text.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::RegisteredOperation;

/// Creates `registered_operation`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RegisteredOperation::Table)
                    .col(string(RegisteredOperation::Hash).primary_key())
                    .col(string_null(RegisteredOperation::Name))
                    .col(text(RegisteredOperation::Document))
                    .col(timestamp_with_time_zone_default_now(
                        RegisteredOperation::AddedAt,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RegisteredOperation::Table).to_owned())
            .await
    }
}
