//! What every resolver can reach for the request it serves.

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::loader::{BatchQueue, Loaders, loaders};
use crate::policy::Principal;

/// Per-request state: the caller, the database and the request's loaders.
pub struct RequestContext {
    /// The verified caller.
    pub principal: Principal,
    /// The shared pool.
    pub db: DatabaseConnection,
    /// Batching loaders, fresh for this request.
    pub loaders: Loaders,
}

impl RequestContext {
    /// A fresh context for one request (or one subscription) by `principal`, and the queue
    /// whose [`BatchQueue::drive`] must wrap the request's execution.
    pub fn new(db: DatabaseConnection, principal: Principal) -> (Self, BatchQueue) {
        let queue = BatchQueue::default();
        let context = Self {
            loaders: loaders(db.clone(), &queue),
            principal,
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
