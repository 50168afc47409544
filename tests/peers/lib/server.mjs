// Everything a peer subgraph needs besides its schema and data: GraphQL over HTTP and
// over WebSocket (graphql-transport-ws) on one port, JWT verification against the
// gateway's JWKS, field-level authorisation taken from the SDL's own directives, and the
// request log and fault knobs the end-to-end tests drive.
//
// A peer is one call:
//
//   await startPeer({ name: 'forensic-lab', defaultPort: 4001, typeDefs, resolvers });
import http from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  GraphQLError,
  Kind,
  defaultFieldResolver,
  execute,
  getOperationAST,
  parse,
  subscribe,
  validate,
  valueFromASTUntyped,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { WebSocketServer } from 'ws';

const GRAPHQL_PATH = '/graphql';
// Large enough for a batched `_entities` call with thousands of representations.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Starts a peer; resolves once it listens. Returns `{ port, close }`. */
export async function startPeer({ name: defaultName, defaultPort, typeDefs, resolvers }) {
  const name = process.env.PEER_NAME || defaultName;
  const port = portFromArgs(defaultPort);
  const document = parse(typeDefs);
  const schema = buildSubgraphSchema({ typeDefs: document, resolvers });
  enforcePolicies(schema, policiesOf(document));

  const identity = createIdentity({
    jwksUrl: process.env.CCTNS_JWKS_URL,
    issuer: process.env.PEER_ISSUER || 'cctns-gateway',
    audience: name,
  });
  const log = [];
  const faults = { delayMs: 0, failStatus: 0 };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error) => {
      process.stderr.write(`${name}: ${error.stack || error}\n`);
      if (!res.headersSent) sendJson(res, 500, errorBody(error.message, 'INTERNAL'));
      else res.destroy();
    });
  });

  async function route(req, res) {
    const path = new URL(req.url, 'http://peer').pathname;
    if (path === GRAPHQL_PATH) {
      if (req.method !== 'POST' && req.method !== 'GET') {
        return sendJson(res, 405, errorBody('Use POST or GET (or a WebSocket) for GraphQL', 'BAD_REQUEST'), {
          allow: 'GET, POST',
        });
      }
      return serveGraphql(req, res);
    }
    if (path === '/_requests' && req.method === 'GET') return sendJson(res, 200, log);
    if (path === '/_requests' && req.method === 'DELETE') {
      log.length = 0;
      return sendJson(res, 200, { cleared: true });
    }
    if (path === '/_delay' && req.method === 'PUT') {
      const { ms } = await readJson(req).catch(() => ({}));
      if (!Number.isSafeInteger(ms) || ms < 0) {
        return sendJson(res, 400, errorBody('Expected {"ms": N} with N >= 0', 'BAD_REQUEST'));
      }
      faults.delayMs = ms;
      return sendJson(res, 200, { ms });
    }
    if (path === '/_fail' && req.method === 'PUT') {
      const { status } = await readJson(req).catch(() => ({}));
      if (!Number.isSafeInteger(status) || (status !== 0 && (status < 100 || status > 599))) {
        return sendJson(res, 400, errorBody('Expected {"status": 0 or an HTTP status}', 'BAD_REQUEST'));
      }
      faults.failStatus = status;
      return sendJson(res, 200, { status });
    }
    return sendJson(res, 404, errorBody(`No route for ${req.method} ${path}`, 'NOT_FOUND'));
  }

  /**
   * One GraphQL-over-HTTP request: a JSON answer, or, when the client accepts
   * `text/event-stream` (as Hive Gateway does for subgraph subscriptions), a stream of
   * GraphQL-over-SSE `next` events ended by `complete`.
   */
  async function serveGraphql(req, res) {
    const admitted = await admit(req);
    if (faults.delayMs > 0) await sleep(faults.delayMs);
    if (admitted.refusal) return sendJson(res, admitted.status, admitted.refusal);
    const { request, contextValue } = admitted;
    if (!/\btext\/event-stream\b/.test(req.headers.accept ?? '')) {
      return sendJson(res, 200, await run(request, contextValue, false));
    }
    const result = await run(request, contextValue, true);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    if (Symbol.asyncIterator in result) {
      res.once('close', () => result.return?.());
      for await (const value of result) res.write(`event: next\ndata: ${JSON.stringify(value)}\n\n`);
    } else {
      res.write(`event: next\ndata: ${JSON.stringify(result)}\n\n`);
    }
    res.end('event: complete\ndata:\n\n');
  }

  /**
   * Reads, authenticates and logs a request: `{request, contextValue}` to run it, or
   * `{status, refusal}` (400 malformed, 401 bad token, or the injected failure).
   */
  async function admit(req) {
    let request;
    try {
      request = req.method === 'GET' ? requestFromUrl(req.url) : await readJson(req);
    } catch (error) {
      return { status: error.status || 400, refusal: errorBody(error.message, 'BAD_REQUEST') };
    }
    const problem = requestProblem(request);
    if (problem) return { status: 400, refusal: errorBody(problem, 'BAD_REQUEST') };

    const header = req.headers.authorization;
    let claims = null;
    let unauthenticated = null;
    try {
      claims = await identity.verify(header);
    } catch (error) {
      unauthenticated = error.message;
    }
    log.push(logEntry(request, claims, header !== undefined, 'http'));

    if (unauthenticated) return { status: 401, refusal: errorBody(unauthenticated, 'UNAUTHENTICATED') };
    if (faults.failStatus) {
      const message = `Injected failure (HTTP ${faults.failStatus})`;
      return { status: faults.failStatus, refusal: errorBody(message, 'INJECTED_FAILURE') };
    }
    return { request, contextValue: contextFor(claims) };
  }

  /**
   * Parses, validates and runs an operation; request errors become `{errors}`. With
   * `streaming`, a subscription gives an async iterator of results; without, it is
   * refused (a plain JSON answer cannot carry it).
   */
  async function run({ query, variables, operationName }, contextValue, streaming) {
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return { errors: [error] };
    }
    const errors = validate(schema, document);
    if (errors.length > 0) return { errors };
    const args = {
      schema,
      document,
      variableValues: variables ?? undefined,
      operationName: operationName ?? undefined,
      contextValue,
    };
    if (getOperationAST(document, operationName)?.operation === 'subscription') {
      if (streaming) return subscribe(args);
      return {
        errors: [new GraphQLError(`Subscriptions need a WebSocket or Accept: text/event-stream at ${GRAPHQL_PATH}`)],
      };
    }
    return execute(args);
  }

  // Subscriptions (and any other operation) over graphql-transport-ws on the same path.
  // The token comes from the connection_init payload (`Authorization` / `authorization`),
  // or else from the upgrade request's Authorization header.
  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH });
  useServer(
    {
      schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = params.Authorization ?? params.authorization ?? ctx.extra.request.headers.authorization;
        try {
          ctx.extra.claims = await identity.verify(header);
          ctx.extra.hadAuthorization = header != null;
          return true;
        } catch (error) {
          // 4401 Unauthorized; a close reason may hold at most 123 bytes.
          ctx.extra.socket.close(4401, `Unauthorized: ${error.message}`.slice(0, 120));
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        log.push(logEntry(payload, ctx.extra.claims, ctx.extra.hadAuthorization, 'websocket'));
      },
      context: (ctx) => contextFor(ctx.extra.claims),
    },
    wss,
  );

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;

  const close = () =>
    new Promise((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => close().then(() => process.exit(0)));
  }

  // The one line on stdout: the Rust tests wait for it.
  process.stdout.write(`listening on http://127.0.0.1:${actualPort}${GRAPHQL_PATH}\n`);
  return { port: actualPort, close };
}

