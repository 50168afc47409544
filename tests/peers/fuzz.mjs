// A schema-driven fuzzer: generates random GraphQL operations from the gateway's own
// schema (introspected over HTTP) and sends them, as random callers, checking that no
// answer is a 5xx or not JSON.
//
//   node fuzz.mjs URL COUNT SEED TOKEN...
//
// Operations are queries (4 in 5) and mutations, 1 to 4 fields per level, up to 4 levels
// deep, with arguments built from their types: typical, boundary and hostile values
// (empty, huge, SQL and control characters, wrong ids), and in 1 of 10 arguments a
// value of the wrong type. Prints one JSON object: counts by HTTP status and by error
// code, the failures (5xx or unreadable answers) and the first operations answered
// INTERNAL, each with the operation that caused it.
import { buildClientSchema, getIntrospectionQuery, getNamedType, isEnumType, isInputObjectType,
  isInterfaceType, isLeafType, isListType, isNonNullType, isObjectType, isUnionType } from 'graphql';

const [url, countText, seedText, ...tokens] = process.argv.slice(2);
const count = Number(countText);
let state = Number(seedText) >>> 0;
// mulberry32: the same seed, the same operations.
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const chance = (p) => random() < p;

async function post(body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text };
}

const introspection = JSON.parse((await post({ query: getIntrospectionQuery() }, tokens[0])).text);
const schema = buildClientSchema(introspection.data);

const b64 = (s) => Buffer.from(s).toString('base64url');
const STRINGS = ['', 'MH-PUN-PS001', 'MH', 'IN', 'Ramesh Kumar', 'mohd salim', 'MH12AB1234', 'x'.repeat(2000),
  "'; DROP TABLE fir; --", '%_\\', '\u0000\u0007', 'ज़ाकिर हुसैन', '2026-11-29', 'BNS', '303(2)', '{"a":1}'];
const IDS = ['', 'garbage', b64('Fir:1'), b64('Fir:999999999'), b64('Person:1'), b64('Case:1'),
  b64('PoliceStation:1'), b64('Officer:1'), b64('Fir:-1'), b64('Nope:1'), b64('Fir:1e9'), 'RmlyOjE'];
const INTS = [0, 1, -1, 2, 5, 20, 50, 100, 101, 2147483647, -2147483648];
const FLOATS = [0, 1.5, -3.25, 1e308, -1e-308];
const DATES = ['2026-11-29T10:00:00Z', '1900-01-01T00:00:00Z', '2999-12-31T23:59:59Z', 'yesterday', '2026-13-45T99:00:00Z'];
const DAYS = ['2026-11-29', '2024-02-29', '2025-02-29', 'not-a-date'];

/** A GraphQL literal for a value of `type`, at nesting `depth`. */
function literal(type, depth) {
  if (chance(0.1)) return pick(['"wrong"', '42', 'true', 'null', '[1, 2]', '{ x: 1 }', 'NOT_AN_ENUM']);
  if (isNonNullType(type)) return literal(type.ofType, depth);
  if (isListType(type)) {
    const n = Math.floor(random() * 3);
    return `[${Array.from({ length: n }, () => literal(type.ofType, depth + 1)).join(', ')}]`;
  }
  if (isEnumType(type)) return pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    if (depth > 3) return '{}';
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || chance(0.5));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, depth + 1)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'Int': return String(pick(INTS));
    case 'Float': return String(pick(FLOATS));
    case 'Boolean': return pick(['true', 'false']);
    case 'ID': return JSON.stringify(pick(IDS));
    case 'DateTime': return JSON.stringify(pick(DATES));
    case 'NaiveDate': case 'Date': return JSON.stringify(pick(DAYS));
    default: return JSON.stringify(pick(STRINGS));
  }
}

/** The arguments of `field`: every required one, optional ones at random. */
function argumentsOf(field) {
  const args = field.args.filter((a) => isNonNullType(a.type) || chance(0.4));
  return args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type, 0)}`).join(', ')})` : '';
}

/** A selection set on `type` with `depth` levels left. */
function selection(type, depth) {
  if (isUnionType(type) || isInterfaceType(type)) {
    const possible = schema.getPossibleTypes(type);
    return `{ __typename ${possible.length ? `... on ${pick(possible).name} ${selection(pick(possible), depth)}` : ''} }`;
  }
  const fields = Object.values(type.getFields()).filter((f) => !f.name.startsWith('_'));
  const usable = depth > 0 ? fields : fields.filter((f) => isLeafType(getNamedType(f.type)));
  if (!usable.length) return '{ __typename }';
  const chosen = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(usable));
  const parts = chosen.map((field, i) => {
    const named = getNamedType(field.type);
    const alias = `f${i}: `;
    const inner = isLeafType(named) ? '' : ` ${selection(named, depth - 1)}`;
    return `${alias}${field.name}${argumentsOf(field)}${inner}`;
  });
  return `{ ${parts.join(' ')} }`;
}

function operation() {
  const mutation = schema.getMutationType();
  if (mutation && chance(0.2)) return `mutation ${selection(mutation, 2)}`;
  return `query ${selection(schema.getQueryType(), 1 + Math.floor(random() * 4))}`;
}

const statuses = {};
const codes = {};
const failures = [];
// Operations answered INTERNAL (a server-side fault, not the caller's): the first 20.
const internal = [];
for (let i = 0; i < count; i += 1) {
  const query = operation();
  const token = chance(0.2) ? undefined : pick(tokens);
  let answer;
  try {
    answer = await post({ query }, token);
  } catch (error) {
    failures.push({ query, error: String(error) });
    continue;
  }
  statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  let body;
  try {
    body = JSON.parse(answer.text);
  } catch {
    failures.push({ query, status: answer.status, body: answer.text.slice(0, 200) });
    continue;
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code ?? 'NONE';
    codes[code] = (codes[code] ?? 0) + 1;
    if (code === 'INTERNAL' && internal.length < 20) internal.push({ query, path: error.path, message: error.message });
  }
  if (answer.status >= 500) failures.push({ query, status: answer.status, body: answer.text.slice(0, 300) });
}
console.log(JSON.stringify({ operations: count, statuses, codes, failures, internal }));
