//! The event hub: publishes committed outbox rows to this process's subscribers.
//!
//! One tailer task per process reads the outbox (`domain_event`) in id order after the
//! last row it published and broadcasts each row. It wakes when a write in this process
//! commits ([`EventHub::wake`]), when PostgreSQL delivers a `NOTIFY cctns_events` (sent
//! inside every writing transaction, so it arrives only once that transaction commits,
//! from any gateway replica), and every [`POLL`] in case a wake-up was lost. The outbox
//! is the source of truth; the hub only carries what is already committed.
//!
//! Subscribers register a [`Route`] (a unit subtree and event types), and the hub hands
//! each event only to the subscribers whose route it matches: it looks up the event's
//! unit and each of its ancestors, so an event at one station wakes that station's,
//! district's and state's subscribers and the national ones, not all ten thousand.
//! Each subscriber has its own bounded queue; one that lets it fill is dropped and
//! flagged as fallen behind, without slowing anybody else.
//!
//! Ids are committed in order: every write takes the audit chain's lock before it
//! inserts its events (see [`crate::write::Write::commit`]), so a row with a lower id is
//! never committed after one with a higher id, and reading "after the last id" misses
//! nothing.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use entities::domain_event;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{Notify, mpsc, watch};

use super::types::EventType;

/// The PostgreSQL channel writers notify.
pub const CHANNEL: &str = "cctns_events";
/// Safety poll interval of the tailer.
const POLL: Duration = Duration::from_secs(2);
/// Rows read per round.
const BATCH: u64 = 1_000;
/// Events queued for each subscriber before it counts as fallen behind.
pub const SUBSCRIBER_BUFFER: usize = 4_096;

/// A committed event, shared by every subscriber that receives it.
pub type Published = Arc<domain_event::Model>;

/// Which live events a subscriber wants; the hub checks it before waking the subscriber.
#[derive(Debug, Clone, Default)]
pub struct Route {
    /// Only events of units inside this path (`/IN/MH/`); `None` for every unit.
    pub subtree: Option<String>,
    /// Only events of these types; `None` for every type.
    pub types: Option<Vec<EventType>>,
}

/// One subscriber's place in the hub.
#[derive(Debug)]
struct Slot {
    types: Option<Vec<EventType>>,
    queue: mpsc::Sender<Published>,
    fell_behind: Arc<AtomicBool>,
}

/// Subscribers by the subtree they route on (`""` for every unit), then by number.
type Registry = HashMap<String, HashMap<u64, Slot>>;

