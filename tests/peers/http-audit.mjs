// The GraphQL-over-HTTP conformance audit of the `graphql-http` reference implementation,
// run against a live gateway:
//
//   node http-audit.mjs http://127.0.0.1:PORT/graphql
//
// Prints one JSON object: every audit's id, name ("MUST …", "SHOULD …", "MAY …"), status
// (ok, notice, warn, error) and reason. The e2e test `http_audit` asserts no MUST fails.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
const results = await auditServer({ url });
console.log(JSON.stringify(results.map(({ id, name, status, reason }) => ({ id, name, status, reason: reason ?? null }))));
