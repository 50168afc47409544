// Deterministic, storage-free data for the peer subgraphs.
//
// A peer holds no database: everything it knows about an entity of the gateway (a FIR, a
// case) is derived from a stable hash of that entity's opaque id, so the same id always
// yields the same records, in any process, on any run. Records the peer mints carry
// their parent's id inside their own (`base64url("Exhibit:<firId>:<n>")`), so they can
// be resolved again by id without any state.

/** 32-bit FNV-1a of a string's UTF-8 bytes. */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * MurmurHash3's 32-bit finaliser. FNV-1a's low bits depend only on the low bits of the
 * input bytes (ids that differ in one character often agree modulo 8), so every draw
 * mixes the hash before it is reduced to a range.
 */
function avalanche(hash) {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * A source of deterministic choices seeded by a string: each `salt` names one
 * independent draw, so adding a field never shifts the values of the others.
 */
export function seeded(seed) {
  const draw = (salt) => avalanche(fnv1a(`${seed}/${salt}`));
  return {
    /** An integer in [0, n). */
    int: (n, salt) => draw(salt) % n,
    /** An integer in [min, max]. */
    between: (min, max, salt) => min + (draw(salt) % (max - min + 1)),
    /** One element of a non-empty list. */
    pick: (list, salt) => list[draw(salt) % list.length],
    /** `count` distinct elements of a list, in list order. */
    some: (list, count, salt) =>
      list
        .map((item, i) => ({ item, key: draw(`${salt}/${i}`) }))
        .sort((a, b) => a.key - b.key)
        .slice(0, count)
        .map(({ item }) => item),
  };
}

/** An opaque global id: base64url (no padding) of the parts joined by `:`. */
export function encodeId(...parts) {
  return Buffer.from(parts.join(':'), 'utf8').toString('base64url');
}

/** The text after `<typename>:` in a decoded global id, or null if it is not one. */
export function decodeId(id, typename) {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  // Re-encoding guards against ids that only decode by accident (stray characters).
  if (Buffer.from(text, 'utf8').toString('base64url') !== id) return null;
  return text.startsWith(`${typename}:`) ? text.slice(typename.length + 1) : null;
}

/** The id of the `n`th child record (1-based) of type `typename` under a parent id. */
export function childId(typename, parentId, n) {
  return encodeId(typename, parentId, n);
}

/**
 * Splits a child id minted by `childId` into `{ parentId, n }`, or null. The parent id is
 * opaque (it may itself contain `:`); the ordinal is whatever follows the last `:`.
 */
export function parseChildId(id, typename) {
  const rest = decodeId(id, typename);
  if (rest === null) return null;
  const cut = rest.lastIndexOf(':');
  if (cut <= 0) return null;
  const n = Number(rest.slice(cut + 1));
  if (!Number.isSafeInteger(n) || n < 1 || String(n) !== rest.slice(cut + 1)) return null;
  return { parentId: rest.slice(0, cut), n };
}

/** The numeric part of a gateway id such as base64url("Fir:123"), or null. */
export function ordinalOf(id, typename) {
  const rest = decodeId(id, typename);
  return rest !== null && /^\d+$/.test(rest) ? Number(rest) : null;
}

/** An ISO date (YYYY-MM-DD) `days` days after `from` (a YYYY-MM-DD string). */
export function addDays(from, days) {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