/// Publishes committed events to this process's subscribers.
#[derive(Debug)]
pub struct EventHub {
    registry: Mutex<Registry>,
    next_slot: AtomicU64,
    buffer: usize,
    wake: Notify,
    last_id: AtomicI64,
    /// Events dispatched since start (for `/metrics`).
    published: AtomicU64,
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
        let (shutdown, _) = watch::channel(false);
        let hub = Arc::new(Self {
            registry: Mutex::new(HashMap::new()),
            next_slot: AtomicU64::new(0),
            buffer,
            wake: Notify::new(),
            last_id: AtomicI64::new(newest),
            published: AtomicU64::new(0),
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

    /// A receiver of every event on `route` published from now on.
    pub fn subscribe(self: &Arc<Self>, route: Route) -> LiveEvents {
        let (queue, receiver) = mpsc::channel(self.buffer);
        let fell_behind = Arc::new(AtomicBool::new(false));
        let key = route.subtree.unwrap_or_default();
        let number = self.next_slot.fetch_add(1, Ordering::Relaxed);
        let slot = Slot {
            types: route.types,
            queue,
            fell_behind: fell_behind.clone(),
        };
        self.registry()
            .entry(key.clone())
            .or_default()
            .insert(number, slot);
        LiveEvents {
            receiver,
            fell_behind,
            _registration: Registration {
                hub: Arc::downgrade(self),
                key,
                number,
            },
        }
    }

    /// Events handed to subscribers' routing since this hub started.
    pub fn published(&self) -> u64 {
        self.published.load(Ordering::Relaxed)
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
        self.registry().values().map(HashMap::len).sum()
    }

    fn registry(&self) -> std::sync::MutexGuard<'_, Registry> {
        // A panic while holding the lock leaves the map itself consistent.
        self.registry.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Hands `event` to every subscriber whose route it matches.
    fn dispatch(&self, event: &Published) {
        self.published.fetch_add(1, Ordering::Relaxed);
        let kind = EventType::from_stored(&event.event_type);
        let mut registry = self.registry();
        for key in routes_of(&event.unit_path) {
            let Some(slots) = registry.get_mut(key) else {
                continue;
            };
            slots.retain(|_, slot| {
                if slot
                    .types
                    .as_ref()
                    .is_some_and(|types| !kind.is_some_and(|k| types.contains(&k)))
                {
                    return true;
                }
                match slot.queue.try_send(event.clone()) {
                    Ok(()) => true,
                    Err(TrySendError::Full(_)) => {
                        slot.fell_behind.store(true, Ordering::Release);
                        false
                    }
                    Err(TrySendError::Closed(_)) => false,
                }
            });
        }
    }
}

/// The registry keys an event at `unit_path` reaches: every unit and `""`.
fn routes_of(unit_path: &str) -> impl Iterator<Item = &str> {
    std::iter::once("").chain(
        unit_path
            .match_indices('/')
            .skip(1)
            .map(|(end, _)| &unit_path[..=end]),
    )
}

/// The live events of one subscription, in id order.
#[derive(Debug)]
pub struct LiveEvents {
    receiver: mpsc::Receiver<Published>,
    fell_behind: Arc<AtomicBool>,
    /// Held for its `Drop`.
    _registration: Registration,
}

impl LiveEvents {
    /// The next event; `None` once the hub dropped this subscriber (see
    /// [`LiveEvents::fell_behind`]).
    pub async fn recv(&mut self) -> Option<Published> {
        self.receiver.recv().await
    }

    /// Whether the subscriber let its queue fill and was dropped: it must resume from
    /// the log.
    pub fn fell_behind(&self) -> bool {
        self.fell_behind.load(Ordering::Acquire)
    }
}

/// Removes a subscriber from the hub when its stream ends.
#[derive(Debug)]
struct Registration {
    hub: Weak<EventHub>,
    key: String,
    number: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.upgrade() {
            let mut registry = hub.registry();
            if let Some(slots) = registry.get_mut(&self.key) {
                slots.remove(&self.number);
                if slots.is_empty() {
                    registry.remove(&self.key);
                }
            }
        }
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
            hub.dispatch(&Arc::new(row));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A hub with no tailer, for routing alone.
    fn hub(buffer: usize) -> Arc<EventHub> {
        Arc::new(EventHub {
            registry: Mutex::new(HashMap::new()),
            next_slot: AtomicU64::new(0),
            buffer,
            wake: Notify::new(),
            last_id: AtomicI64::new(0),
            published: AtomicU64::new(0),
            shutdown: watch::channel(false).0,
        })
    }

    fn event(id: i64, kind: EventType, unit_path: &str) -> Published {
        Arc::new(domain_event::Model {
            id,
            event_type: kind.as_str().to_owned(),
            occurred_at: chrono::Utc::now(),
            unit_id: 1,
            unit_path: unit_path.to_owned(),
            subject_refs: serde_json::json!({}),
            actor_sub: None,
        })
    }

    #[tokio::test]
    async fn events_reach_only_the_subscribers_whose_route_they_match() {
        let hub = hub(8);
        let route = |subtree: Option<&str>, types: Option<Vec<EventType>>| Route {
            subtree: subtree.map(str::to_owned),
            types,
        };
        let mut national = hub.subscribe(route(None, None));
        let mut karnataka = hub.subscribe(route(Some("/IN/KA/"), None));
        let mut station = hub.subscribe(route(Some("/IN/KA/KA-BLR/KA-BLR-PS001/"), None));
        let mut arrests = hub.subscribe(route(None, Some(vec![EventType::AccusedArrested])));
        hub.dispatch(&event(
            1,
            EventType::FirRegistered,
            "/IN/MH/MH-PUN/MH-PUN-PS001/",
        ));
        hub.dispatch(&event(
            2,
            EventType::FirRegistered,
            "/IN/KA/KA-BLR/KA-BLR-PS001/",
        ));
        hub.dispatch(&event(
            3,
            EventType::AccusedArrested,
            "/IN/KA/KA-BLR/KA-BLR-PS002/",
        ));
        drop(hub);
        let ids = |live: &mut LiveEvents| {
            std::iter::from_fn(|| live.receiver.try_recv().ok().map(|e| e.id)).collect::<Vec<_>>()
        };
        assert_eq!(ids(&mut national), [1, 2, 3]);
        assert_eq!(ids(&mut karnataka), [2, 3]);
        assert_eq!(ids(&mut station), [2]);
        assert_eq!(ids(&mut arrests), [3]);
    }

    #[tokio::test]
    async fn a_full_queue_drops_only_its_own_subscriber() {
        let hub = hub(2);
        let slow = hub.subscribe(Route::default());
        let mut fast = hub.subscribe(Route::default());
        for id in 1..=3 {
            hub.dispatch(&event(id, EventType::FirRegistered, "/IN/KA/"));
            fast.receiver
                .try_recv()
                .expect("the fast subscriber keeps up");
        }
        assert!(slow.fell_behind() && !fast.fell_behind());
        assert_eq!(hub.subscribers(), 1);
        drop(fast);
        assert_eq!(hub.subscribers(), 0);
    }

    #[test]
    fn an_event_reaches_its_unit_every_ancestor_and_the_whole_country() {
        let keys: Vec<&str> = routes_of("/IN/MH/MH-PUN/MH-PUN-PO1/").collect();
        assert_eq!(
            keys,
            [
                "",
                "/IN/",
                "/IN/MH/",
                "/IN/MH/MH-PUN/",
                "/IN/MH/MH-PUN/MH-PUN-PO1/"
            ]
        );
    }
}
