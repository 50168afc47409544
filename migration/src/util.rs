//! Helpers shared by the migrations.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// Creates an index on a materialised-path column that serves `LIKE 'prefix%'` subtree tests.
///
/// On PostgreSQL the index uses the `text_pattern_ops` operator class, so prefix matches use it
/// whatever the database collation; elsewhere (SQLite) it is a plain index. Dropping the table
/// drops the index.
pub(crate) async fn create_prefix_index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: &str,
    column: &str,
) -> Result<(), DbErr> {
    if manager.get_database_backend() == DbBackend::Postgres {
        let sql = format!(r#"CREATE INDEX "{name}" ON "{table}" ("{column}" text_pattern_ops)"#);
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    } else {
        manager
            .create_index(
                Index::create()
                    .name(name)
                    .table(Alias::new(table))
                    .col(Alias::new(column))
                    .to_owned(),
            )
            .await
    }
}
