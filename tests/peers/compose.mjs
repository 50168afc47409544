// Composes the gateway's federation SDL with a sample forensic-lab subgraph using
// The Guild's federation composition (the library behind Hive), and fails on any error.
//
//   node compose.mjs path/to/cctns.graphql
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';

const [sdlPath] = process.argv.slice(2);
if (!sdlPath) {
  console.error('usage: node compose.mjs CCTNS_SDL_FILE');
  process.exit(2);
}

// A forensic lab's subgraph that extends two of our entities by key.
const forensics = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Fir @key(fields: "id") { id: ID! forensicReports: [ForensicReport!]! }
  type Person @key(fields: "id") { id: ID! dnaProfileOnFile: Boolean! }
  type ForensicReport { labCode: String! exhibit: String! finding: String! }
`;

const result = composeServices([
  { name: 'cctns', typeDefs: parse(readFileSync(sdlPath, 'utf8')) },
  { name: 'forensics', typeDefs: parse(forensics) },
]);

if (result.errors && result.errors.length > 0) {
  for (const error of result.errors) console.error(`composition error: ${error.message}`);
  process.exit(1);
}
const entities = ['PoliceStation', 'Person', 'Fir', 'Case', 'CourtCase', 'Hearing', 'PrisonRecord'];
const supergraph = result.supergraphSdl;
for (const entity of entities) {
  if (!new RegExp(`type ${entity}\\b[^{]*@join__type\\(graph: CCTNS, key: "id"`).test(supergraph)) {
    console.error(`composition: ${entity} is not an entity keyed by id`);
    process.exit(1);
  }
}
console.log(`federation composition: ok (${entities.length} entities keyed by id, composed with a forensics subgraph)`);
