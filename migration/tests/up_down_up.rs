//! The migrations apply, roll back completely and apply again on an in-memory SQLite
//! database, and leave the statute catalogue and its equivalences in place.

use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await
        .expect("query")
        .expect("one row");
    row.try_get_by_index(0).expect("count")
}

async fn user_tables(db: &DatabaseConnection) -> i64 {
    count(
        db,
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations'",
    )
    .await
}

#[tokio::test]
async fn up_down_up_on_sqlite() {
    let db = Database::connect("sqlite::memory:").await.expect("connect");

    Migrator::up(&db, None).await.expect("first up");
    let tables = user_tables(&db).await;
    // 38 tables, plus the FTS5 trigram table of the name vocabulary and its 5 shadow tables.
    assert_eq!(tables, 49, "tables after up");
    let statutes = count(&db, "SELECT COUNT(*) FROM statute").await;

    Migrator::down(&db, None).await.expect("down");
    assert_eq!(user_tables(&db).await, 0, "tables left after down");
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%'").await,
        0,
        "indexes or triggers left after down"
    );

    Migrator::up(&db, None).await.expect("second up");
    assert_eq!(user_tables(&db).await, tables);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM statute").await, statutes);
    assert!(statutes > 100, "catalogue has {statutes} statutes");

    // IPC 379 (theft) and BNS 303(2) are equivalent, in both directions.
    let pair = "SELECT COUNT(*) FROM statute_equivalent e \
        JOIN statute a ON a.id = e.statute_id JOIN statute b ON b.id = e.equivalent_id \
        WHERE a.act = 'IPC' AND a.section = '379' AND b.act = 'BNS' AND b.section = '303(2)'";
    assert_eq!(count(&db, pair).await, 1);
    let back = "SELECT COUNT(*) FROM statute_equivalent e \
        JOIN statute a ON a.id = e.statute_id JOIN statute b ON b.id = e.equivalent_id \
        WHERE a.act = 'BNS' AND a.section = '303(2)' AND b.act = 'IPC' AND b.section = '379'";
    assert_eq!(count(&db, back).await, 1);
    // Gang rape: IPC 376D ↔ BNS 70 (as in the CSV) and 70(1).
    let gang = "SELECT COUNT(*) FROM statute_equivalent e \
        JOIN statute a ON a.id = e.statute_id JOIN statute b ON b.id = e.equivalent_id \
        WHERE a.act = 'IPC' AND a.section = '376D' AND b.act = 'BNS'";
    assert_eq!(count(&db, gang).await, 2);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM statute WHERE act = 'POCSO' AND victim_identity_protected"
        )
        .await,
        10
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM statute WHERE act = 'BNS' AND section = '72' AND victim_identity_protected").await,
        0
    );
}

#[tokio::test]
async fn audit_record_is_append_only_on_sqlite() {
    let db = Database::connect("sqlite::memory:").await.expect("connect");
    Migrator::up(&db, None).await.expect("up");
    db.execute_unprepared(
        "INSERT INTO audit_record (at, operation, outcome) VALUES ('2026-11-29 00:00:00+00:00', 'test', 'ALLOWED')",
    )
    .await
    .expect("insert");
    let update = db
        .execute_unprepared("UPDATE audit_record SET operation = 'changed'")
        .await
        .expect_err("update must fail");
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = db
        .execute_unprepared("DELETE FROM audit_record")
        .await
        .expect_err("delete must fail");
    assert!(delete.to_string().contains("append-only"), "{delete}");
}

#[tokio::test]
async fn primary_keys_autoincrement_on_sqlite() {
    let db = Database::connect("sqlite::memory:").await.expect("connect");
    Migrator::up(&db, None).await.expect("up");
    let sql = count(
        &db,
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'fir' \
         AND sql LIKE '%\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT%'",
    )
    .await;
    assert_eq!(sql, 1);
}

#[tokio::test]
async fn name_tokens_are_backfilled_for_persons_recorded_before_them() {
    let db = Database::connect("sqlite::memory:").await.expect("connect");
    let before_tokens = Migrator::migrations()
        .iter()
        .position(|m| m.name().contains("person_name_tokens"))
        .expect("the token migration") as u32;
    Migrator::up(&db, Some(before_tokens))
        .await
        .expect("up to the token migration");
    for sql in [
        "INSERT INTO person (id, name, name_normalized, sex) VALUES (1, 'Mohd. Salim', 'mohd salim', 'MALE')",
        "INSERT INTO person (id, name, name_normalized, sex) VALUES (2, 'Salim Khan', 'salim khan', 'MALE')",
        "INSERT INTO person_alias (person_id, alias, alias_normalized) VALUES (1, 'Pappu Salim', 'pappu salim')",
    ] {
        db.execute_unprepared(sql).await.expect(sql);
    }
    Migrator::up(&db, None).await.expect("token migration");
    let tokens = |sql: &'static str| count(&db, sql);
    assert_eq!(
        tokens("SELECT COUNT(*) FROM person_name_token WHERE person_id = 1").await,
        3,
        "mohd, salim, pappu (the alias adds one word)"
    );
    assert_eq!(
        tokens("SELECT COUNT(*) FROM person_name_token WHERE token = 'salim'").await,
        2
    );
    assert_eq!(
        tokens("SELECT COUNT(*) FROM person_name_token WHERE token = 'khan' AND person_id = 2")
            .await,
        1
    );
}
