// Subscribes to the gateway's `events` with the graphql-ws client and collects what
// arrives, for the end-to-end suite.
//
//   node events-client.mjs ws://127.0.0.1:PORT/graphql '{"token": "…", "query": "subscription …", "variables": {…}, "expect": 3, "timeoutMs": 10000}'
//
// Prints READY once the subscription is acknowledged by the server's first message or
// the connection is open, then one JSON line: {"events": [payload…], "error": …,
// "closed": …} when `expect` payloads arrived, the stream ended, or the time ran out.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, configJson] = process.argv.slice(2);
const { token, query, variables, expect, timeoutMs, count } = JSON.parse(configJson);
const events = [];
// With `count` > 1: that many subscriptions on the one connection; errors by index.
const refusals = {};
let finished = false;

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  retryAttempts: 0,
  lazy: false,
  connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
  on: {
    connected: () => {
      // Give the server a moment to register the subscription sent right after the ack.
      setTimeout(() => console.log('READY'), 300);
    },
    closed: (event) => finish({ closed: event.code, reason: event.reason }),
  },
});

function finish(extra = {}) {
  if (finished) return;
  finished = true;
  console.log(JSON.stringify({ events, refusals, ...extra }));
  Promise.resolve(client.dispose()).catch(() => {}).finally(() => process.exit(0));
}

setTimeout(() => finish({ timedOut: true }), timeoutMs ?? 10000);

for (let i = 0; i < (count ?? 1); i++) {
  client.subscribe(
    { query, variables },
    {
      next: (payload) => {
        if (payload.errors && (count ?? 1) > 1) {
          refusals[i] = payload.errors;
          return;
        }
        events.push(payload);
        if (expect && events.length >= expect) finish();
      },
      error: (error) => {
        if ((count ?? 1) > 1 && !(error && error.code !== undefined)) {
          refusals[i] = error;
          return;
        }
        finish({ error: error && error.code !== undefined ? { closed: error.code, reason: error.reason } : error });
      },
      complete: () => {
        if ((count ?? 1) === 1) finish({ complete: true });
      },
    },
  );
}
