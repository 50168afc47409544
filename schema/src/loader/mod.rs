//! Per-request batching: one [`DbLoader`] behind async-graphql's `DataLoader`.
//!
//! Each relation has its own key type (declared with [`by_id!`] or [`children!`]), so a
//! query level that touches N parents issues one SQL statement per relation, never one
//! per row. The loader is created per request (see [`crate::RequestContext`]), so its
//! cache never outlives a request or crosses principals.
//!
//! Batches are cut by the executor, not by a timer: async-graphql's loader would start a
//! batch a fixed delay after its first key, and a level whose resolvers take longer than
//! that to poll (large pages, a busy machine) would split into several statements. Here
//! the loader's spawner parks each batch in a [`BatchQueue`], and [`BatchQueue::drive`]
//! releases the parked batches only when the request's future has polled every resolver
//! that can make progress and no earlier batch is still running. Each wave of batches
//! then carries every key asked for since the previous wave: one statement per relation
//! per wave, and the number of waves depends on the query's shape, not its row count.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll, Wake, Waker};
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, HashMapCache};
use futures_util::future::BoxFuture;
use sea_orm::{DatabaseConnection, DbErr};

pub(crate) mod batches;
mod windowed;

pub use batches::{BATCH_BUCKETS, BatchSeries, batch_sizes};
pub use windowed::{CountOf, PageOf, PagedRelation};

/// The most keys one batch carries (kept below SQLite's bound-parameter limit).
pub const MAX_BATCH: usize = 10_000;

/// Loads rows for any key kind declared in this module.
pub struct DbLoader {
    pub(crate) db: DatabaseConnection,
}

/// The per-request loader handle resolvers use. A query's loaders remember what they
/// loaded, so a row asked for again (the FIR a party names, the station an FIR belongs
/// to) is not loaded again; a mutation's or a subscription's forget it, as their rows
/// change while they run (see [`crate::admission`]).
pub type Loaders = DataLoader<DbLoader, HashMapCache>;

/// Error type of every load.
pub type LoadError = Arc<DbErr>;

/// Batches parked until the request's future is waiting and no batch is in flight.
#[derive(Clone, Default)]
pub struct BatchQueue {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    parked: Mutex<Vec<BoxFuture<'static, ()>>>,
    in_flight: AtomicUsize,
    waker: Mutex<Option<Waker>>,
}

impl BatchQueue {
    /// Runs `work` (a request's execution), releasing parked batches in waves: all keys
    /// asked for while the previous wave ran go out together.
    pub fn drive<F: Future>(&self, work: F) -> Driven<F> {
        Driven {
            work: Box::pin(work),
            queue: self.clone(),
        }
    }

    fn park(&self, batch: BoxFuture<'static, ()>) {
        self.shared
            .parked
            .lock()
            .expect("batch queue poisoned")
            .push(batch);
    }

    /// Starts the parked batches, unless a wave is still running.
    fn release(&self) {
        if self.shared.in_flight.load(Ordering::Acquire) > 0 {
            return;
        }
        let parked = std::mem::take(&mut *self.shared.parked.lock().expect("batch queue poisoned"));
        self.shared
            .in_flight
            .fetch_add(parked.len(), Ordering::AcqRel);
        for batch in parked {
            let shared = self.shared.clone();
            tokio::spawn(async move {
                batch.await;
                if shared.in_flight.fetch_sub(1, Ordering::AcqRel) == 1 {
                    // The wave is over: let the request release what it parked meanwhile.
                    if let Some(waker) = shared.waker.lock().expect("batch queue poisoned").take() {
                        waker.wake();
                    }
                }
            });
        }
    }
}

/// A future driven by [`BatchQueue::drive`].
pub struct Driven<F: Future> {
    work: Pin<Box<F>>,
    queue: BatchQueue,
}

/// Wakes the request's task and remembers that it did.
struct NoteWake {
    task: Waker,
    woken: AtomicBool,
}

impl Wake for NoteWake {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.task.wake_by_ref();
    }
}

/// How many times one poll re-polls a request that woke itself (cooperative yields of
/// large lists) before handing the thread back to the runtime.
const MAX_REPOLLS: usize = 64;

impl BatchQueue {
    /// Runs `stream` (a subscription's execution), releasing parked batches in waves
    /// while it produces each item, as [`BatchQueue::drive`] does for one response.
    pub fn drive_stream<S: futures_util::Stream>(&self, stream: S) -> DrivenStream<S> {
        DrivenStream {
            work: Box::pin(stream),
            queue: self.clone(),
        }
    }

    /// Polls the request's work (`poll`) so that its loads go out in waves: parked
    /// batches are released only when the work is waiting on nothing but them.
    fn drive_poll<T>(
        &self,
        cx: &mut TaskContext<'_>,
        mut poll: impl FnMut(&mut TaskContext<'_>) -> Poll<T>,
    ) -> Poll<T> {
        *self.shared.waker.lock().expect("batch queue poisoned") = Some(cx.waker().clone());
        for _ in 0..MAX_REPOLLS {
            let note = Arc::new(NoteWake {
                task: cx.waker().clone(),
                woken: AtomicBool::new(false),
            });
            let waker = Waker::from(note.clone());
            let polled = poll(&mut TaskContext::from_waker(&waker));
            if polled.is_ready() {
                return polled;
            }
            // A request that woke itself while being polled (a list yielding to be
            // cooperative, a batch landing meanwhile) has more to do before it waits.
            if !note.woken.load(Ordering::Acquire) {
                self.release();
                return Poll::Pending;
            }
        }
        Poll::Pending
    }
}

impl<F: Future> Future for Driven<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        this.queue.drive_poll(cx, |cx| this.work.as_mut().poll(cx))
    }
}

