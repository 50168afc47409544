//! Domain events and the append-only audit log.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

use crate::idens::{AuditRecord, DomainEvent, OrgUnit};
use crate::util::create_prefix_index;

/// Creates the tables `domain_event`, `audit_record`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DomainEvent::Table)
                    .col(big_pk_auto(DomainEvent::Id))
                    .col(string(DomainEvent::EventType))
                    .col(timestamp_with_time_zone(DomainEvent::OccurredAt))
                    .col(big_integer(DomainEvent::UnitId))
                    .col(string(DomainEvent::UnitPath))
                    .col(json(DomainEvent::SubjectRefs))
                    .col(string_null(DomainEvent::ActorSub))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_domain_event_unit_id")
                            .from(DomainEvent::Table, DomainEvent::UnitId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_domain_event_unit_id")
                    .table(DomainEvent::Table)
                    .col(DomainEvent::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_domain_event_event_type")
                    .table(DomainEvent::Table)
                    .col(DomainEvent::EventType)
                    .to_owned(),
            )
            .await?;
        create_prefix_index(
            manager,
            "idx_domain_event_unit_path",
            "domain_event",
            "unit_path",
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditRecord::Table)
                    .col(big_pk_auto(AuditRecord::Id))
                    .col(timestamp_with_time_zone(AuditRecord::At))
                    .col(string_null(AuditRecord::ActorSub))
                    .col(string_null(AuditRecord::ActorRole))
                    .col(string_null(AuditRecord::ActorUnit))
                    .col(string(AuditRecord::Operation))
                    .col(string_null(AuditRecord::RecordType))
                    .col(text_null(AuditRecord::RecordIds))
                    .col(text_null(AuditRecord::Fields))
                    .col(string(AuditRecord::Outcome))
                    .col(string_null(AuditRecord::ClientAddr))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_record_at")
                    .table(AuditRecord::Table)
                    .col(AuditRecord::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_record_actor_sub")
                    .table(AuditRecord::Table)
                    .col(AuditRecord::ActorSub)
                    .to_owned(),
            )
            .await?;
        create_append_only_triggers(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_append_only_triggers(manager).await?;
        manager
            .drop_table(Table::drop().table(AuditRecord::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(DomainEvent::Table).to_owned())
            .await?;
        Ok(())
    }
}

/// Statements making `audit_record` append-only on PostgreSQL.
const PG_APPEND_ONLY: &[&str] = &[
    "CREATE OR REPLACE FUNCTION audit_record_append_only() RETURNS trigger \
     LANGUAGE plpgsql AS $$ \
     BEGIN \
         RAISE EXCEPTION 'audit_record is append-only'; \
     END; \
     $$",
    "CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record \
     FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()",
    "CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record \
     FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()",
];

/// Statements undoing [`PG_APPEND_ONLY`].
const PG_DROP_APPEND_ONLY: &[&str] = &[
    "DROP TRIGGER IF EXISTS audit_record_no_delete ON audit_record",
    "DROP TRIGGER IF EXISTS audit_record_no_update ON audit_record",
    "DROP FUNCTION IF EXISTS audit_record_append_only()",
];

/// Statements making `audit_record` append-only on SQLite.
const SQLITE_APPEND_ONLY: &[&str] = &[
    "CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record \
     BEGIN SELECT RAISE(ABORT, 'audit_record is append-only'); END",
    "CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record \
     BEGIN SELECT RAISE(ABORT, 'audit_record is append-only'); END",
];

/// Statements undoing [`SQLITE_APPEND_ONLY`].
const SQLITE_DROP_APPEND_ONLY: &[&str] = &[
    "DROP TRIGGER IF EXISTS audit_record_no_delete",
    "DROP TRIGGER IF EXISTS audit_record_no_update",
];

/// Runs raw statements one by one.
async fn run_all(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

/// Adds the triggers that refuse UPDATE and DELETE on `audit_record`.
async fn create_append_only_triggers(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    match manager.get_database_backend() {
        DbBackend::Postgres => run_all(manager, PG_APPEND_ONLY).await,
        DbBackend::Sqlite => run_all(manager, SQLITE_APPEND_ONLY).await,
        other => Err(DbErr::Migration(format!(
            "append-only triggers are not defined for {other:?}"
        ))),
    }
}

/// Removes the triggers added by [`create_append_only_triggers`].
async fn drop_append_only_triggers(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    match manager.get_database_backend() {
        DbBackend::Postgres => run_all(manager, PG_DROP_APPEND_ONLY).await,
        DbBackend::Sqlite => run_all(manager, SQLITE_DROP_APPEND_ONLY).await,
        other => Err(DbErr::Migration(format!(
            "append-only triggers are not defined for {other:?}"
        ))),
    }
}
