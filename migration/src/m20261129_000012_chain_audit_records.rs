//! A hash chain over the audit log: each record carries the hash of the one before it and
//! its own, so an altered, removed or inserted record is detectable (`cctns audit verify`).

use sea_orm_migration::prelude::*;

use crate::idens::AuditRecord;

/// Adds `prev_hash` and `hash` to `audit_record`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [AuditRecord::PrevHash, AuditRecord::Hash] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AuditRecord::Table)
                        .add_column(ColumnDef::new(column).string().not_null().default(""))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [AuditRecord::Hash, AuditRecord::PrevHash] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AuditRecord::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
