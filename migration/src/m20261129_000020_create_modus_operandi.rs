//! Modus operandi: the catalogue of ways crimes are committed
//! (`entities::modus_operandi::CATALOGUE`), and the ways recorded on each FIR, indexed
//! by code so that officers find every FIR in the country with the same pattern.

use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{Fir, FirModusOperandi, ModusOperandi};

/// Creates `modus_operandi` (filled from the catalogue) and `fir_modus_operandi`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ModusOperandi::Table)
                    .col(string(ModusOperandi::Code).primary_key())
                    .col(string(ModusOperandi::CrimeHead))
                    .col(string(ModusOperandi::Description))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert
            .into_table(ModusOperandi::Table)
            .columns([
                ModusOperandi::Code,
                ModusOperandi::CrimeHead,
                ModusOperandi::Description,
            ])
            .on_conflict(
                OnConflict::column(ModusOperandi::Code)
                    .do_nothing()
                    .to_owned(),
            );
        for (code, head, description) in entities::modus_operandi::CATALOGUE {
            insert
                .values([(*code).into(), (*head).into(), (*description).into()])
                .map_err(|e| DbErr::Migration(e.to_string()))?;
        }
        manager.execute(insert).await?;
        manager
            .create_table(
                Table::create()
                    .table(FirModusOperandi::Table)
                    .col(big_integer(FirModusOperandi::FirId))
                    .col(string(FirModusOperandi::Code))
                    .primary_key(
                        Index::create()
                            .col(FirModusOperandi::FirId)
                            .col(FirModusOperandi::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fir_modus_operandi_fir_id")
                            .from(FirModusOperandi::Table, FirModusOperandi::FirId)
                            .to(Fir::Table, Fir::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fir_modus_operandi_code")
                            .from(FirModusOperandi::Table, FirModusOperandi::Code)
                            .to(ModusOperandi::Table, ModusOperandi::Code)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fir_modus_operandi_code_fir_id")
                    .table(FirModusOperandi::Table)
                    .col(FirModusOperandi::Code)
                    .col(FirModusOperandi::FirId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FirModusOperandi::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ModusOperandi::Table).to_owned())
            .await
    }
}
