//! Migrations apply, re-apply as a no-op, roll back and apply again.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};
use tests::{Backend, TestApp, on_both};

async fn count(app: &TestApp, sql: &str) -> i64 {
    let backend = app.db.get_database_backend();
    let row = app
        .db
        .query_one_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .expect("query")
        .expect("row");
    row.try_get_by_index::<i64>(0).expect("count")
}

async fn up_is_idempotent_and_down_works(backend: Backend) {
    let app = TestApp::empty(backend).await;
    assert!(
        Migrator::get_pending_migrations(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
    Migrator::up(&app.db, None)
        .await
        .expect("second up is a no-op");
    let statutes = count(&app, "SELECT COUNT(*) FROM statute").await;
    assert!(statutes > 50, "statute catalogue seeded: {statutes}");
    let pairs = count(
        &app,
        "SELECT COUNT(*) FROM statute_equivalent e JOIN statute a ON a.id = e.statute_id \
         JOIN statute b ON b.id = e.equivalent_id \
         WHERE a.act = 'IPC' AND a.section = '379' AND b.act = 'BNS' AND b.section = '303(2)'",
    )
    .await;
    assert_eq!(
        pairs, 1,
        "IPC 379 ↔ BNS 303(2) carried from the reference data"
    );
    Migrator::down(&app.db, None).await.expect("down");
    assert!(
        !Migrator::get_pending_migrations(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
    Migrator::up(&app.db, None).await.expect("up after down");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM statute").await, statutes);
}
on_both!(up_is_idempotent_and_down_works);

async fn audit_log_is_append_only(backend: Backend) {
    let app = TestApp::empty(backend).await;
    app.db
        .execute_unprepared(
            "INSERT INTO audit_record (at, operation, outcome) VALUES (CURRENT_TIMESTAMP, 'test', 'ALLOWED')",
        )
        .await
        .expect("insert is allowed");
    assert!(
        app.db
            .execute_unprepared("UPDATE audit_record SET operation = 'x'")
            .await
            .is_err()
    );
    assert!(
        app.db
            .execute_unprepared("DELETE FROM audit_record")
            .await
            .is_err()
    );
}
on_both!(audit_log_is_append_only);
