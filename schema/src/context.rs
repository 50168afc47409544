//! What every resolver can reach for the request it serves.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::loader::{BatchQueue, Loaders, loaders};
use crate::policy::Principal;

/// Per-request state: the caller, the database and the request's loaders.
pub struct RequestContext {
    /// The verified caller.
    pub principal: Principal,
    /// The client's network address, as the transport saw it (for audit records).
    pub client_addr: Option<String>,
    /// The process's event hub: writes wake it, subscriptions listen to it.
    pub events: Option<std::sync::Arc<crate::events::EventHub>>,
    /// The shared pool.
    pub db: DatabaseConnection,
    /// What this request disclosed and was refused; the transport flushes it to the
    /// audit log when the request has run.
    pub audit: std::sync::Arc<crate::audit::AuditTrail>,
    /// Batching loaders, fresh for this request.
    pub loaders: Loaders,
    /// Per-request memo of the facts policy decisions need (FIR scopes, party access),
    /// so a record asked about by many fields is described once.
    pub(crate) fir_scopes: Memo<i64, crate::fir::FirScope>,
    /// Per-request memo of what the caller may see of each party's person.
    pub(crate) party_access: Memo<i64, crate::people::PartyAccess>,
}

/// A small per-request memo.
pub(crate) struct Memo<K, V>(Mutex<HashMap<K, V>>);

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    fn new() -> Self {
        Self(Mutex::new(HashMap::new()))
    }

    /// The remembered value for `key`.
    pub(crate) fn get(&self, key: &K) -> Option<V> {
        self.0.lock().expect("memo poisoned").get(key).cloned()
    }

    /// Remembers `value` for `key`.
    pub(crate) fn put(&self, key: K, value: V) {
        self.0.lock().expect("memo poisoned").insert(key, value);
    }
}

impl RequestContext {
    /// A fresh context for one request (or one subscription) by `principal`, and the queue
    /// whose [`BatchQueue::drive`] must wrap the request's execution.
    pub fn new(db: DatabaseConnection, principal: Principal) -> (Self, BatchQueue) {
        let (loaders, queue) = loaders(db.clone());
        let context = Self {
            loaders,
            audit: Default::default(),
            fir_scopes: Memo::new(),
            party_access: Memo::new(),
            principal,
            client_addr: None,
            events: None,
            db,
        };
        (context, queue)
    }

    /// The request context attached to `ctx`.
    ///
    /// # Panics
    /// When the schema is executed without [`RequestContext`] data, which is a
    /// programming error in the transport, not a client error.
    pub fn of<'a>(ctx: &'a Context<'_>) -> &'a RequestContext {
        ctx.data_unchecked::<RequestContext>()
    }
}
