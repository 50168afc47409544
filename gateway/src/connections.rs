//! The WebSocket connections each caller holds open, counted against
//! [`MAX_CONNECTIONS_PER_CALLER`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Connections one caller (`sub`, or client address when anonymous) may hold at once.
pub const MAX_CONNECTIONS_PER_CALLER: usize = 16;

/// Open connections per caller.
#[derive(Debug, Default)]
pub(crate) struct Connections(Mutex<HashMap<String, usize>>);

impl Connections {
    /// Counts a new connection of `caller`, unless they hold the maximum already.
    pub(crate) fn open(self: &Arc<Self>, caller: String) -> Option<ConnectionSlot> {
        let mut open = self.0.lock().expect("connection table poisoned");
        let count = open.entry(caller.clone()).or_default();
        if *count >= MAX_CONNECTIONS_PER_CALLER {
            return None;
        }
        *count += 1;
        Some(ConnectionSlot {
            table: self.clone(),
            caller,
        })
    }
}

/// One counted connection; dropping it (the connection ended) frees the slot.
pub(crate) struct ConnectionSlot {
    table: Arc<Connections>,
    caller: String,
}

impl Drop for ConnectionSlot {
    fn drop(&mut self) {
        let mut open = self.table.0.lock().expect("connection table poisoned");
        if let Some(count) = open.get_mut(&self.caller) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.caller);
            }
        }
    }
}
