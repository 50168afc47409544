// The State Forensic Science Laboratory's subgraph: the exhibits a police station sent
// to a forensic lab for an FIR, and the lab's reports on them. It extends the gateway's
// `Fir` entity; its data is derived from the FIR's id (see lib/derive.mjs).
//
//   node forensic-lab.mjs [--port 4001]
import { addDays, childId, encodeId, ordinalOf, parseChildId, seeded } from './lib/derive.mjs';
import { startPeer } from './lib/server.mjs';
import { createTicker } from './lib/ticker.mjs';

const typeDefs = /* GraphQL */ `
  extend schema
    @link(
      url: "https://specs.apollo.dev/federation/v2.7"
      import: ["@key", "@requiresScopes", "@authenticated"]
    )

  "An FIR of the CCTNS gateway, with what its exhibits became at the forensic lab."
  # The fields this lab adds are nullable: when the lab is unreachable, a gateway nulls
  # them alone and the rest of an officer's answer stands.
  type Fir @key(fields: "id") {
    id: ID!
    "Exhibits forwarded to the lab for this FIR (none when nothing was sent)."
    exhibits: [Exhibit!]
    "The lab's reports on this FIR's exhibits (examined exhibits only)."
    labReports: [LabReport!]
  }

  "What an exhibit is."
  enum ExhibitKind {
    BLOOD_SAMPLE
    FINGERPRINT
    WEAPON
    DIGITAL_DEVICE
    VISCERA
    DOCUMENT
    NARCOTIC_SAMPLE
    CLOTHING
  }

  "Where an exhibit stands at the lab."
  enum ExhibitStatus {
    RECEIVED
    UNDER_EXAMINATION
    EXAMINED
    RETURNED
  }

  "A seized article forwarded to the lab for examination."
  type Exhibit {
    id: ID!
    "The lab's tag, e.g. EXH-0001/2025-A."
    tag: String!
    description: String!
    kind: ExhibitKind!
    "When it was seized (ISO date)."
    seizedOn: String!
    status: ExhibitStatus!
    fir: Fir!
  }

  "The lab's report on one exhibit."
  type LabReport {
    id: ID!
    exhibit: Exhibit!
    "The examination made, e.g. DNA profiling."
    examination: String!
    "When the report was issued (ISO date)."
    issuedOn: String!
    "The finding: for the police, the court and the prosecution only."
    conclusion: String @requiresScopes(scopes: [["police"], ["court"], ["prosecution"]])
    "The scientific officer who signed the report."
    examiner: String @authenticated
  }

  "A forensic science laboratory."
  type ForensicLab {
    code: String!
    name: String!
    state: String!
  }

  type Query {
    labReport(id: ID!): LabReport
    exhibit(id: ID!): Exhibit
    forensicLabs: [ForensicLab!]
  }

  type Subscription {
    "Each report the lab issues, as it is issued."
    labReportIssued: LabReport!
  }
`;

const LABS = [
  { code: 'FSL-MH-MUM', name: 'State FSL Kalina, Mumbai', state: 'Maharashtra' },
  { code: 'RFSL-MH-NGP', name: 'Regional FSL Nagpur', state: 'Maharashtra' },
  { code: 'FSL-KA-BLR', name: 'State FSL Madiwala, Bengaluru', state: 'Karnataka' },
  { code: 'FSL-TN-CHE', name: 'Forensic Sciences Department, Chennai', state: 'Tamil Nadu' },
  { code: 'FSL-GJ-GNR', name: 'Directorate of Forensic Science, Gandhinagar', state: 'Gujarat' },
  { code: 'CFSL-DL', name: 'Central Forensic Science Laboratory, New Delhi', state: 'Delhi' },
];

// Per kind: what such an exhibit looks like, how the lab examines it and what it may find.
const KINDS = {
  BLOOD_SAMPLE: {
    descriptions: ['Blood-stained cotton swab lifted from the scene', 'Blood sample of the accused in EDTA vial'],
    examination: 'DNA profiling (STR, 23 loci)',
    conclusions: [
      'DNA profile from the exhibit matches the reference sample of the accused.',
      'DNA profile from the exhibit excludes the accused as its source.',
    ],
  },
  FINGERPRINT: {
    descriptions: ['Chance prints developed on a steel almirah', 'Chance prints lifted from a glass tumbler'],
    examination: 'Chance print comparison',
    conclusions: [
      'Two chance prints are identical with the right thumb impression of the accused.',
      'Chance prints are partial and unfit for comparison.',
    ],
  },
  WEAPON: {
    descriptions: ['Country-made pistol (katta) with two live cartridges', 'Blood-stained kitchen knife, 24 cm blade'],
    examination: 'Ballistic and tool-mark examination',
    conclusions: [
      'The recovered cartridge case was fired from the exhibit firearm.',
      'Injuries described in the post-mortem report could be caused by the exhibit weapon.',
    ],
  },
  DIGITAL_DEVICE: {
    descriptions: ['Android mobile phone seized from the accused', 'Laptop and 64 GB pen drive seized at the premises'],
    examination: 'Mobile and computer forensic extraction',
    conclusions: [
      'Chat records, call logs and images extracted; hash values recorded in the annexure.',
      'Device was factory reset; no user data recoverable.',
    ],
  },
  VISCERA: {
    descriptions: ['Viscera in saturated saline from the post-mortem', 'Stomach contents and blood from the post-mortem'],
    examination: 'Toxicological analysis',
    conclusions: [
      'Organophosphorus insecticide detected in stomach, intestine, liver and kidney.',
      'No common poison detected in the viscera.',
    ],
  },
  DOCUMENT: {
    descriptions: ['Sale deed with disputed signatures', 'Handwritten ledger and specimen signatures'],
    examination: 'Questioned document examination',
    conclusions: [
      'Disputed signatures were not written by the writer of the specimen signatures.',
      'Disputed and specimen writings were written by the same person.',
    ],
  },
  NARCOTIC_SAMPLE: {
    descriptions: ['Brown powder suspected to be heroin, 52 g', 'Dried plant material suspected to be ganja, 1.2 kg'],
    examination: 'Chemical analysis under the NDPS Act',
    conclusions: [
      'Sample contains diacetylmorphine (heroin), purity 38 per cent.',
      'Sample is cannabis (ganja) within the meaning of Section 2(iii)(b) of the NDPS Act.',
    ],
  },
  CLOTHING: {
    descriptions: ['Blood-stained shirt of the deceased', 'Torn salwar and dupatta of the victim'],
    examination: 'Serology',
    conclusions: ['Human blood of group B detected on the exhibit.', 'No blood or semen detected on the exhibit.'],
  },
};