// ---------------------------------------------------------------------------------------
// Identity

/**
 * Verifies `Authorization: Bearer <jwt>` headers against the gateway's JWKS. `verify`
 * resolves to the token's claims, to null when there is no header, and rejects with a
 * message for a header that is present but not a valid token. Without a JWKS URL no
 * token is accepted at all, so a peer never trusts an unverified header.
 */
export function createIdentity({ jwksUrl, issuer, audience }) {
  const keys = jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : null;
  return {
    async verify(header) {
      if (header === undefined || header === null) return null;
      if (!keys) throw new Error('This peer accepts no tokens: CCTNS_JWKS_URL is not set');
      const match = /^Bearer\s+(\S+)\s*$/i.exec(String(header));
      if (!match) throw new Error('Expected "Authorization: Bearer <jwt>"');
      try {
        const { payload } = await jwtVerify(match[1], keys, {
          issuer,
          audience,
          algorithms: ['ES256', 'RS256'],
        });
        return payload;
      } catch (error) {
        throw new Error(`Invalid token: ${error.code || error.name}: ${error.message}`);
      }
    },
  };
}

/** The resolvers' context: the verified claims (null when anonymous) and their scopes. */
function contextFor(claims) {
  const scope = typeof claims?.scope === 'string' ? claims.scope : '';
  return { claims: claims ?? null, scopes: new Set(scope.split(/\s+/).filter(Boolean)) };
}

