// Runs GraphQL operations over WebSocket against the gateway with real clients: the
// `graphql-ws` library (graphql-transport-ws protocol) and, for the legacy
// subscriptions-transport-ws protocol (`graphql-ws` sub-protocol), a raw `ws` socket.
//
//   node ws-client.mjs ws://127.0.0.1:PORT/graphql '[{"token": "…", "query": "{ … }", "legacy": false}]'
//
// A scenario's "padding": N appends a comment of N bytes to its query (for size limits
// beyond what a command line can carry).
//
// Prints one JSON result per scenario: {"data": …} / {"errors": …} when the operation ran,
// {"closed": CODE, "reason": "…"} or {"connectionError": …} when the connection was refused.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, scenariosJson] = process.argv.slice(2);
const scenarios = JSON.parse(scenariosJson);
const results = [];
for (const scenario of scenarios) {
  results.push(await (scenario.legacy ? legacy(scenario) : modern(scenario)));
}
console.log(JSON.stringify(results));

function params(token) {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function modern({ token, query, variables, padding }) {
  if (padding) query = `${query}\n#${'x'.repeat(padding)}`;
  return new Promise((resolve) => {
    let settled = false;
    let result = null;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: params(token),
      on: { closed: (event) => done({ closed: event.code, reason: event.reason }) },
    });
    function done(outcome) {
      if (settled) return;
      settled = true;
      Promise.resolve(client.dispose()).catch(() => {}).finally(() => resolve(outcome));
    }
    client.subscribe(
      { query, variables },
      {
        next: (value) => { result = value; },
        error: (error) => done(error && error.code !== undefined
          ? { closed: error.code, reason: error.reason }
          : { errors: Array.isArray(error) ? error : [String(error)] }),
        complete: () => done(result),
      },
    );
  });
}

function legacy({ token, query, variables }) {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'graphql-ws');
    const done = (outcome) => { socket.close(); resolve(outcome); };
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init', payload: params(token) }));
    });
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString());
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'start', payload: { query, variables } }));
      } else if (message.type === 'connection_error') {
        done({ connectionError: message.payload });
      } else if (message.type === 'data') {
        done(message.payload);
      } else if (message.type === 'error') {
        done({ errors: message.payload });
      }
    });
    socket.on('close', (code, reason) => done({ closed: code, reason: reason.toString() }));
    socket.on('error', (error) => done({ errors: [String(error)] }));
  });
}
