// A state Directorate of Prosecution's subgraph (e-Prosecution): the scrutiny of a
// case's police papers by a public prosecutor, before a chargesheet or final report is
// filed, a bail is opposed or an appeal is preferred. It extends the gateway's `Case`
// entity; its data is derived from the case's id (see lib/derive.mjs).
//
//   node e-prosecution.mjs [--port 4002]
import { addDays, childId, parseChildId, seeded } from './lib/derive.mjs';
import { startPeer } from './lib/server.mjs';

const typeDefs = /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@requiresScopes"])

  "A case of the CCTNS gateway, with its scrutiny by the prosecution."
  type Case @key(fields: "id") {
    id: ID!
    "The prosecution's scrutiny of this case's papers, oldest first (none when none was sought)."
    scrutiny: [ScrutinyResult!]
  }

  "What the papers were scrutinised for."
  enum ScrutinyStage {
    CHARGESHEET
    FINAL_REPORT
    BAIL_OPPOSITION
    APPEAL
  }

  "What the prosecutor decided."
  enum ScrutinyOutcome {
    FIT_FOR_FILING
    RETURNED_FOR_DEFICIENCIES
    PENDING
  }

  "One scrutiny of a case's papers by a public prosecutor."
  type ScrutinyResult {
    id: ID!
    stage: ScrutinyStage!
    outcome: ScrutinyOutcome!
    "What the police must cure before filing (empty unless returned)."
    deficiencies: [String!]!
    "When the prosecutor decided (ISO date); null while pending."
    decidedOn: String
    "The prosecutor who scrutinised the papers: for the police and the prosecution only."
    prosecutor: String @requiresScopes(scopes: [["police"], ["prosecution"]])
    case: Case!
  }

  "An office of the Directorate of Prosecution."
  type ProsecutionOffice {
    code: String!
    name: String!
    district: String!
    state: String!
  }

  type Query {
    prosecutionOffices: [ProsecutionOffice!]
    scrutinyResult(id: ID!): ScrutinyResult
  }
`;

const OFFICES = [
  { code: 'DOP-MH-MUM', name: 'Directorate of Prosecution, Maharashtra State', district: 'Mumbai', state: 'Maharashtra' },
  {
    code: 'DOP-MH-PUN',
    name: 'Office of the District Government Pleader and Public Prosecutor, Pune',
    district: 'Pune',
    state: 'Maharashtra',
  },
  {
    code: 'DOP-KA-BLR',
    name: 'Office of the Deputy Director of Prosecution, Bengaluru Urban',
    district: 'Bengaluru Urban',
    state: 'Karnataka',
  },
  { code: 'DOP-DL-THC', name: 'Office of the Chief Prosecutor, Tis Hazari Courts', district: 'Central Delhi', state: 'Delhi' },
  { code: 'DOP-UP-LKO', name: 'Directorate of Prosecution, Uttar Pradesh', district: 'Lucknow', state: 'Uttar Pradesh' },
];

const DEFICIENCIES = [
  'Certificate under Section 63 of the Bharatiya Sakshya Adhiniyam for electronic records not enclosed',
  'FSL report on the seized exhibits awaited',
  'Statements of two eyewitnesses under Section 180 BNSS not recorded',
  'Sanction for prosecution under Section 218 BNSS not obtained',
  'Seizure panchnama not signed by independent witnesses',
  'Medico-legal certificate of the injured not attached',
  'Test identification parade not conducted',
  'Call detail records not authenticated by the service provider',
];

const PROSECUTORS = [
  'Adv. Meera Deshpande, Assistant Public Prosecutor',
  'Adv. Rajesh Gowda, Additional Public Prosecutor',
  'Adv. Farhan Qureshi, Public Prosecutor',
  'Adv. Kavita Iyer, Assistant Public Prosecutor',
  'Adv. Sunil Yadav, Special Public Prosecutor (NDPS)',
];

/** The case's scrutinies: 0 to 3, from the hash of its id. */
function scrutinyOf(caseId) {
  const count = seeded(caseId).int(4, 'scrutiny');
  return Array.from({ length: count }, (_, i) => scrutiny(caseId, i + 1, count));
}

/** The `n`th of a case's `count` scrutinies; only the last one can still be pending. */
function scrutiny(caseId, n, count) {
  const draw = seeded(`${caseId}#${n}`);
  // The first scrutiny is of the police report; later ones of what followed it.
  const stage =
    n === 1
      ? draw.pick(['CHARGESHEET', 'CHARGESHEET', 'FINAL_REPORT'], 'stage')
      : draw.pick(['CHARGESHEET', 'BAIL_OPPOSITION', 'APPEAL'], 'stage');
  const pending = n === count && draw.int(3, 'pending') === 0;
  const outcome = pending ? 'PENDING' : draw.pick(['FIT_FOR_FILING', 'RETURNED_FOR_DEFICIENCIES'], 'outcome');
  const start = addDays(`${seeded(caseId).between(2023, 2025, 'year')}-01-01`, seeded(caseId).int(200, 'start'));
  return {
    id: childId('ScrutinyResult', caseId, n),
    caseId,
    stage,
    outcome,
    deficiencies:
      outcome === 'RETURNED_FOR_DEFICIENCIES' ? draw.some(DEFICIENCIES, draw.between(1, 3, 'count'), 'which') : [],
    decidedOn: pending ? null : addDays(start, 45 * (n - 1) + draw.int(30, 'decided')),
    prosecutor: draw.pick(PROSECUTORS, 'prosecutor'),
  };
}

const resolvers = {
  Query: {
    prosecutionOffices: () => OFFICES,
    scrutinyResult: (_, { id }) => {
      const parsed = parseChildId(id, 'ScrutinyResult');
      if (!parsed) return null;
      return scrutinyOf(parsed.parentId)[parsed.n - 1] ?? null;
    },
  },
  Case: {
    scrutiny: (item) => scrutinyOf(item.id),
  },
  ScrutinyResult: {
    case: (result) => ({ id: result.caseId }),
  },
};

await startPeer({ name: 'e-prosecution', defaultPort: 4002, typeDefs, resolvers });
