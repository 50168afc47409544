//! The event stream's edges, driven in-process: a subscriber that falls behind is told
//! where to resume, and shutdown completes every stream.

use std::sync::Arc;
use std::time::Duration;

use async_graphql::Request;
use entities::domain_event;
use futures_util::StreamExt;
use sea_orm::ActiveValue::Set;
use sea_orm::{DatabaseConnection, EntityTrait};

use super::EventHub;
use crate::policy::{Identity, Principal, Role, UnitRef};
use crate::{RequestContext, build_schema};

async fn database() -> (DatabaseConnection, tempfile::TempDir) {
    use migration::MigratorTrait;
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("events.db").display()
    );
    let (db, _) = crate::db::connect(&url, &crate::db::PoolOptions::default())
        .await
        .expect("connect");
    migration::Migrator::up(&db, None).await.expect("migrate");
    entities::org_unit::Entity::insert(entities::org_unit::ActiveModel {
        id: Set(1),
        code: Set("IN".into()),
        name: Set("India".into()),
        kind: Set(entities::enums::UnitKind::National),
        parent_id: Set(None),
        path: Set("/IN/".into()),
        depth: Set(0),
        address: Set(None),
        created_at: Set(chrono::Utc::now()),
    })
    .exec(&db)
    .await
    .expect("national unit");
    (db, dir)
}

fn analyst() -> Principal {
    Principal {
        identity: Some(Identity {
            sub: "analyst".into(),
            role: Role::Analyst,
            unit: UnitRef {
                id: 1,
                code: "IN".into(),
                path: "/IN/".into(),
            },
            officer_id: None,
            rank: None,
            name: None,
            expires_at: None,
            unrestricted: false,
        }),
    }
}

async fn emit(db: &DatabaseConnection, hub: &EventHub, n: usize) {
    let rows = (0..n).map(|_| domain_event::ActiveModel {
        event_type: Set("FIR_REGISTERED".into()),
        occurred_at: Set(chrono::Utc::now()),
        unit_id: Set(1),
        unit_path: Set("/IN/".into()),
        subject_refs: Set(serde_json::json!({})),
        actor_sub: Set(None),
        ..Default::default()
    });
    domain_event::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await
        .expect("events");
    hub.wake();
}

/// Subscribes an analyst; returns the response stream.
fn subscribe(
    db: &DatabaseConnection,
    hub: &Arc<EventHub>,
) -> futures_util::stream::BoxStream<'static, async_graphql::Response> {
    let (mut context, batches) = RequestContext::new(db.clone(), analyst());
    context.events = Some(hub.clone());
    // From the start of the log, so events emitted before the first poll count too.
    let request =
        Request::new("subscription { events(filter: { afterId: \"0\" }) { id } }").data(context);
    batches
        .drive_stream(build_schema().execute_stream(request))
        .boxed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_that_falls_behind_is_told_where_to_resume() {
    let (db, _dir) = database().await;
    let hub = EventHub::start_with_buffer(db.clone(), 4)
        .await
        .expect("hub");
    let mut stream = subscribe(&db, &hub);
    // One event, delivered.
    emit(&db, &hub, 1).await;
    let first = tokio::time::timeout(Duration::from_secs(5), stream.next())
        .await
        .expect("first event")
        .expect("item");
    assert!(first.errors.is_empty(), "{first:?}");
    // Ten more while the subscriber reads nothing: more than its buffer of four.
    emit(&db, &hub, 10).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let lagged = tokio::time::timeout(Duration::from_secs(5), stream.next())
        .await
        .expect("an answer")
        .expect("item");
    let error = lagged
        .errors
        .first()
        .expect("the subscriber is told it fell behind");
    assert!(
        error.message.contains("resume with afterId 1"),
        "{}",
        error.message
    );
    assert_eq!(
        error
            .extensions
            .as_ref()
            .and_then(|e| e.get("code"))
            .map(|v| v.to_string()),
        Some("\"RATE_LIMITED\"".to_owned())
    );
    assert!(
        tokio::time::timeout(Duration::from_secs(5), stream.next())
            .await
            .expect("the stream ends")
            .is_none()
    );
    // The other subscribers and the hub go on.
    assert_eq!(hub.last_published(), 11);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_completes_every_stream() {
    let (db, _dir) = database().await;
    let hub = EventHub::start(db.clone()).await.expect("hub");
    let mut streams: Vec<_> = (0..3).map(|_| subscribe(&db, &hub)).collect();
    emit(&db, &hub, 1).await;
    for stream in &mut streams {
        let item = tokio::time::timeout(Duration::from_secs(5), stream.next())
            .await
            .expect("event")
            .expect("item");
        assert!(item.errors.is_empty(), "{item:?}");
    }
    hub.shutdown();
    for stream in &mut streams {
        let end = tokio::time::timeout(Duration::from_secs(5), stream.next())
            .await
            .expect("completes");
        assert!(end.is_none(), "the stream completes: {end:?}");
    }
}