// ---------------------------------------------------------------------------------------
// Authorisation (defence in depth)

/**
 * The access rules the SDL declares, as `Map<"Type.field", {authenticated, scopes}>`:
 * `@authenticated` and `@requiresScopes(scopes: [[a, b], [c]])` (any inner list, all of
 * its scopes) on fields, or on an object type for all of its fields.
 */
function policiesOf(document) {
  const policies = new Map();
  const ruleOf = (directives = []) => {
    let rule = null;
    for (const directive of directives) {
      if (directive.name.value === 'authenticated') rule = { ...rule, authenticated: true };
      if (directive.name.value === 'requiresScopes') {
        const argument = directive.arguments.find((arg) => arg.name.value === 'scopes');
        rule = { ...rule, scopes: valueFromASTUntyped(argument.value) };
      }
    }
    return rule;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeRule = ruleOf(definition.directives);
    for (const field of definition.fields ?? []) {
      const fieldRule = ruleOf(field.directives);
      if (typeRule || fieldRule) {
        policies.set(`${definition.name.value}.${field.name.value}`, { ...typeRule, ...fieldRule });
      }
    }
  }
  return policies;
}

/** Wraps the resolver of every guarded field so that it checks the caller's claims. */
function enforcePolicies(schema, policies) {
  for (const [coordinate, rule] of policies) {
    const [typeName, fieldName] = coordinate.split('.');
    const field = schema.getType(typeName).getFields()[fieldName];
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context, info) => {
      const refusal = refusalOf(rule, context);
      if (refusal) {
        throw new GraphQLError(`Not authorised to read ${coordinate}: ${refusal}`, {
          extensions: { code: 'FORBIDDEN' },
        });
      }
      return resolve(source, args, context, info);
    };
  }
}

/** Why `rule` refuses the caller, or null when it allows. */
function refusalOf(rule, { claims, scopes }) {
  if (!claims) return 'an authenticated caller is required';
  if (rule.scopes && !rule.scopes.some((all) => all.every((scope) => scopes.has(scope)))) {
    return `requires scope ${rule.scopes.map((all) => all.join(' + ')).join(' or ')}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// HTTP plumbing

/** Why a parsed body is not a GraphQL-over-HTTP request, or null. */
function requestProblem(request) {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    return 'The body must be a JSON object {query, variables, operationName}';
  }
  if (typeof request.query !== 'string') return 'The request has no "query" string';
  if (request.variables != null && (typeof request.variables !== 'object' || Array.isArray(request.variables))) {
    return '"variables" must be an object';
  }
  if (request.operationName != null && typeof request.operationName !== 'string') {
    return '"operationName" must be a string';
  }
  return null;
}

/** The GraphQL request of a GET: `?query=…&variables=<json>&operationName=…`. */
function requestFromUrl(url) {
  const params = new URL(url, 'http://peer').searchParams;
  const json = (name) => {
    const text = params.get(name);
    try {
      return text === null || text === '' ? undefined : JSON.parse(text);
    } catch {
      throw Object.assign(new Error(`Malformed JSON in "${name}"`), { status: 400 });
    }
  };
  return {
    query: params.get('query') ?? undefined,
    variables: json('variables'),
    operationName: params.get('operationName') || undefined,
    extensions: json('extensions'),
  };
}

function logEntry({ operationName, query, variables }, claims, hadAuthorization, transport) {
  return {
    at: new Date().toISOString(),
    transport,
    operationName: operationName ?? null,
    query: query ?? null,
    variables: variables ?? null,
    claims: claims ?? null,
    hadAuthorization: Boolean(hadAuthorization),
  };
}

/** Reads and parses a JSON body; rejects with `{status, message}` (400 or 413). */
async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('Request body too large'), { status: 413 });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw Object.assign(new Error(`Malformed JSON body: ${error.message}`), { status: 400 });
  }
}

function errorBody(message, code) {
  return { errors: [{ message, extensions: { code } }] };
}

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `--port N`, `--port=N`, else `$PORT`, else the peer's default. */
function portFromArgs(defaultPort) {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const text = at < 0 ? process.env.PORT : args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
  if (text === undefined || text === '') return defaultPort;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port: ${text}`);
  }
  return port;
}
