// Self-test of the peer subgraphs: starts both peers on free ports, with a throwaway
// JWKS server of its own, and checks federation, determinism, identity, authorisation,
// the request log, the fault knobs and the subscription.
//
//   node selftest.mjs        (exits non-zero on any failure)
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { createClient } from 'graphql-ws';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import WebSocket from 'ws';

const here = new URL('.', import.meta.url).pathname;
const firIds = ['RmlyOjQwMA', 'RmlyOjM5OQ']; // base64url("Fir:400"), base64url("Fir:399")
const KID = 'selftest-1';
const RSA_KID = 'selftest-rsa';

let jwks; // the throwaway JWKS server
let trusted; // the key pair whose public key the JWKS publishes
let stranger; // a key pair nobody published
let rsa; // a published RS256 key pair
let lab; // { url, port, child }
let prosecution;

before(async () => {
  trusted = await generateKeyPair('ES256', { extractable: true });
  stranger = await generateKeyPair('ES256', { extractable: true });
  rsa = await generateKeyPair('RS256', { extractable: true });
  const keys = [
    { ...(await exportJWK(trusted.publicKey)), kid: KID, alg: 'ES256', use: 'sig' },
    { ...(await exportJWK(rsa.publicKey)), kid: RSA_KID, alg: 'RS256', use: 'sig' },
  ];
  jwks = http.createServer((req, res) => {
    res.writeHead(req.url === '/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  jwks.listen(0, '127.0.0.1');
  await once(jwks, 'listening');
  const env = {
    CCTNS_JWKS_URL: `http://127.0.0.1:${jwks.address().port}/.well-known/jwks.json`,
    LAB_TICK_MS: '100',
  };
  [lab, prosecution] = await Promise.all([startPeer('forensic-lab.mjs', env), startPeer('e-prosecution.mjs', env)]);
});

after(async () => {
  for (const peer of [lab, prosecution]) peer?.child.kill('SIGTERM');
  jwks?.close();
});

/** Spawns a peer on a free port and waits for its one `listening on …` line. */
async function startPeer(file, env) {
  const child = spawn(process.execPath, [`${here}${file}`, '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => child.kill(), 15_000);
  for await (const line of lines) {
    const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+)\/graphql)$/.exec(line);
    if (match) {
      clearTimeout(timer);
      return { url: match[1], port: Number(match[2]), origin: new URL(match[1]).origin, child };
    }
    throw new Error(`${file} printed an unexpected line: ${line}`);
  }
  throw new Error(`${file} exited before listening`);
}

function token({ audience = 'forensic-lab', scope, key = trusted.privateKey, kid = KID, alg = 'ES256', expires = '5m' } = {}) {
  const claims = { role: 'IO', unit: 'MH-PUN-KOTH', ...(scope === undefined ? {} : { scope }) };
  return new SignJWT(claims)
    .setProtectedHeader({ alg, kid })
    .setIssuer('cctns-gateway')
    .setAudience(audience)
    .setSubject('officer-4711')
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key);
}

/** POSTs a GraphQL request; returns `{status, body, ms}`. */
async function gql(peer, query, { variables, bearer, operationName, raw } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const started = Date.now();
  const response = await fetch(peer.url, {
    method: 'POST',
    headers,
    body: raw ?? JSON.stringify({ query, variables, operationName }),
  });
  return { status: response.status, body: await response.json(), ms: Date.now() - started };
}

async function knob(peer, path, method, body) {
  const response = await fetch(`${peer.origin}${path}`, { method, body: body && JSON.stringify(body) });
  assert.equal(response.status, 200, `${method} ${path}`);
  return response.json();
}

const FIR_QUERY = `query Firs($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Fir {
      id
      exhibits { id tag description kind seizedOn status fir { id } }
      labReports { id examination issuedOn exhibit { id tag } }
    }
  }
}`;
const firs = (ids) => ({ representations: ids.map((id) => ({ __typename: 'Fir', id })) });

test('_service.sdl carries each peer\'s entity extensions', async () => {
  const labSdl = (await gql(lab, '{ _service { sdl } }')).body.data._service.sdl;
  assert.match(labSdl, /type Fir\s+@key\(fields: "id"\)\s*{[^}]*exhibits: \[Exhibit!\][^}]*labReports: \[LabReport!\]/);
  assert.match(labSdl, /conclusion: String @requiresScopes\(scopes: \[\["police"\], \["court"\], \["prosecution"\]\]\)/);
  assert.match(labSdl, /examiner: String @authenticated/);
  assert.match(labSdl, /labReportIssued: LabReport!/);
  const prosecutionSdl = (await gql(prosecution, '{ _service { sdl } }')).body.data._service.sdl;
  assert.match(prosecutionSdl, /type Case\s+@key\(fields: "id"\)\s*{[^}]*scrutiny: \[ScrutinyResult!\]/);
  assert.match(prosecutionSdl, /prosecutor: String @requiresScopes\(scopes: \[\["police"\], \["prosecution"\]\]\)/);
});

test('_entities gives the same exhibits for the same FIR ids, and ids resolve back', async () => {
  const first = await gql(lab, FIR_QUERY, { variables: firs(firIds) });
  const second = await gql(lab, FIR_QUERY, { variables: firs(firIds) });
  assert.equal(first.status, 200);
  assert.equal(first.body.errors, undefined);
  assert.deepEqual(second.body, first.body);
  const [a, b] = first.body.data._entities;
  assert.deepEqual([a.id, b.id], firIds);
  assert.ok(a.exhibits.length + b.exhibits.length > 0, 'the sample FIRs have exhibits');
  for (const fir of [a, b]) {
    assert.ok(fir.exhibits.length <= 3);
    for (const exhibit of fir.exhibits) {
      assert.match(exhibit.tag, /^EXH-\d{4}\/\d{4}-[A-C]$/);
      assert.match(exhibit.seizedOn, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(exhibit.fir.id, fir.id);
      const byId = await gql(lab, 'query($id: ID!) { exhibit(id: $id) { id tag kind } }', { variables: { id: exhibit.id } });
      assert.deepEqual(byId.body.data.exhibit, { id: exhibit.id, tag: exhibit.tag, kind: exhibit.kind });
    }
    for (const report of fir.labReports) {
      const byId = await gql(lab, 'query($id: ID!) { labReport(id: $id) { id examination exhibit { id } } }', {
        variables: { id: report.id },
      });
      assert.deepEqual(byId.body.data.labReport, { id: report.id, examination: report.examination, exhibit: { id: report.exhibit.id } });
    }
  }
  // Some FIRs have no exhibits at all.
  const many = await gql(lab, FIR_QUERY, { variables: firs(Array.from({ length: 40 }, (_, i) => b64(`Fir:${i + 1}`))) });
  assert.ok(many.body.data._entities.some((fir) => fir.exhibits.length === 0));
  assert.ok(many.body.data._entities.some((fir) => fir.exhibits.length === 3));
});

test('unknown exhibit and report ids resolve to null', async () => {
  const fir = (await gql(lab, FIR_QUERY, { variables: firs(['RmlyOjE']) })).body.data._entities[0];
  const beyond = b64(`Exhibit:RmlyOjE:${fir.exhibits.length + 1}`);
  for (const id of ['nope', beyond, b64('Exhibit:RmlyOjE:0'), b64('Fir:1'), b64(`LabReport:RmlyOjE:${fir.exhibits.length + 1}`)]) {
    const { body } = await gql(lab, 'query($id: ID!) { exhibit(id: $id) { id } labReport(id: $id) { id } }', { variables: { id } });
    assert.deepEqual(body, { data: { exhibit: null, labReport: null } }, id);
  }
});

test('a batched _entities call with many representations works', async () => {
  const ids = Array.from({ length: 1000 }, (_, i) => b64(`Fir:${i + 1}`));
  const { status, body } = await gql(lab, FIR_QUERY, { variables: firs(ids) });
  assert.equal(status, 200);
  assert.equal(body.data._entities.length, 1000);
  assert.deepEqual(body.data._entities.map((fir) => fir.id), ids);
  const cases = await gql(prosecution, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id scrutiny { id stage outcome } } } }', {
    variables: { r: ids.map((_, i) => ({ __typename: 'Case', id: b64(`Case:${i + 1}`) })) },
  });
  assert.equal(cases.body.data._entities.length, 1000);
});

