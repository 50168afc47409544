//! Domain events: the types integrators subscribe to, the hub that publishes committed
//! outbox rows, and the `events` subscription.

pub mod hub;
mod subscription;
mod types;

pub use hub::EventHub;
pub use subscription::{DomainEvent, EventFilter, EventSubscription, SubjectRef};
pub use types::EventType;

#[cfg(test)]
mod tests;
