/**
 * Trade agreements and their preferential duty rates, as pricing stores them (`trade_agreements`,
 * `preferential_rates`). Each agreement row names its legal text, the rule-of-origin chapter, the proofs an importer
 * may claim on and the one our claims rest on (the exporter's own statement on the invoice: importer's knowledge is
 * the importer's claim, and under DAP our shopper is the importer, so we never rely on it). Rows were written from
 * the research memo of issue #23 (section 13): `verified: true` only where the decisive text was read there; every
 * preferential RATE is unverified (no tariff — TARIC, UK Trade Tariff, CBSA, ABF, KCS — could be opened), so each
 * rate's source says "illustrative" and `npm run data:check` lists it.
 *
 * The EU's €3 low-value duty is left as it is for preferential goods: per Baker McKenzie (2026-07-02, secondary)
 * goods claiming a preference are outside the €3 only when declared in H1 and not under IOSS; our EU market is
 * DDP under IOSS (H7), where the €3 applies whatever the proof. So a preference lowers only an ad valorem duty
 * (consignments above €150); below it the €3 stands. Unverified; revisit with the Commission's €3 guide.
 */
import type { PreferentialRate, TradeAgreement } from '../../subgraphs/pricing/domain/index.ts';

const at = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
/** The day the memo's sources were read. */
const READ = at('2026-12-07');

export const TRADE_AGREEMENTS: readonly TradeAgreement[] = [
  {
    code: 'EU-JP-EPA',
    name: 'EU–Japan Economic Partnership Agreement',
    parties: ['EU', 'JP'],
    ruleOfOrigin: 'Chapter 3 (rules of origin); Art. 3.16 claim, Art. 3.17 statement on origin, Art. 3.18 importer’s knowledge',
    proofsAccepted: ['statement on origin', 'importer’s knowledge'],
    sellerProof: 'statement on origin',
    statementReference:
      'EU–Japan EPA Art. 3.17, statement on origin as in Annex 3-D (JP exporter: corporate number; EU exporter: REX number)',
    validFrom: at('2019-02-01'),
    validTo: null,
    source: 'EU–Japan EPA, OJ L 330, 27.12.2018, p. 3; Art. 3.16 text read in the Commission’s guidance copy',
    asOf: READ,
    verified: true,
  },
  {
    code: 'EU-KR-FTA',
    name: 'EU–Korea Free Trade Agreement',
    parties: ['EU', 'KR'],
    ruleOfOrigin: 'Protocol concerning the definition of "originating products" and methods of administrative cooperation',
    proofsAccepted: ['origin declaration'],
    sellerProof: 'origin declaration',
    statementReference: 'EU–Korea FTA Protocol, origin declaration text of Annex III (approved exporter, or any exporter up to €6,000)',
    validFrom: at('2011-07-01'),
    validTo: null,
    source: 'EU–Korea FTA, OJ L 127, 14.5.2011 (provisionally applied 2011-07-01, in force 2015-12-13); from knowledge, not read here',
    asOf: READ,
    verified: false,
  },
  {
    code: 'CETA',
    name: 'EU–Canada Comprehensive Economic and Trade Agreement',
    parties: ['EU', 'CA'],
    ruleOfOrigin: 'Protocol on rules of origin and origin procedures, Art. 19 and Annex 2',
    proofsAccepted: ['origin declaration'],
    sellerProof: 'origin declaration',
    statementReference:
      'CETA Protocol on rules of origin, origin declaration as in Annex 2 (EU exporter: REX number; CA exporter: Business Number)',
    validFrom: at('2017-09-21'),
    validTo: null,
    source: 'CETA, OJ L 11, 14.1.2017 (provisionally applied 2017-09-21); CBSA position via CSCB (secondary)',
    asOf: READ,
    verified: false,
  },
  {
    code: 'EU-UK-TCA',
    name: 'EU–UK Trade and Cooperation Agreement',
    parties: ['EU', 'GB'],
    ruleOfOrigin: 'Part Two, Heading One, Title I, Chapter 2 (rules of origin); Art. 54 claim, Annex 7 statement on origin',
    proofsAccepted: ['statement on origin', 'importer’s knowledge'],
    sellerProof: 'statement on origin',
    statementReference: 'EU–UK TCA Art. 54, statement on origin as in Annex 7 (EU exporter: REX number; UK exporter: EORI)',
    validFrom: at('2021-01-01'),
    validTo: null,
    source: 'EU–UK TCA, OJ L 149, 30.4.2021 (provisionally applied 2021-01-01, in force 2021-05-01); Art. 54 not read here',
    asOf: READ,
    verified: false,
  },
  {
    code: 'UK-JP-CEPA',
    name: 'UK–Japan Comprehensive Economic Partnership Agreement',
    parties: ['GB', 'JP'],
    ruleOfOrigin: 'Chapter 3 (rules of origin), Art. 3.16 claim (mirrors the EU–Japan EPA)',
    proofsAccepted: ['statement on origin', 'importer’s knowledge'],
    sellerProof: 'statement on origin',
    statementReference: 'UK–Japan CEPA Art. 3.17, statement on origin as in its Annex 3-D',
    validFrom: at('2021-01-01'),
    validTo: null,
    source: 'UK–Japan CEPA, signed 2020-10-23, in force 2021-01-01; from knowledge, not read here',
    asOf: READ,
    verified: false,
  },
  {
    code: 'CUSMA',
    name: 'Canada–United States–Mexico Agreement (USMCA)',
    parties: ['CA', 'US', 'MX'],
    ruleOfOrigin: 'Chapter 4 (rules of origin), Chapter 5 (origin procedures); Art. 5.2 claim, Annex 5-A minimum data elements',
    proofsAccepted: ['certification of origin'],
    sellerProof: 'certification of origin',
    statementReference:
      'CUSMA Art. 5.2, certification of origin with the minimum data elements of Annex 5-A (on the invoice or any document)',
    validFrom: at('2020-07-01'),
    validTo: null,
    source:
      'CUSMA in force 2020-07-01; CBSA: "The certification of origin may be completed by either the exporter, producer, or importer … It may be provided on an invoice or any other document"',
    asOf: READ,
    verified: true,
  },
  {
    code: 'JP-AU-EPA',
    name: 'Japan–Australia Economic Partnership Agreement',
    parties: ['JP', 'AU'],
    ruleOfOrigin: 'Chapter 3 (rules of origin), claim and certification articles',
    proofsAccepted: ['certificate of origin', 'origin certification document'],
    sellerProof: 'origin certification document',
    statementReference: 'JAEPA Chapter 3, origin certification document by the exporter or producer',
    validFrom: at('2015-01-15'),
    validTo: null,
    source: 'JAEPA in force 2015-01-15; from knowledge, not read here',
    asOf: READ,
    verified: false,
  },
  {
    code: 'KORUS',
    name: 'Korea–United States Free Trade Agreement',
    parties: ['KR', 'US'],
    ruleOfOrigin: 'Chapter 6 (rules of origin and origin procedures), Art. 6.15 claims for preferential treatment',
    proofsAccepted: ['certification', 'importer’s knowledge'],
    sellerProof: 'certification',
    statementReference: 'KORUS Art. 6.15, written certification by the exporter or producer',
    validFrom: at('2012-03-15'),
    validTo: null,
    source: 'KORUS in force 2012-03-15; Art. 6.15 from knowledge and secondary sources (a-ha.io), not read here',
    asOf: READ,
    verified: false,
  },
];