const REPORT_QUERY = 'query Reports($representations: [_Any!]!) { _entities(representations: $representations) { ... on Fir { labReports { id conclusion examiner } } } }';

/** The first FIR (by number) with at least one lab report. */
async function firWithReports() {
  const ids = Array.from({ length: 20 }, (_, i) => b64(`Fir:${i + 1}`));
  const { body } = await gql(lab, 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Fir { id labReports { id } } } }', {
    variables: firs(ids),
  });
  return body.data._entities.find((fir) => fir.labReports.length > 0).id;
}

test('scope "police" sees the conclusion; anonymous callers get FORBIDDEN', async () => {
  const variables = firs([await firWithReports()]);
  const police = await gql(lab, REPORT_QUERY, { variables, bearer: await token({ scope: 'police' }) });
  assert.equal(police.status, 200);
  assert.equal(police.body.errors, undefined);
  for (const report of police.body.data._entities[0].labReports) {
    assert.equal(typeof report.conclusion, 'string');
    assert.equal(typeof report.examiner, 'string');
  }

  const anonymous = await gql(lab, REPORT_QUERY, { variables });
  assert.equal(anonymous.status, 200);
  const report = anonymous.body.data._entities[0].labReports[0];
  assert.equal(report.conclusion, null);
  assert.equal(report.examiner, null);
  const codes = anonymous.body.errors.map((error) => `${error.path.at(-1)}:${error.extensions.code}`);
  assert.ok(codes.includes('conclusion:FORBIDDEN') && codes.includes('examiner:FORBIDDEN'), codes.join());

  // RS256 tokens are accepted as well.
  const rs256 = await gql(lab, REPORT_QUERY, {
    variables,
    bearer: await token({ scope: 'court', key: rsa.privateKey, kid: RSA_KID, alg: 'RS256' }),
  });
  assert.equal(rs256.body.errors, undefined);
  assert.deepEqual(rs256.body, police.body);

  // Signed in, but without any of the scopes: the examiner, not the conclusion.
  const citizen = await gql(lab, REPORT_QUERY, { variables, bearer: await token({ scope: 'public' }) });
  assert.equal(typeof citizen.body.data._entities[0].labReports[0].examiner, 'string');
  assert.equal(citizen.body.data._entities[0].labReports[0].conclusion, null);
  assert.ok(citizen.body.errors.every((error) => error.path.at(-1) === 'conclusion' && error.extensions.code === 'FORBIDDEN'));
});

