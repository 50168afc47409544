// A shared clock for subscriptions: one timer, started when the first subscriber
// arrives and stopped when the last one leaves, broadcasting the same value to every
// subscriber on each tick.

// A subscriber that stops reading keeps at most this many undelivered values.
const MAX_QUEUED = 100;

/**
 * Returns `subscribe()`, which gives an async iterator of the values `next()` produces
 * every `intervalMs` ms. `next` is called once per tick (not once per subscriber), so a
 * deterministic `next` gives every subscriber the same sequence.
 */
export function createTicker(intervalMs, next) {
  const listeners = new Set();
  let timer = null;

  const tick = () => {
    const value = next();
    for (const listener of listeners) listener(value);
  };

  return function subscribe() {
    const queue = [];
    let waiting = null; // the resolver of a pending next(), if any
    let finished = false;

    const listener = (value) => {
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value, done: false });
      } else {
        queue.push(value);
        if (queue.length > MAX_QUEUED) queue.shift();
      }
    };

    const stop = () => {
      if (finished) return;
      finished = true;
      listeners.delete(listener);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
      if (waiting) {
        waiting({ value: undefined, done: true });
        waiting = null;
      }
    };

    listeners.add(listener);
    if (!timer) timer = setInterval(tick, intervalMs);

    // A hand-written iterator rather than an async generator: `return()` must end a
    // subscription at once, even while it waits for the next tick.
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next() {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return() {
        stop();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(error) {
        stop();
        return Promise.reject(error);
      },
    };
  };
}