const EXAMINERS = [
  'Dr. S. R. Kulkarni, Assistant Director (Biology)',
  'Smt. Anita Rao, Scientific Officer (Chemistry)',
  'Dr. Mohd. Irfan, Deputy Director (Ballistics)',
  'Shri P. Venkatesh, Scientific Officer (Cyber Forensics)',
  'Dr. Neha Sharma, Assistant Director (Toxicology)',
  'Shri R. K. Meena, Scientific Officer (Documents)',
];

// RECEIVED 1 in 10, UNDER_EXAMINATION 2, EXAMINED 6, RETURNED 1.
const STATUSES = ['RECEIVED', 'UNDER_EXAMINATION', 'UNDER_EXAMINATION', ...Array(6).fill('EXAMINED'), 'RETURNED'];

/** The FIR's exhibits: 0 to 3, from the hash of its id. */
function exhibitsOf(firId) {
  const count = seeded(firId).int(4, 'exhibits');
  return Array.from({ length: count }, (_, i) => exhibit(firId, i + 1));
}

function exhibit(firId, n) {
  const fir = seeded(firId);
  const draw = seeded(`${firId}#${n}`);
  const kind = draw.pick(Object.keys(KINDS), 'kind');
  // An FIR's exhibits are seized within a month of each other, in the year of its tags.
  const year = fir.between(2022, 2025, 'year');
  const seizedOn = addDays(`${year}-01-01`, fir.int(300, 'seized') + draw.int(30, 'seized'));
  // The tag carries the FIR's own number when its id is readable ("Fir:123").
  const number = ordinalOf(firId, 'Fir') ?? fir.between(1, 9999, 'number');
  return {
    id: childId('Exhibit', firId, n),
    firId,
    n,
    tag: `EXH-${String(number).padStart(4, '0')}/${year}-${String.fromCharCode(64 + n)}`,
    description: draw.pick(KINDS[kind].descriptions, 'description'),
    kind,
    seizedOn,
    status: draw.pick(STATUSES, 'status'),
  };
}

/** The report on an exhibit, if the lab has examined it. */
function reportOn(exhibit) {
  if (exhibit.status !== 'EXAMINED' && exhibit.status !== 'RETURNED') return null;
  const draw = seeded(`${exhibit.firId}#${exhibit.n}/report`);
  return {
    id: childId('LabReport', exhibit.firId, exhibit.n),
    exhibit,
    examination: KINDS[exhibit.kind].examination,
    issuedOn: addDays(exhibit.seizedOn, draw.between(14, 120, 'issued')),
    conclusion: draw.pick(KINDS[exhibit.kind].conclusions, 'conclusion'),
    examiner: draw.pick(EXAMINERS, 'examiner'),
  };
}

/** The exhibit an id minted by `exhibit()` names, or null. */
function exhibitById(id, typename = 'Exhibit') {
  const parsed = parseChildId(id, typename);
  return parsed ? (exhibitsOf(parsed.parentId)[parsed.n - 1] ?? null) : null;
}

/**
 * The FIRs the lab holds exhibits of, by the gateway's opaque ids (`LAB_FIR_IDS`, comma
 * separated, as police send them with the exhibits); without it, `Fir:1`, `Fir:2`, ….
 */
const KNOWN_FIRS = (process.env.LAB_FIR_IDS || '').split(',').filter(Boolean);

/** Every report the lab has issued, in order: the first FIR's, then the second's, and so on. */
function* issuedReports() {
  for (let n = 0; ; n += 1) {
    const fir = KNOWN_FIRS.length ? KNOWN_FIRS[n % KNOWN_FIRS.length] : encodeId('Fir', n + 1);
    for (const item of exhibitsOf(fir)) {
      const report = reportOn(item);
      if (report) yield report;
    }
  }
}

const reports = issuedReports();
const labReportIssued = createTicker(Number(process.env.LAB_TICK_MS) || 1000, () => reports.next().value);

const resolvers = {
  Query: {
    labReport: (_, { id }) => {
      const item = exhibitById(id, 'LabReport');
      return item && reportOn(item);
    },
    exhibit: (_, { id }) => exhibitById(id),
    forensicLabs: () => LABS,
  },
  Subscription: {
    labReportIssued: { subscribe: () => labReportIssued(), resolve: (report) => report },
  },
  Fir: {
    exhibits: (fir) => exhibitsOf(fir.id),
    labReports: (fir) => exhibitsOf(fir.id).map(reportOn).filter(Boolean),
  },
  Exhibit: {
    fir: (item) => ({ id: item.firId }),
  },
};

await startPeer({ name: 'forensic-lab', defaultPort: 4001, typeDefs, resolvers });