test('e-prosecution: the prosecutor is for police and prosecution scopes only', async () => {
  const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { scrutiny { id prosecutor } } } }';
  const ids = Array.from({ length: 10 }, (_, i) => ({ __typename: 'Case', id: b64(`Case:${i + 1}`) }));
  const bearer = await token({ audience: 'e-prosecution', scope: 'prosecution' });
  const allowed = await gql(prosecution, query, { variables: { r: ids }, bearer });
  assert.equal(allowed.body.errors, undefined);
  const results = allowed.body.data._entities.flatMap((item) => item.scrutiny);
  assert.ok(results.length > 0 && results.every((result) => typeof result.prosecutor === 'string'));

  const court = await gql(prosecution, query, { variables: { r: ids }, bearer: await token({ audience: 'e-prosecution', scope: 'court' }) });
  assert.ok(court.body.errors.length === results.length);
  assert.ok(court.body.errors.every((error) => error.extensions.code === 'FORBIDDEN'));

  const [first] = results;
  const byId = await gql(prosecution, 'query($id: ID!) { scrutinyResult(id: $id) { id case { id } } }', { variables: { id: first.id } });
  assert.equal(byId.body.data.scrutinyResult.id, first.id);
});

test('invalid tokens are refused with 401 UNAUTHENTICATED', async () => {
  const cases = {
    'another key, same kid': await token({ scope: 'police', key: stranger.privateKey }),
    'another key, unknown kid': await token({ scope: 'police', key: stranger.privateKey, kid: 'who' }),
    'another audience': await token({ scope: 'police', audience: 'e-prosecution' }),
    expired: await token({ scope: 'police', expires: Math.floor(Date.now() / 1000) - 60 }),
    'not a JWT': 'not-a-jwt',
  };
  for (const [name, bearer] of Object.entries(cases)) {
    const { status, body } = await gql(lab, '{ forensicLabs { code } }', { bearer });
    assert.equal(status, 401, name);
    assert.equal(body.errors[0].extensions.code, 'UNAUTHENTICATED', name);
    assert.equal(body.data, undefined, name);
  }
});

