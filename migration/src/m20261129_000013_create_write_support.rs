//! What the write side needs beyond the data model: idempotency keys for retried
//! mutations, and the name of the local act a charge is registered under.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{Charge, IdempotencyKey};

/// Creates `idempotency_key` and adds `charge.local_act`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKey::Table)
                    .col(string(IdempotencyKey::ActorSub))
                    .col(string(IdempotencyKey::Key))
                    .col(string(IdempotencyKey::Operation))
                    .col(big_integer_null(IdempotencyKey::RecordId))
                    .col(timestamp_with_time_zone_default_now(
                        IdempotencyKey::CreatedAt,
                    ))
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKey::ActorSub)
                            .col(IdempotencyKey::Key),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Charge::Table)
                    .add_column(string_null(Charge::LocalAct))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Charge::Table)
                    .drop_column(Charge::LocalAct)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(IdempotencyKey::Table).to_owned())
            .await
    }
}
