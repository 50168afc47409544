// Composes running subgraphs into a Federation v2 supergraph file, with The Guild's
// composition (the library behind Hive), for a reference gateway such as Hive Gateway.
// Each subgraph's SDL is read from its `_service { sdl }`; its URL goes into the
// supergraph as the address the gateway will call.
//
//   node compose-supergraph.mjs OUT_FILE NAME=URL [NAME=URL ...]
//
// e.g.
//   node compose-supergraph.mjs supergraph.graphql \
//     cctns=http://127.0.0.1:18080/graphql \
//     forensic-lab=http://127.0.0.1:4001/graphql \
//     e-prosecution=http://127.0.0.1:4002/graphql
import { writeFileSync } from 'node:fs';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';

const [out, ...specs] = process.argv.slice(2);
if (!out || specs.length === 0 || specs.some((spec) => !/^[^=]+=https?:\/\/.+/.test(spec))) {
  console.error('usage: node compose-supergraph.mjs OUT_FILE NAME=URL [NAME=URL ...]');
  process.exit(2);
}

const services = await Promise.all(
  specs.map(async (spec) => {
    const [name, url] = [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)];
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    const body = await response.json();
    const sdl = body?.data?._service?.sdl;
    if (!sdl) throw new Error(`${name}: no _service.sdl from ${url} (HTTP ${response.status})`);
    return { name, url, typeDefs: parse(sdl) };
  }),
);

const result = composeServices(services);
if (result.errors && result.errors.length > 0) {
  for (const error of result.errors) console.error(`composition error: ${error.message}`);
  process.exit(1);
}
writeFileSync(out, result.supergraphSdl);
console.log(`composed ${services.map((service) => service.name).join(', ')} into ${out}`);