test('the request log records claims, and DELETE clears it', async () => {
  await knob(lab, '/_requests', 'DELETE');
  await gql(lab, 'query Labs { forensicLabs { code name state } }', { operationName: 'Labs', bearer: await token({ scope: 'police court' }) });
  await gql(lab, '{ forensicLabs { code } }');
  const log = await knob(lab, '/_requests', 'GET');
  assert.equal(log.length, 2);
  assert.equal(log[0].operationName, 'Labs');
  assert.equal(log[0].hadAuthorization, true);
  assert.equal(log[0].claims.sub, 'officer-4711');
  assert.equal(log[0].claims.scope, 'police court');
  assert.equal(log[0].claims.aud, 'forensic-lab');
  assert.ok(!Number.isNaN(Date.parse(log[0].at)));
  assert.deepEqual([log[1].claims, log[1].hadAuthorization, log[1].query], [null, false, '{ forensicLabs { code } }']);
  await knob(lab, '/_requests', 'DELETE');
  assert.deepEqual(await knob(lab, '/_requests', 'GET'), []);
});

test('PUT /_delay delays GraphQL responses; PUT /_fail makes them fail', async () => {
  await knob(prosecution, '/_delay', 'PUT', { ms: 700 });
  const slow = await gql(prosecution, '{ prosecutionOffices { code } }');
  assert.ok(slow.ms >= 690, `answered in ${slow.ms} ms`);
  assert.equal(slow.body.data.prosecutionOffices.length, 5);
  await knob(prosecution, '/_delay', 'PUT', { ms: 0 });
  assert.ok((await gql(prosecution, '{ prosecutionOffices { code } }')).ms < 500);

  await knob(prosecution, '/_fail', 'PUT', { status: 503 });
  assert.equal((await gql(prosecution, '{ prosecutionOffices { code } }')).status, 503);
  await knob(prosecution, '/_fail', 'PUT', { status: 0 });
  assert.equal((await gql(prosecution, '{ prosecutionOffices { code } }')).status, 200);
});

test('malformed requests get 400', async () => {
  const malformed = await gql(lab, null, { raw: '{"query": ' });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.errors[0].extensions.code, 'BAD_REQUEST');
  assert.equal((await gql(lab, null, { raw: '{"variables": {}}' })).status, 400);
  // A syntax error is a GraphQL error (200 with `errors`, as application/json allows).
  const syntax = await gql(lab, '{ forensicLabs { ');
  assert.equal(syntax.status, 200);
  assert.match(syntax.body.errors[0].message, /Syntax Error/);
});

test('labReportIssued streams reports over graphql-transport-ws', async () => {
  await knob(lab, '/_requests', 'DELETE');
  const client = createClient({
    url: lab.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { Authorization: `Bearer ${await token({ scope: 'police' })}` },
  });
  const received = [];
  try {
    await new Promise((resolve, reject) => {
      const dispose = client.subscribe(
        { query: 'subscription Issued { labReportIssued { id issuedOn conclusion exhibit { tag fir { id } } } }', operationName: 'Issued' },
        {
          next: (result) => {
            received.push(result);
            if (received.length === 3) {
              dispose();
              resolve();
            }
          },
          error: reject,
          complete: resolve,
        },
      );
    });
  } finally {
    await client.dispose();
  }
  assert.equal(received.length, 3);
  const ids = new Set(received.map((result) => result.data.labReportIssued.id));
  assert.equal(ids.size, 3, 'each tick issues a new report');
  for (const { data, errors } of received) {
    assert.equal(errors, undefined);
    assert.equal(typeof data.labReportIssued.conclusion, 'string');
    const byId = await gql(lab, 'query($id: ID!) { labReport(id: $id) { id issuedOn } }', { variables: { id: data.labReportIssued.id } });
    assert.deepEqual(byId.body.data.labReport, { id: data.labReportIssued.id, issuedOn: data.labReportIssued.issuedOn });
  }
  const [entry] = await knob(lab, '/_requests', 'GET');
  assert.equal(entry.operationName, 'Issued');
  assert.equal(entry.claims.sub, 'officer-4711');
  assert.equal(entry.hadAuthorization, true);
  assert.equal(entry.transport, 'websocket');
});