/// A stream driven by [`BatchQueue::drive_stream`].
pub struct DrivenStream<S: futures_util::Stream> {
    work: Pin<Box<S>>,
    queue: BatchQueue,
}

impl<S: futures_util::Stream> futures_util::Stream for DrivenStream<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<S::Item>> {
        let this = &mut *self;
        this.queue
            .drive_poll(cx, |cx| this.work.as_mut().poll_next(cx))
    }
}

/// A per-request loader over `db` whose batches wait in `queue`.
pub fn loaders(db: DatabaseConnection, queue: &BatchQueue) -> Loaders {
    let queue = queue.clone();
    DataLoader::with_cache(
        DbLoader { db },
        move |batch: BoxFuture<'static, ()>| queue.park(batch),
        HashMapCache::default(),
    )
    .delay(Duration::ZERO)
    .max_batch_size(MAX_BATCH)
}

/// Declares a key type that loads rows of an entity by primary key.
macro_rules! by_id {
    ($(#[$doc:meta])* $key:ident => $module:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl async_graphql::dataloader::Loader<$key> for $crate::loader::DbLoader {
            type Value = entities::$module::Model;
            type Error = $crate::loader::LoadError;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, Self::Value>, Self::Error> {
                $crate::loader::batches::observe::<$key>(keys.len());
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                let rows = entities::$module::Entity::find()
                    .filter(entities::$module::Column::Id.is_in(keys.iter().map(|k| k.0)))
                    .all(&self.db)
                    .await?;
                Ok(rows.into_iter().map(|row| ($key(row.id), row)).collect())
            }
        }
    };
}

/// A foreign-key value, mandatory or optional, as the parent id it names.
pub trait ParentId {
    /// The parent's id, if the column holds one.
    fn parent_id(&self) -> Option<i64>;
}

impl ParentId for i64 {
    fn parent_id(&self) -> Option<i64> {
        Some(*self)
    }
}

impl ParentId for Option<i64> {
    fn parent_id(&self) -> Option<i64> {
        *self
    }
}

/// Declares a key type that loads every child row of a parent, in id order (or in the
/// order of the column named after `by`).
macro_rules! children {
    ($(#[$doc:meta])* $key:ident => $module:ident . $column:ident ($field:ident)) => {
        children!($(#[$doc])* $key => $module . $column ($field) by Id);
    };
    ($(#[$doc:meta])* $key:ident => $module:ident . $column:ident ($field:ident) by $order:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl async_graphql::dataloader::Loader<$key> for $crate::loader::DbLoader {
            type Value = Vec<entities::$module::Model>;
            type Error = $crate::loader::LoadError;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, Self::Value>, Self::Error> {
                $crate::loader::batches::observe::<$key>(keys.len());
                use $crate::loader::ParentId;
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
                let rows = entities::$module::Entity::find()
                    .filter(entities::$module::Column::$column.is_in(keys.iter().map(|k| k.0)))
                    .order_by_asc(entities::$module::Column::$order)
                    .all(&self.db)
                    .await?;
                let mut grouped: std::collections::HashMap<$key, Self::Value> =
                    keys.iter().map(|k| (*k, Vec::new())).collect();
                for row in rows {
                    if let Some(parent) = row.$field.parent_id() {
                        grouped.entry($key(parent)).or_default().push(row);
                    }
                }
                Ok(grouped)
            }
        }
    };
}

/// Declares a key type that loads the one row of an entity with a unique column value.
macro_rules! by_unique {
    ($(#[$doc:meta])* $key:ident => $module:ident . $column:ident ($field:ident)) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl async_graphql::dataloader::Loader<$key> for $crate::loader::DbLoader {
            type Value = entities::$module::Model;
            type Error = $crate::loader::LoadError;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, Self::Value>, Self::Error> {
                $crate::loader::batches::observe::<$key>(keys.len());
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                let rows = entities::$module::Entity::find()
                    .filter(entities::$module::Column::$column.is_in(keys.iter().map(|k| k.0)))
                    .all(&self.db)
                    .await?;
                Ok(rows.into_iter().map(|row| ($key(row.$field), row)).collect())
            }
        }
    };
}

/// Declares a key type that loads, through a link table, the ids linked to a row.
macro_rules! linked_ids {
    ($(#[$doc:meta])* $key:ident => $module:ident . $column:ident ($field:ident) -> $target:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl async_graphql::dataloader::Loader<$key> for $crate::loader::DbLoader {
            type Value = Vec<i64>;
            type Error = $crate::loader::LoadError;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, Self::Value>, Self::Error> {
                $crate::loader::batches::observe::<$key>(keys.len());
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                let links = entities::$module::Entity::find()
                    .filter(entities::$module::Column::$column.is_in(keys.iter().map(|k| k.0)))
                    .all(&self.db)
                    .await?;
                let mut grouped: std::collections::HashMap<$key, Self::Value> =
                    keys.iter().map(|k| (*k, Vec::new())).collect();
                for link in links {
                    grouped.entry($key(link.$field)).or_default().push(link.$target);
                }
                for ids in grouped.values_mut() {
                    ids.sort_unstable();
                }
                Ok(grouped)
            }
        }
    };
}

pub(crate) use {by_id, by_unique, children, linked_ids};
