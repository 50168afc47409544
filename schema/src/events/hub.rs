//! The event hub: publishes committed outbox rows to this process's subscribers.
//!
//! One tailer task per process reads the outbox (`domain_event`) in id order after the
//! last row it published and broadcasts each row. It wakes when a write in this process
//! commits ([`EventHub::wake`]), when PostgreSQL delivers a `NOTIFY cctns_events` (sent
//! inside every writing transaction, so it arrives only once that transaction commits,
//! from any gateway replica), and every [`POLL`] in case a wake-up was lost. The outbox
//! is the source of truth; the broadcast only carries what is already committed.
//!
//! Ids are committed in order: every write takes the audit chain's lock before it
//! inserts its events (see [`crate::write::Write::commit`]), so a row with a lower id is
//! never committed after one with a higher id, and reading "after the last id" misses
//! nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use entities::domain_event;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tokio::sync::{Notify, broadcast, watch};

/// The PostgreSQL channel writers notify.
pub const CHANNEL: &str = "cctns_events";
/// Safety poll interval of the tailer.
const POLL: Duration = Duration::from_secs(2);
/// Rows read per round.
const BATCH: u64 = 1_000;
/// Events buffered for each subscriber before it counts as fallen behind.
pub const SUBSCRIBER_BUFFER: usize = 4_096;

/// A committed event, shared by every subscriber that receives it.
pub type Published = Arc<domain_event::Model>;

/// Publishes committed events to this process's subscribers.
#[derive(Debug)]
pub struct EventHub {
    sender: broadcast::Sender<Published>,
    wake: Notify,
    last_id: AtomicI64,
    shutdown: watch::Sender<bool>,
}

impl EventHub {
    /// Starts the hub over `db`: publishing begins after the newest event already stored.
    pub async fn start(db: DatabaseConnection) -> Result<Arc<Self>, DbErr> {
        Self::start_with_buffer(db, SUBSCRIBER_BUFFER).await
    }

    /// [`EventHub::start`] with `buffer` events per subscriber before it counts as fallen
    /// behind.
    pub async fn start_with_buffer(
        db: DatabaseConnection,
        buffer: usize,
    ) -> Result<Arc<Self>, DbErr> {
        let newest = domain_event::Entity::find()
            .order_by_desc(domain_event::Column::Id)
            .limit(1)
            .one(&db)
            .await?
            .map_or(0, |e| e.id);
        let (sender, _) = broadcast::channel(buffer);
        let (shutdown, _) = watch::channel(false);
        let hub = Arc::new(Self {
            sender,
            wake: Notify::new(),
            last_id: AtomicI64::new(newest),
            shutdown,
        });
        tokio::spawn(tail(hub.clone(), db.clone()));
        if db.get_database_backend() == DbBackend::Postgres {
            tokio::spawn(listen(hub.clone(), db));
        }
        Ok(hub)
    }

    /// Wakes the tailer: a write in this process has committed events.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// A receiver of every event published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Published> {
        self.sender.subscribe()
    }

    /// The id of the newest event published so far.
    pub fn last_published(&self) -> i64 {
        self.last_id.load(Ordering::Acquire)
    }

    /// A receiver that turns `true` when the hub shuts down.
    pub fn shutting_down(&self) -> watch::Receiver<bool> {
        self.shutdown.subscribe()
    }

    /// Stops publishing; every subscription stream completes.
    pub fn shutdown(&self) {
        self.shutdown.send_replace(true);
    }

    /// Subscribers connected to this hub right now.
    pub fn subscribers(&self) -> usize {
        self.sender.receiver_count()
    }
}

/// Publishes new outbox rows whenever woken, until shutdown.
async fn tail(hub: Arc<EventHub>, db: DatabaseConnection) {
    let mut shutdown = hub.shutdown.subscribe();
    loop {
        tokio::select! {
            _ = hub.wake.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
            _ = shutdown.changed() => return,
        }
        if let Err(e) = publish_new(&hub, &db).await {
            tracing::warn!(error = %e, "event tailer could not read the outbox; retrying");
        }
    }
}

async fn publish_new(hub: &EventHub, db: &DatabaseConnection) -> Result<(), DbErr> {
    loop {
        let after = hub.last_id.load(Ordering::Acquire);
        let rows = domain_event::Entity::find()
            .filter(domain_event::Column::Id.gt(after))
            .order_by_asc(domain_event::Column::Id)
            .limit(BATCH)
            .all(db)
            .await?;
        let full = rows.len() as u64 == BATCH;
        for row in rows {
            hub.last_id.store(row.id, Ordering::Release);
            // No receivers is fine: nobody is subscribed right now.
            let _ = hub.sender.send(Arc::new(row));
        }
        if !full {
            return Ok(());
        }
    }
}

/// Wakes the tailer on every `NOTIFY cctns_events`, from any replica.
async fn listen(hub: Arc<EventHub>, db: DatabaseConnection) {
    let mut shutdown = hub.shutdown.subscribe();
    loop {
        tokio::select! {
            Err(e) = relay_notifications(&hub, db.get_postgres_connection_pool()) => {
                tracing::warn!(error = %e, "event listener lost PostgreSQL; reconnecting");
            }
            _ = shutdown.changed() => return,
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Wakes the hub on every notification until the connection fails (it never ends well).
async fn relay_notifications(
    hub: &EventHub,
    pool: &sea_orm::sqlx::PgPool,
) -> Result<std::convert::Infallible, sea_orm::sqlx::Error> {
    let mut listener = sea_orm::sqlx::postgres::PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    // Catch up on anything committed while not listening.
    hub.wake();
    loop {
        listener.recv().await?;
        hub.wake();
    }
}
