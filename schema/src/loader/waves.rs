//! The per-request loader: keys collected while the request's resolvers run, loaded in
//! waves, and remembered for the rest of the request.
//!
//! A load does not start a batch of its own. Its keys wait, with every other key of the
//! same kind, until [`BatchQueue::drive`] sees the request waiting on nothing but them;
//! then each kind with waiting keys is loaded by one statement (per [`MAX_BATCH`] keys),
//! all kinds at once. Keys asked for while a wave runs wait for the next one. So the
//! statements a request runs depend on its shape (how many levels, which relations),
//! never on its row count or on timing: there is no timer that could cut a wave early
//! or let a late key join a batch already taken.

use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::hash::Hash;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context as TaskContext, Poll, Wake, Waker};

use async_graphql::dataloader::Loader;
use futures_util::future::BoxFuture;
use sea_orm::DatabaseConnection;
use tokio::sync::oneshot;

use super::{DbLoader, LoadError, MAX_BATCH};

/// The loaders of one request (cheap to clone: clones share keys, cache and waves).
#[derive(Clone)]
pub struct Loaders {
    shared: Arc<Shared>,
}

/// The handle that runs a request's waves: [`BatchQueue::drive`] must wrap the
/// execution of every request whose resolvers use the [`Loaders`] it came with.
#[derive(Clone)]
pub struct BatchQueue {
    shared: Arc<Shared>,
}

struct Shared {
    loader: DbLoader,
    state: Mutex<State>,
}

struct State {
    /// Each key kind's cache, waiting keys and waiters.
    kinds: HashMap<TypeId, Box<dyn Kind>>,
    /// Kinds with keys waiting for the next wave, in the order first asked.
    waiting: Vec<TypeId>,
    /// Batches of the current wave still running.
    in_flight: usize,
    /// The request's task, woken when a wave is over.
    waker: Option<Waker>,
    /// Whether loaded rows are remembered (a query's are; see [`Loaders::remember`]).
    remember: bool,
}

/// One key kind's state, behind its type.
trait Kind: Send {
    fn as_any(&mut self) -> &mut dyn Any;
    /// The batch that loads the waiting keys, taking them and their waiters.
    fn batch(&mut self, shared: &Arc<Shared>) -> BoxFuture<'static, ()>;
}

/// A caller waiting for keys of kind `K`.
struct Waiter<K, V> {
    keys: Vec<K>,
    /// What the cache already held of what it asked for.
    found: HashMap<K, V>,
    reply: oneshot::Sender<Result<HashMap<K, V>, LoadError>>,
}

struct Keys<K, V> {
    cache: HashMap<K, V>,
    waiting: HashSet<K>,
    waiters: Vec<Waiter<K, V>>,
}

impl<K, V> Default for Keys<K, V> {
    fn default() -> Self {
        Self {
            cache: HashMap::new(),
            waiting: HashSet::new(),
            waiters: Vec::new(),
        }
    }
}

impl<K, V> Kind for Keys<K, V>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    V: Send + Sync + Clone + 'static,
    DbLoader: Loader<K, Value = V, Error = LoadError>,
{
    fn as_any(&mut self) -> &mut dyn Any {
        self
    }

    fn batch(&mut self, shared: &Arc<Shared>) -> BoxFuture<'static, ()> {
        let keys: Vec<K> = self.waiting.drain().collect();
        let waiters = std::mem::take(&mut self.waiters);
        let shared = shared.clone();
        Box::pin(async move {
            let mut loaded = HashMap::with_capacity(keys.len());
            let mut result = Ok(());
            for chunk in keys.chunks(MAX_BATCH) {
                match shared.loader.load(chunk).await {
                    Ok(values) => loaded.extend(values),
                    Err(error) => {
                        result = Err(error);
                        break;
                    }
                }
            }
            let mut state = shared.lock();
            for waiter in waiters {
                let answer = match &result {
                    Ok(()) => {
                        let mut found = waiter.found;
                        for key in waiter.keys {
                            if let Some(value) = loaded.get(&key) {
                                found.insert(key, value.clone());
                            }
                        }
                        Ok(found)
                    }
                    Err(error) => Err(error.clone()),
                };
                // A caller that has gone (the request was dropped) needs no answer.
                let _ = waiter.reply.send(answer);
            }
            if state.remember {
                state.keys::<K, V>().cache.extend(loaded);
            }
            state.in_flight -= 1;
            if state.in_flight == 0
                && let Some(waker) = state.waker.take()
            {
                drop(state);
                waker.wake();
            }
        })
    }
}

impl State {
    fn keys<K, V>(&mut self) -> &mut Keys<K, V>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        V: Send + Sync + Clone + 'static,
        DbLoader: Loader<K, Value = V, Error = LoadError>,
    {
        self.kinds
            .entry(TypeId::of::<K>())
            .or_insert_with(|| Box::new(Keys::<K, V>::default()))
            .as_any()
            .downcast_mut::<Keys<K, V>>()
            .expect("one state per key kind")
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().expect("loader state poisoned")
    }
}

