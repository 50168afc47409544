// Hive Gateway as the reference gateway of the differential tests: serves a supergraph
// file (e.g. `cctns compose` output) the way `hive-gateway supergraph FILE` would, with
// one difference from its defaults — the client's `Authorization` header is forwarded to
// the local graph (subgraph `cctns`) and to no other subgraph, as our gateway does.
//
//   node hive-gateway.mjs --supergraph FILE --port N [--local-subgraph cctns]
//
// Binds 127.0.0.1. Prints exactly one line on stdout, `listening on
// http://127.0.0.1:N/graphql`, once `GET /readiness` answers 200 (logs go to stderr;
// LOG_LEVEL=debug for more). Exits 0 on SIGTERM or SIGINT.
import { Console } from 'node:console';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConsoleLogWriter, Logger, createGatewayRuntime, getGraphQLWSOptions } from '@graphql-hive/gateway';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

// The CLI's own helper turning a WebSocket upgrade request into a fetch `Request`, taken
// from the gateway's dependency (it is not one of ours).
const { normalizeNodeRequest } = createRequire(import.meta.resolve('@graphql-hive/gateway'))(
  '@whatwg-node/server',
);

const HOST = '127.0.0.1';

function usage(message) {
  process.stderr.write(
    `${message}\nusage: node hive-gateway.mjs --supergraph FILE --port N [--local-subgraph NAME]\n`,
  );
  process.exit(2);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      supergraph: { type: 'string' },
      port: { type: 'string' },
      'local-subgraph': { type: 'string', default: 'cctns' },
    },
    strict: true,
  }));
} catch (err) {
  usage(err.message);
}
if (!args.supergraph) usage('--supergraph is required');
if (!/^\d+$/.test(args.port ?? '') || Number(args.port) > 65535) usage('--port N is required (0 picks a free port)');

const supergraphPath = resolve(args.supergraph);
const localSubgraph = args['local-subgraph'];

// Hive Gateway passes `fromClientToSubgraphs` the subgraph's `@join__graph(name:)`
// (`cctns`), not its `join__Graph` enum value (`CCTNS`). Refuse a supergraph without it,
// rather than silently forward the token nowhere.
let supergraphSdl;
try {
  supergraphSdl = readFileSync(supergraphPath, 'utf8');
} catch (err) {
  usage(`cannot read the supergraph: ${err.message}`);
}
const joinGraphNames = [...supergraphSdl.matchAll(/@join__graph\(\s*name:\s*"([^"]*)"/g)].map((m) => m[1]);
if (!joinGraphNames.includes(localSubgraph)) {
  usage(`the supergraph has no subgraph named "${localSubgraph}" (it has: ${joinGraphNames.join(', ') || 'none'})`);
}

// Logs on stderr: stdout carries the one readiness line.
const log = new Logger({
  writers: [
    new ConsoleLogWriter({
      console: new Console({ stdout: process.stderr, stderr: process.stderr }),
      noColor: true,
    }),
  ],
});

// The client's token: the HTTP request's header, or for a graphql-transport-ws
// connection the `Authorization` entry of its `connection_init` payload (where our
// gateway reads it) when the upgrade request had none.
function clientAuthorization(request, context) {
  const header = request.headers.get('authorization');
  if (header) return header;
  const params = context?.connectionParams;
  const fromParams = params?.Authorization ?? params?.authorization;
  return typeof fromParams === 'string' && fromParams ? fromParams : undefined;
}

const gateway = createGatewayRuntime({
  supergraph: supergraphPath,
  logging: log,
  // No landing page on 404 and no GraphiQL/Laboratory on GET /graphql from a browser.
  landingPage: false,
  graphiql: false,
  propagateHeaders: {
    // Called once per subgraph request; the headers returned are added to it.
    fromClientToSubgraphs({ request, context, subgraphName }) {
      if (subgraphName !== localSubgraph) return {};
      const authorization = clientAuthorization(request, context);
      return authorization ? { authorization } : {};
    },
  },
});

// Like the CLI's Node server: HTTP and graphql-transport-ws on the GraphQL endpoint (the
// WebSocket server is attached once the port is bound).
const server = createServer({ maxHeaderSize: 16384 }, gateway);
let wsServer;
let wsDisposable;

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  log.info(`Stopping on ${signal}`);
  const fuse = setTimeout(() => process.exit(0), 5000);
  fuse.unref();
  try {
    if (wsServer) {
      for (const client of wsServer.clients) client.terminate();
      await wsDisposable.dispose();
      log.debug('WebSocket server closed');
    }
    server.closeAllConnections();
    await new Promise((done) => server.close(() => done()));
    log.debug('HTTP server closed');
    await gateway[Symbol.asyncDispose]();
    log.debug('Gateway disposed');
  } catch (err) {
    log.warn({ err }, 'Error while stopping');
  }
  process.exit(0);
}
// The gateway registered its own SIGTERM/SIGINT handlers when created: they dispose it
// but do not exit the process.
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

try {
  await gateway.getSchema(); // fails here, not on the first request, on a bad supergraph
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(Number(args.port), HOST, done);
  });
} catch (err) {
  log.error({ err }, 'Hive Gateway failed to start');
  process.exit(1);
}
wsServer = new WebSocketServer({ path: gateway.graphqlEndpoint, server });
wsDisposable = useServer(
  getGraphQLWSOptions(gateway, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    request: normalizeNodeRequest(ctx.extra.request, gateway.fetchAPI),
  })),
  wsServer,
);

const { port } = server.address();
const base = `http://${HOST}:${port}`;
for (let tries = 0; ; tries++) {
  try {
    const res = await fetch(`${base}/readiness`);
    await res.arrayBuffer();
    if (res.status === 200) break;
  } catch {
    // not yet
  }
  if (tries >= 300) {
    log.error('GET /readiness did not answer 200 within 30 s');
    process.exit(1);
  }
  await new Promise((done) => setTimeout(done, 100));
}
process.stdout.write(`listening on ${base}${gateway.graphqlEndpoint}\n`);
