/**
 * Who collects import VAT/GST: the seller-collection schemes as the law lays them down, the merchant's demo
 * registrations (the carriers' disbursement fees and the Swiss import-VAT waiver are in the de minimis rows of
 * pricing-reference.ts). Each scheme row carries its
 * primary source, `asOf` (the day the source was read: 2026-12-07, law memo of issue #23), its legal validity and
 * whether its decisive text was read from a primary source (`verified`); `npm run data:check` lists them.
 *
 * Decisions where the law is ambiguous (each reading never charges a shopper twice):
 * - One regime per consignment: a parcel holding one line a scheme excludes (sake under IOSS, coffee under VOEC) is
 *   cleared whole as importer (DDP) or at the border (DAP); customs assess a parcel whole.
 * - Norway's VOEC "per item" is read PER UNIT: Skatteetaten states "the NOK 3,000 threshold … applies per item – not
 *   per invoice or transaction"; a line of 3 sweaters at NOK 1,800 is three items of NOK 1,800, each under 3,000.
 * - Ceilings are compared with the goods' intrinsic value (net of VAT/GST, without transport and insurance).
 * - Switzerland: not registered, so CH stays DAP. Under the CHF 5 waiver (SR 641.204 Art. 1 let. d) small Swiss orders
 *   owe no import VAT at all — about CHF 62 of goods at 8.1 %, CHF 192 at 2.6 % — and registering (MWSTG Art. 7(3)(a))
 *   would make every sale a domestic supply taxed from the first franc. Registration becomes mandatory from the month
 *   after CHF 100,000 a year of such waived small consignments (MWSTG Art. 7(3)(b), MWSTV Art. 4a): record it then
 *   with `npm run registrations -- add --scheme CH_MAIL_ORDER …` and CH consignments become seller-collected.
 */
import type { CeilingPer, CollectionScheme, TaxRegistration } from '../../subgraphs/pricing/domain/collection.ts';
import { moneyFromDecimal } from '../../subgraphs/pricing/domain/money.ts';
import { EU_MEMBER_STATES } from './pricing-reference.ts';