const EU_MEMBERS = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];

/** Rates of one agreement into some destinations, all unverified against a tariff (the memo's section 13 table). */
function rates(agreement: string, destinations: readonly string[], byPrefix: Record<string, string>, why: string): PreferentialRate[] {
  return destinations.flatMap((destination) =>
    Object.entries(byPrefix).map(([hsPrefix, ratePercent]) => ({
      agreement,
      destination,
      hsPrefix,
      ratePercent,
      source: `illustrative: ${why}; not checked against the destination's tariff`,
      asOf: READ,
      verified: false,
    })),
  );
}

/**
 * Preferential rates for the HS headings the catalog uses where an agreement lowers the seed's MFN rate (memo §13,
 * "Typical effect on our goods"). Headphones (8518) and apparel (61/62) at 0 % under the agreements whose parties
 * ship them; no RCEP (KR–JP) rate, whose staging was not verified.
 */
export const PREFERENTIAL_RATES: readonly PreferentialRate[] = [
  ...rates(
    'EU-JP-EPA',
    EU_MEMBERS,
    { '8518': '0', '61': '0', '62': '0' },
    'EU–Japan EPA: EU industrial tariffs eliminated at entry into force (memo §13, from knowledge)',
  ),
  ...rates('EU-JP-EPA', ['JP'], { '61': '0', '62': '0' }, 'EU–Japan EPA: Japanese apparel tariffs for EU-originating goods (memo §13)'),
  ...rates('UK-JP-CEPA', ['GB'], { '8518': '0', '61': '0', '62': '0' }, 'UK–Japan CEPA (memo §13)'),
  ...rates('EU-UK-TCA', ['GB'], { '61': '0', '62': '0', '64': '0' }, 'EU–UK TCA: zero tariffs on originating goods (memo §13)'),
  ...rates('EU-UK-TCA', EU_MEMBERS, { '61': '0', '62': '0', '64': '0' }, 'EU–UK TCA: zero tariffs on originating goods (memo §13)'),
  ...rates('CETA', ['CA'], { '61': '0', '62': '0', '64': '0' }, 'CETA: CA apparel and footwear for EU-originating goods (memo §13)'),
  ...rates('CUSMA', ['CA'], { '61': '0', '62': '0', '64': '0' }, 'CUSMA: US-originating apparel (yarn-forward rule) (memo §13)'),
  ...rates('JP-AU-EPA', ['AU'], { '8518': '0', '61': '0', '62': '0' }, 'JAEPA: JP-originating goods (memo §13)'),
  ...rates('KORUS', ['KR'], { '61': '0', '62': '0', '8518': '0' }, 'KORUS: US-originating goods (memo §13)'),
  ...rates('EU-KR-FTA', ['KR'], { '61': '0', '62': '0', '64': '0' }, 'EU–Korea FTA: EU-originating goods (memo §13)'),
];