test('GET queries, and subscriptions over server-sent events', async () => {
  const get = await fetch(`${lab.url}?query=${encodeURIComponent('{ forensicLabs { code } }')}`);
  assert.equal(get.status, 200);
  assert.equal((await get.json()).data.forensicLabs[0].code, 'FSL-MH-MUM');

  const controller = new AbortController();
  const query = encodeURIComponent('subscription { labReportIssued { id } }');
  const response = await fetch(`${lab.url}?query=${query}`, {
    headers: { accept: 'text/event-stream' },
    signal: controller.signal,
  });
  assert.match(response.headers.get('content-type'), /^text\/event-stream/);
  const reader = response.body.getReader();
  let text = '';
  while ((text.match(/^event: next$/gm) ?? []).length < 2) text += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  const events = [...text.matchAll(/^data: (.*)$/gm)].map((match) => JSON.parse(match[1]));
  assert.ok(events.length >= 2 && events.every((event) => typeof event.data.labReportIssued.id === 'string'));
});

test('a WebSocket with an invalid token is closed with 4401', async () => {
  const client = createClient({
    url: lab.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { Authorization: `Bearer ${await token({ key: stranger.privateKey })}` },
  });
  const outcome = await new Promise((resolve) => {
    client.subscribe({ query: 'subscription { labReportIssued { id } }' }, { next: () => {}, error: resolve, complete: () => resolve(null) });
  });
  await client.dispose();
  assert.equal(outcome?.code, 4401);
});

test('Hive Gateway serves a supergraph composed of both peers', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'peers-')), 'supergraph.graphql');
  await execFileAsync(process.execPath, [
    `${here}compose-supergraph.mjs`,
    file,
    `forensic-lab=${lab.url}`,
    `e-prosecution=${prosecution.url}`,
  ]);
  const port = await freePort();
  const hive = spawn(
    process.execPath,
    [`${here}node_modules/.bin/hive-gateway`, 'supergraph', file, '--host', '127.0.0.1', '--port', String(port)],
    { stdio: 'ignore' },
  );
  try {
    const gateway = { url: `http://127.0.0.1:${port}/graphql` };
    for (let tries = 0; ; tries += 1) {
      const ready = await fetch(`http://127.0.0.1:${port}/readiness`).then((r) => r.ok, () => false);
      if (ready) break;
      assert.ok(tries < 150, 'Hive Gateway did not become ready in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { status, body } = await gql(gateway, '{ forensicLabs { code } prosecutionOffices { code } }');
    assert.equal(status, 200);
    assert.equal(body.errors, undefined);
    assert.deepEqual([body.data.forensicLabs.length, body.data.prosecutionOffices.length], [6, 5]);
    const fir = await firWithReports();
    const exhibit = (await gql(lab, FIR_QUERY, { variables: firs([fir]) })).body.data._entities[0].exhibits[0];
    const nested = await gql(gateway, 'query($id: ID!) { exhibit(id: $id) { tag fir { id exhibits { tag } } } }', {
      variables: { id: exhibit.id },
    });
    assert.equal(nested.body.data.exhibit.tag, exhibit.tag);
    assert.equal(nested.body.data.exhibit.fir.id, fir);
  } finally {
    hive.kill('SIGTERM');
  }
});

test('SIGTERM ends a peer cleanly', async () => {
  const peer = await startPeer('e-prosecution.mjs', {});
  const exited = once(peer.child, 'exit');
  peer.child.kill('SIGTERM');
  const [code, signal] = await exited;
  assert.deepEqual([code, signal], [0, null]);
});

const execFileAsync = promisify(execFile);

/** A port nothing listens on now. */
async function freePort() {
  const probe = http.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  return port;
}

function b64(text) {
  return Buffer.from(text).toString('base64url');
}