const at = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** The day the sources below were read (law memo of issue #23). */
const READ = at('2026-12-07');

/** Alcoholic beverages (CN 2203–2208: beer, wine, sake, spirits) and tobacco (24): excise goods everywhere. */
const ALCOHOL_AND_TOBACCO = ['2203', '2204', '2205', '2206', '2207', '2208', '24'];
/** VAT Directive Art. 2(3) excise goods: energy products (27), alcohol and alcoholic beverages, manufactured tobacco. */
const EU_EXCISE_GOODS = [...ALCOHOL_AND_TOBACCO, '27'];
/** Foodstuffs (chapters 02–24: food, beverages, supplements; coffee 0901 and tea 0902 included) and medicines (3003, 3004). */
const FOODSTUFFS_AND_RESTRICTED = [...Array.from({ length: 23 }, (_, index) => String(index + 2).padStart(2, '0')), '3003', '3004', '93'];

type SchemeRow = Omit<CollectionScheme, 'ceilingPer'> & { readonly ceilingPer: CeilingPer };

export const COLLECTION_SCHEMES: readonly SchemeRow[] = [
  {
    code: 'EU_IOSS',
    name: 'EU Import One-Stop Shop (IOSS)',
    destinations: EU_MEMBER_STATES,
    ceiling: moneyFromDecimal('150.00', 'EUR'),
    ceilingPer: 'CONSIGNMENT',
    ceilingInclusive: true,
    excludedHsPrefixes: EU_EXCISE_GOODS,
    exemptsDuty: false,
    validFrom: at('2021-07-01'),
    validTo: null,
    source:
      'Council Directive 2006/112/EC Art. 369l (distance sales of goods imported in consignments of intrinsic value not exceeding EUR 150, except products subject to excise duty), inserted by Council Directive (EU) 2017/2455 (OJ L 348, 29.12.2017, p. 7) and amended by Council Directive (EU) 2019/1995 (OJ L 310, 2.12.2019, p. 1); excise goods: Art. 2(3)',
    asOf: READ,
    verified: true,
    note: 'Art. 369l read in an unofficial mirror of the statute (datenbank.nwb.de) and on zoll.de; Art. 2(3) and the importation exemption of Art. 143(1)(ca) from knowledge, not opened. Only for consignments shipped from outside the EU (an intra-EU parcel is no import).',
  },
  {
    code: 'UK_LOW_VALUE_VAT',
    name: 'UK VAT at the point of sale on consignments up to £135',
    destinations: ['GB'],
    ceiling: moneyFromDecimal('135.00', 'GBP'),
    ceilingPer: 'CONSIGNMENT',
    ceilingInclusive: true,
    excludedHsPrefixes: EU_EXCISE_GOODS,
    exemptsDuty: false,
    validFrom: at('2021-01-01'),
    validTo: null,
    source:
      'HMRC, "VAT and overseas goods sold directly to customers in the UK" (gov.uk), under the VAT Act 1994 as amended by the Taxation (Post-transition Period) Act 2020',
    asOf: READ,
    verified: false,
    note: 'Unverified here: the HMRC text was read in a verbatim copy (brexitlegal.ie), not on gov.uk; the excise-goods exclusion list was cut off and is from knowledge and two secondary sources. Northern Ireland (EU rules for goods) is not modelled. The ≤ £135 duty relief is the border rule in the GB de minimis row.',
  },
  {
    code: 'NO_VOEC',
    name: 'Norway VAT on E-Commerce (VOEC)',
    destinations: ['NO'],
    ceiling: moneyFromDecimal('3000.00', 'NOK'),
    ceilingPer: 'UNIT',
    ceilingInclusive: false,
    excludedHsPrefixes: FOODSTUFFS_AND_RESTRICTED,
    exemptsDuty: true,
    validFrom: at('2020-04-01'),
    validTo: null,
    source:
      'Skatteetaten, "Value Added Tax on low value imported goods" (VOEC: goods under NOK 3,000 per item; foodstuffs, restricted and excise goods excluded); Tolletaten, "The VOEC scheme" (VOEC goods exempt from customs duty)',
    asOf: READ,
    verified: true,
    note: 'Per item read as per unit (each article), strictly below NOK 3,000, shipping excluded; the reading is ours (the sources say "per item – not per invoice"). Excluded: foodstuffs (chapters 02–24, coffee and tea included), alcohol and tobacco, medicines, weapons. Statute (merverdiavgiftsloven ch. 14) not read.',
  },
  {
    code: 'AU_LVIG',
    name: 'Australia GST on low value imported goods (ARN)',
    destinations: ['AU'],
    ceiling: moneyFromDecimal('1000.00', 'AUD'),
    ceilingPer: 'CONSIGNMENT',
    ceilingInclusive: true,
    excludedHsPrefixes: ALCOHOL_AND_TOBACCO,
    exemptsDuty: false,
    validFrom: at('2018-07-01'),
    validTo: null,
    source:
      'ATO, "GST on low value imported goods" (customs value of A$1,000 or less; alcohol and tobacco excluded); A New Tax System (Goods and Services Tax) Act 1999 Subdiv. 84-C',
    asOf: READ,
    verified: true,
    note: 'ATO page read (stored copy dated 2021-12-07); the statute was not read. The ceiling is compared per consignment (the ATO exception for goods known to ship together over A$1,000), on the customs value (FOB: the goods without transport).',
  },
  {
    code: 'SG_OVR',
    name: 'Singapore GST on imported low-value goods (Overseas Vendor Registration)',
    destinations: ['SG'],
    ceiling: moneyFromDecimal('400.00', 'SGD'),
    ceilingPer: 'CONSIGNMENT',
    ceilingInclusive: true,
    excludedHsPrefixes: [...ALCOHOL_AND_TOBACCO, '27', '87'],
    exemptsDuty: false,
    validFrom: at('2023-01-01'),
    validTo: null,
    source: 'IRAS, "GST on imported low-value goods" (sales value S$400 or below, imported by air or post, from a GST-registered supplier)',
    asOf: READ,
    verified: true,
    note: 'Threshold, mode and registration read on the IRAS page; the exclusion of dutiable goods (liquor, tobacco, motor vehicles, petroleum) is from secondary sources. Goods alone are compared (whether shipping is in the "sales value" is unverified). All our carriers fly.',
  },
  {
    code: 'CH_MAIL_ORDER',
    name: 'Swiss VAT registration of a foreign mail-order seller',
    destinations: ['CH', 'LI'],
    ceiling: null,
    ceilingPer: 'CONSIGNMENT',
    ceilingInclusive: true,
    excludedHsPrefixes: [],
    exemptsDuty: false,
    validFrom: at('2019-01-01'),
    validTo: null,
    source:
      'MWSTG (SR 641.20) Art. 7(3)(a) (voluntary) and (b) (mandatory from CHF 100,000 a year of small consignments exempt under Art. 53(1)(a)); MWSTV (SR 641.201) Art. 4a',
    asOf: READ,
    verified: true,
    note: 'Statute read in unofficial mirrors (droit-bilingue.ch, lawbrary.io). A registered seller imports in its own name and charges Swiss VAT on every sale (no ceiling). Not registered: see the decision above.',
  },
];

/**
 * The demo merchant's registrations: fictitious numbers in each scheme's format (IOSS IM + 3-digit country + 7
 * digits; VOEC + 7 digits; ARN 12 digits; SG GST M9…), NOT real registrations. No CH registration (see above).
 */
export const SEED_TAX_REGISTRATIONS: readonly TaxRegistration[] = [
  {
    scheme: 'EU_IOSS',
    number: 'IM5280000017',
    destinations: EU_MEMBER_STATES,
    validFrom: at('2021-07-01'),
    validTo: null,
    note: 'Demo number (fictitious), IOSS identified in the Netherlands',
  },
  {
    scheme: 'UK_LOW_VALUE_VAT',
    number: 'GB123456789',
    destinations: ['GB'],
    validFrom: at('2021-01-01'),
    validTo: null,
    note: 'Demo number (fictitious)',
  },
  {
    scheme: 'NO_VOEC',
    number: 'VOEC2041234',
    destinations: ['NO'],
    validFrom: at('2020-04-01'),
    validTo: null,
    note: 'Demo number (fictitious)',
  },
  {
    scheme: 'AU_LVIG',
    number: 'ARN300000000017',
    destinations: ['AU'],
    validFrom: at('2018-07-01'),
    validTo: null,
    note: 'Demo ARN (fictitious)',
  },
  {
    scheme: 'SG_OVR',
    number: 'M90000017X',
    destinations: ['SG'],
    validFrom: at('2023-01-01'),
    validTo: null,
    note: 'Demo number (fictitious)',
  },
];
