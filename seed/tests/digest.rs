//! The generator gives byte-identical data for the same options: a SHA-256 of every table
//! of a freshly seeded SQLite database, its rows in order, against the digest the
//! generator gave when it moved into its own crate.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use seed::SeedOptions;
use sha2::{Digest, Sha256};

/// The SHA-256 of every table's rows (each value as SQLite quotes it), tables by name.
async fn digest(db: &DatabaseConnection) -> String {
    let sqlite = sea_orm::DbBackend::Sqlite;
    let tables = db
        .query_all_raw(Statement::from_string(
            sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> 'seaql_migrations' ORDER BY name",
        ))
        .await
        .expect("tables");
    let mut hash = Sha256::new();
    for table in tables {
        let table: String = table.try_get("", "name").expect("table name");
        let columns = db
            .query_all_raw(Statement::from_string(
                sqlite,
                format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
            ))
            .await
            .expect("columns");
        let row = columns
            .iter()
            .map(|c| format!("quote(\"{}\")", c.try_get::<String>("", "name").unwrap()))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let rows = db
            .query_all_raw(Statement::from_string(
                sqlite,
                format!("SELECT {row} AS row FROM \"{table}\" ORDER BY row"),
            ))
            .await
            .expect("rows");
        hash.update(format!("{table}:{}\n", rows.len()));
        for row in rows {
            let row: String = row.try_get("", "row").expect("row");
            hash.update(row.as_bytes());
            hash.update(b"\n");
        }
    }
    format!("{:x}", hash.finalize())
}

/// A fresh, migrated SQLite database seeded with `options`; its digest.
async fn seeded_digest(options: &SeedOptions) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("seed.db").display());
    let (db, _) = schema::db::connect(&url, &schema::db::PoolOptions::maintenance())
        .await
        .expect("open");
    Migrator::up(&db, None).await.expect("migrate");
    seed::seed(&db, options).await.expect("seed");
    digest(&db).await
}

#[tokio::test]
async fn the_demo_data_is_the_same_every_time() {
    let digest = seeded_digest(&SeedOptions::demo()).await;
    assert_eq!(
        digest,
        "421e78c86ca4965baa38dc54a2e8ec6dfc835a1afb9c09b5f8d31d3563a585b8"
    );
}

#[tokio::test]
async fn a_seed_gives_the_same_national_data_every_time() {
    let options = SeedOptions {
        states: 3,
        stations: 24,
        firs: 2_000,
        seed: 7,
    };
    assert_eq!(
        seeded_digest(&options).await,
        "a98587751872ffcac97602235e277f446e2ad3842139b0c65166d70e26223b69"
    );
}