/// A request's loaders over `db`, and the queue whose [`BatchQueue::drive`] runs their
/// waves.
pub fn loaders(db: DatabaseConnection) -> (Loaders, BatchQueue) {
    let shared = Arc::new(Shared {
        loader: DbLoader { db },
        state: Mutex::new(State {
            kinds: HashMap::new(),
            waiting: Vec::new(),
            in_flight: 0,
            waker: None,
            remember: true,
        }),
    });
    (
        Loaders {
            shared: shared.clone(),
        },
        BatchQueue { shared },
    )
}

impl Loaders {
    /// The row (or rows) for `key`, from the cache or the next wave.
    pub async fn load_one<K, V>(&self, key: K) -> Result<Option<V>, LoadError>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        V: Send + Sync + Clone + 'static,
        DbLoader: Loader<K, Value = V, Error = LoadError>,
    {
        {
            let mut state = self.shared.lock();
            if state.remember
                && let Some(value) = state.keys::<K, V>().cache.get(&key)
            {
                return Ok(Some(value.clone()));
            }
        }
        let mut found = self.load_many([key.clone()]).await?;
        Ok(found.remove(&key))
    }

    /// The rows for `keys` that exist, from the cache or the next wave.
    pub async fn load_many<K, V, I>(&self, keys: I) -> Result<HashMap<K, V>, LoadError>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        V: Send + Sync + Clone + 'static,
        I: IntoIterator<Item = K>,
        DbLoader: Loader<K, Value = V, Error = LoadError>,
    {
        let reply = {
            let mut state = self.shared.lock();
            let remember = state.remember;
            let kind = state.keys::<K, V>();
            let mut found = HashMap::new();
            let mut missing = Vec::new();
            for key in keys {
                match kind.cache.get(&key).filter(|_| remember) {
                    Some(value) => {
                        found.insert(key, value.clone());
                    }
                    None => missing.push(key),
                }
            }
            if missing.is_empty() {
                return Ok(found);
            }
            let first = kind.waiting.is_empty();
            kind.waiting.extend(missing.iter().cloned());
            let (reply, answer) = oneshot::channel();
            kind.waiters.push(Waiter {
                keys: missing,
                found,
                reply,
            });
            if first {
                state.waiting.push(TypeId::of::<K>());
            }
            answer
        };
        // Unconstrained by tokio's cooperative budget: a receiver over budget would return
        // Pending and wake its task only after the request's poll, so `drive` would take
        // the request for waiting and start a wave with half the keys of its level.
        tokio::task::coop::unconstrained(reply)
            .await
            .expect("a wave answers every waiter before it is dropped")
    }

    /// Remembers `values` as loaded, so loads of their keys need no statement (when the
    /// loaders remember at all).
    pub fn feed_many<K, V, I>(&self, values: I)
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        V: Send + Sync + Clone + 'static,
        I: IntoIterator<Item = (K, V)>,
        DbLoader: Loader<K, Value = V, Error = LoadError>,
    {
        let mut state = self.shared.lock();
        if state.remember {
            state.keys::<K, V>().cache.extend(values);
        }
    }

    /// Whether loaded rows are remembered for the rest of the request: a query's are; a
    /// mutation's and a subscription's are not, as their rows change while they run.
    pub fn remember(&self, remember: bool) {
        self.shared.lock().remember = remember;
    }
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
    /// Runs `work` (a request's execution), loading the keys it asks for in waves.
    pub fn drive<F: Future>(&self, work: F) -> Driven<F> {
        Driven {
            work: Box::pin(work),
            queue: self.clone(),
        }
    }

    /// Runs `stream` (a subscription's execution), loading in waves while it produces
    /// each item, as [`BatchQueue::drive`] does for one response.
    pub fn drive_stream<S: futures_util::Stream>(&self, stream: S) -> DrivenStream<S> {
        DrivenStream {
            work: Box::pin(stream),
            queue: self.clone(),
        }
    }

    /// Starts the next wave: one batch per kind with waiting keys, unless a wave is
    /// still running.
    fn release(&self) {
        let batches: Vec<BoxFuture<'static, ()>> = {
            let mut state = self.shared.lock();
            if state.in_flight > 0 {
                return;
            }
            let kinds = std::mem::take(&mut state.waiting);
            let mut batches = Vec::with_capacity(kinds.len());
            for kind in &kinds {
                if let Some(keys) = state.kinds.get_mut(kind) {
                    batches.push(keys.batch(&self.shared));
                }
            }
            state.in_flight = batches.len();
            batches
        };
        for batch in batches {
            tokio::spawn(batch);
        }
    }

    /// Polls the request's work (`poll`) so that its loads go out in waves: the waiting
    /// keys are loaded only when the work is waiting on nothing but them.
    fn drive_poll<T>(
        &self,
        cx: &mut TaskContext<'_>,
        mut poll: impl FnMut(&mut TaskContext<'_>) -> Poll<T>,
    ) -> Poll<T> {
        self.shared.lock().waker = Some(cx.waker().clone());
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
            // cooperative, a wave landing meanwhile) has more to do before it waits.
            if !note.woken.load(Ordering::Acquire) {
                self.release();
                return Poll::Pending;
            }
        }
        Poll::Pending
    }
}

/// A future driven by [`BatchQueue::drive`].
pub struct Driven<F: Future> {
    work: Pin<Box<F>>,
    queue: BatchQueue,
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
