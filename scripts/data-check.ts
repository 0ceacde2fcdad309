// `npm run data:check [-- --db] [--now ISO] [--strict] [--verbose]`: lists every reference figure — markets,
// each market's customs valuation basis, VAT/GST rates, duty rates, de minimis thresholds, seller-collection schemes
// (unverified ones listed as illustrative), carriers' disbursement fees, FX rates, carrier lanes — that has no source, no date, or a
// date older than the age stated for its kind, and every figure the data itself calls illustrative (its source
// says "illustrative": it has a source, so it is not a failure, but it is marked ILLUSTRATIVE on its own line).
// Reads the seed reference data (scripts/seed/*-reference.ts) by default, or with --db the pricing and
// fulfillment databases at MONGODB_URI. Exit code 1 when a figure lacks a source (also when one is stale,
// with --strict), 0 otherwise, 2 on bad usage.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isHistoricCurrency } from '../subgraphs/common/contract/currency.ts';
import { clockFromEnv } from '../subgraphs/common/clock.ts';
import { databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { connectDatabase } from '../subgraphs/common/database.ts';
import { CARRIER_SERVICES, LANE_PROVENANCE } from './seed/fulfillment-reference.ts';
import { COLLECTION_SCHEMES } from './seed/collection-reference.ts';
import { LEVIES } from './seed/levies.ts';
import {
  DE_MINIMIS,
  DUTY_TABLE,
  ECB_SAMPLE_PROVENANCE,
  EU_LOW_VALUE_REGIME,
  MARKETS,
  seedFxRates,
  TAX_TABLE,
} from './seed/pricing-reference.ts';
import { UNIT_PRICE_RULES, type UnitPriceRuleRow } from './seed/unit-price-rules.ts';
import { destinationAreaDocuments } from './seed/destination-areas.ts';
import { MERCHANT_NEXUS, taxJurisdictionDocuments } from './seed/tax-jurisdictions.ts';
import { PREFERENTIAL_RATES, TRADE_AGREEMENTS } from './seed/trade-agreements.ts';

export type FigureKind =
  | 'market'
  | 'customs valuation'
  | 'tax rate'
  | 'duty rate'
  | 'de minimis'
  | 'low-value rule'
  | 'collection scheme'
  | 'levy'
  | 'carrier fee'
  | 'fx rate'
  | 'lane'
  | 'unit price rule'
  | 'trade agreement'
  | 'preferential rate'
  | 'sub-national tax'
  | 'nexus threshold'
  | 'destination area';

/** One reference figure as the check sees it: what it is, and what the data says about where it came from. */
export type Figure = {
  readonly kind: FigureKind;
  /** What identifies it, e.g. "DE standard" or "EUR/USD". */
  readonly key: string;
  /** The figure itself, shown as text ("19 %", "1.1523", "EUR 150.00"). */
  readonly value: string;
  readonly source: string | null;
  readonly asOf: Date | null;
  /** The data calls the figure illustrative (in its source or note). */
  readonly illustrative: boolean;
  /** History that is meant to be old (a rate of a withdrawn currency): not aged. */
  readonly historic?: boolean;
  /** The data says its source could not be read from the authority's own text (listed as UNVERIFIED). */
  readonly unverified?: boolean;
};

/** The age after which a figure of each kind is flagged: law changes yearly at most; reference rates daily. */
export const MAX_AGE_DAYS: Readonly<Record<FigureKind, number>> = {
  market: 365,
  'customs valuation': 365,
  'tax rate': 365,
  'duty rate': 365,
  'de minimis': 365,
  'low-value rule': 365,
  'collection scheme': 365,
  levy: 365,
  'carrier fee': 365,
  'fx rate': 7,
  lane: 365,
  'unit price rule': 365,
  'trade agreement': 365,
  'preferential rate': 365,
  'sub-national tax': 365,
  'nexus threshold': 365,
  'destination area': 365,
};

export type Flag = 'NO SOURCE' | 'UNDATED' | 'STALE';
export type Finding = { readonly figure: Figure; readonly flags: readonly Flag[]; readonly ageDays: number | null };

const DAY_MS = 86_400_000;
const ILLUSTRATIVE = /illustrative/i;

/** The rule: a figure is illustrative when its source (or note) says "illustrative". It has a source — it is not a failure — but it is listed as such. */
export function isIllustrative(...texts: ReadonlyArray<string | null | undefined>): boolean {
  return texts.some((text) => ILLUSTRATIVE.test(text ?? ''));
}

/** Flags each figure: no source (blank counts as none), no date, or older than its kind's MAX_AGE_DAYS at `now`. */
export function checkFigures(figures: readonly Figure[], now: Date): Finding[] {
  return figures.map((figure) => {
    const flags: Flag[] = [];
    if (!figure.source?.trim()) flags.push('NO SOURCE');
    const ageDays = figure.asOf ? Math.floor((now.getTime() - figure.asOf.getTime()) / DAY_MS) : null;
    if (ageDays === null) flags.push('UNDATED');
    else if (!figure.historic && ageDays > MAX_AGE_DAYS[figure.kind]) flags.push('STALE');
    return { figure, flags, ageDays };
  });
}

const percent = (value: string) => `${value} %`;

/** A unit-price rule in a line: its units, its exemptions and validity, e.g. "per 1 KG / 1 L from 2022-05-28". */
function unitPriceRuleText(rule: Pick<UnitPriceRuleRow, 'referenceQuantities' | 'validFrom' | 'validTo'> & { exemptions: number }): string {
  const { MASS, VOLUME } = rule.referenceQuantities;
  const until = rule.validTo ? ` to ${rule.validTo.toISOString().slice(0, 10)}` : '';
  return (
    `per ${MASS.quantity} ${MASS.unit} / ${VOLUME.quantity} ${VOLUME.unit} from ${rule.validFrom.toISOString().slice(0, 10)}${until}` +
    (rule.exemptions > 0 ? `, ${rule.exemptions} exemptions` : '')
  );
}
const minorToText = (minor: bigint | number, currency: string) => `${currency} ${String(minor)} (minor units)`;

/**
 * A seller-collection scheme as a figure: its ceiling and validity. One whose decisive text could not be read from a
 * primary source (`verified: false`) is listed as illustrative, with its note saying what was not verified.
 */
function schemeFigure(scheme: (typeof COLLECTION_SCHEMES)[number]): Figure {
  const ceiling = scheme.ceiling
    ? `${scheme.ceilingInclusive ? '≤' : '<'} ${minorToText(scheme.ceiling.minor, scheme.ceiling.currency)} per ${scheme.ceilingPer.toLowerCase()}`
    : 'no ceiling';
  const validity = `${scheme.validFrom.toISOString().slice(0, 10)}–${scheme.validTo?.toISOString().slice(0, 10) ?? ''}`;
  return {
    kind: 'collection scheme',
    key: scheme.code,
    value: `${ceiling}, valid ${validity}${scheme.verified ? '' : ' (unverified)'}`,
    source: scheme.source,
    asOf: scheme.asOf,
    illustrative: !scheme.verified || isIllustrative(scheme.source),
  };
}

/** A levy or excise as a figure: its amount or rates per kg or litre, ceiling and validity; an unverified one is listed as such. */
export function levyFigure(levy: {
  readonly code: string;
  readonly basis: string;
  readonly amount: { minor: bigint | number; currency: string } | null;
  readonly rates: readonly { hsPrefix: string; perUnit: { minor: bigint | number; currency: string } }[];
  readonly ceiling: { minor: bigint | number; currency: string } | null;
  readonly ceilingInclusive: boolean;
  readonly validFrom: Date;
  readonly validTo: Date | null;
  readonly source: string | null;
  readonly asOf: Date | null;
  readonly verified: boolean;
  readonly note?: string | null;
}): Figure {
  const amount = levy.amount
    ? `${minorToText(levy.amount.minor, levy.amount.currency)} per consignment`
    : levy.rates
        .map(
          (rate) =>
            `HS ${rate.hsPrefix} ${minorToText(rate.perUnit.minor, rate.perUnit.currency)}/${levy.basis === 'PER_LITRE_NET' ? 'l' : 'kg'}`,
        )
        .join(', ');
  const ceiling = levy.ceiling ? `, ${levy.ceilingInclusive ? '≤' : '<'} ${minorToText(levy.ceiling.minor, levy.ceiling.currency)}` : '';
  const validity = `${levy.validFrom.toISOString().slice(0, 10)}–${levy.validTo?.toISOString().slice(0, 10) ?? ''}`;
  return {
    kind: 'levy',
    key: levy.code,
    value: `${amount}${ceiling}, valid ${validity}${levy.verified ? '' : ' (unverified)'}`,
    source: levy.source,
    asOf: levy.asOf,
    illustrative: isIllustrative(levy.source),
    unverified: !levy.verified,
  };
}

/** Every figure of the seed reference data (what `npm run seed` and `npm start` load), each with its own source and date. */
/** A special territory's customs and VAT status, spelled only where it differs from its country's. */
function territoryStatusOf(row: ReturnType<typeof taxJurisdictionDocuments>[number]): string {
  if (row.insideCustomsTerritory && row.insideVatArea && row.goodsCustomsUnion === null) return '';
  const customs = row.insideCustomsTerritory ? 'inside' : 'outside';
  const vat = row.insideVatArea ? 'inside' : 'outside';
  const goods = row.goodsCustomsUnion ? `, ${row.goodsCustomsUnion} rules for goods` : '';
  return `; ${customs} the customs territory, ${vat} the VAT area${goods}`;
}

/** Sub-national tax, the merchant's nexus and destination areas: address-level reference data. */
function addressFigures(): Figure[] {
  return [
    ...taxJurisdictionDocuments().map(
      (row): Figure => ({
        kind: 'sub-national tax',
        key: row._id,
        value: `${
          row.pricedAs
            ? `priced as ${row.pricedAs}`
            : row.countryRatesApply
              ? `${row.country}'s VAT`
              : row.components.map((component) => `${component.name} ${percent(component.ratePercent.standard)}`).join(' + ') || 'no VAT'
        }${territoryStatusOf(row)}`,
        source: row.source,
        asOf: row.asOf,
        illustrative: isIllustrative(row.source),
        unverified: !row.verified,
      }),
    ),
    ...MERCHANT_NEXUS.map(
      (row): Figure => ({
        kind: 'nexus threshold',
        key: row._id,
        value: `${row.currency} ${row.thresholdMinor / 100}${row.thresholdTransactions === null ? '' : ` ${row.bothRequired ? 'and' : 'or'} ${row.thresholdTransactions} sales`}`,
        source: row.source,
        asOf: row.asOf,
        illustrative: false,
        unverified: !row.verified,
      }),
    ),
    ...destinationAreaDocuments().map(
      (area): Figure => ({
        kind: 'destination area',
        key: area._id,
        value: `+${area.extraTransitDays} transit, +${area.extraClearanceDays} customs days${area.timeZone ? `, ${area.timeZone}` : ''}`,
        source: area.source,
        asOf: area.asOf,
        illustrative: isIllustrative(area.source),
      }),
    ),
  ];
}

export function seedFigures(): Figure[] {
  return [
    ...addressFigures(),
    ...MARKETS.map(
      (market): Figure => ({
        kind: 'market',
        key: market.country,
        value: `${market.currency}, tax ${market.taxDisplay}, ${market.incoterm}, ${market.customsValuation}, FX margin ${market.fxMarginBps} bps`,
        source: market.source,
        asOf: market.asOf,
        illustrative: isIllustrative(market.source),
      }),
    ),
    // The basis duty and import tax are assessed on is law, not policy: its own source per market.
    ...MARKETS.map(
      (market): Figure => ({
        kind: 'customs valuation',
        key: market.country,
        value: market.customsValuation,
        source: market.customsValuationProvenance.source,
        asOf: market.customsValuationProvenance.asOf,
        illustrative: isIllustrative(market.customsValuationProvenance.source),
      }),
    ),
    ...TAX_TABLE.rates.map(
      (rate): Figure => ({
        kind: 'tax rate',
        key: `${rate.country} ${rate.category}`,
        value: percent(rate.ratePercent),
        source: rate.source,
        asOf: rate.asOf,
        illustrative: isIllustrative(rate.source),
      }),
    ),
    ...DUTY_TABLE.rates.map(
      (rate): Figure => ({
        kind: 'duty rate',
        key: `${rate.destination} HS ${rate.hsPrefix}`,
        value: percent(rate.ratePercent),
        source: rate.source,
        asOf: rate.asOf,
        illustrative: isIllustrative(rate.source),
      }),
    ),
    ...DE_MINIMIS.map(
      (record): Figure => ({
        kind: 'de minimis',
        key: record.destination,
        value:
          `duty ${record.dutyThreshold ? minorToText(record.dutyThreshold.minor, record.dutyThreshold.currency) : 'none'}, ` +
          `tax ${record.taxThreshold ? minorToText(record.taxThreshold.minor, record.taxThreshold.currency) : 'none'}, ` +
          `on the ${record.thresholdBasis === 'INTRINSIC_VALUE' ? 'intrinsic' : 'customs'} value` +
          (record.lowValueRegime
            ? `; from ${record.lowValueRegime.validFrom.toISOString().slice(0, 10)} ${record.lowValueRegime.name} ` +
              `${minorToText(record.lowValueRegime.amountPerSubheading.minor, record.lowValueRegime.amountPerSubheading.currency)} per item ` +
              `up to ${minorToText(record.lowValueRegime.valueCeiling.minor, record.lowValueRegime.valueCeiling.currency)}` +
              (record.lowValueRegime.validTo ? ` until ${day(record.lowValueRegime.validTo)}` : '')
            : ''),
        source: record.source,
        asOf: record.asOf,
        unverified: record.verified === false,
        // The record is as good as the least checked of its parts: its thresholds, their basis and its regime.
        illustrative: isIllustrative(record.source, record.thresholdBasisSource, record.lowValueRegime?.source),
      }),
    ),
    ...lowValueRuleFigures(),
    ...COLLECTION_SCHEMES.map((scheme) => schemeFigure(scheme)),
    ...LEVIES.map((levy) => levyFigure(levy)),
    ...DE_MINIMIS.flatMap((record): Figure[] =>
      record.carrierFee
        ? [
            {
              kind: 'carrier fee',
              key: record.destination,
              value: minorToText(record.carrierFee.amount.minor, record.carrierFee.amount.currency),
              source: record.carrierFee.source,
              asOf: record.carrierFee.asOf,
              illustrative: record.carrierFee.illustrative || isIllustrative(record.carrierFee.source),
            },
          ]
        : [],
    ),
    ...seedFxRates().map(
      (rate): Figure => ({
        kind: 'fx rate',
        key: `${rate.base}/${rate.quote}`,
        value: rate.rate,
        source: rate.source,
        asOf: rate.asOf,
        // The shipped ECB file is hand-written in the ECB's format (see ECB_SAMPLE_PROVENANCE), not downloaded.
        illustrative: isIllustrative(rate.source) || (rate.source === 'ECB' && ECB_SAMPLE_PROVENANCE.illustrative),
        historic: isHistoricCurrency(rate.quote) || isHistoricCurrency(rate.base),
      }),
    ),
    // An agreement or rate not read in its source here is listed as illustrative (`verified: false`).
    ...TRADE_AGREEMENTS.map(
      (agreement): Figure => ({
        kind: 'trade agreement',
        key: agreement.code,
        value: `${agreement.parties.join('–')}, ${agreement.sellerProof}, from ${agreement.validFrom.toISOString().slice(0, 10)}`,
        source: agreement.source,
        asOf: agreement.asOf,
        illustrative: !agreement.verified || isIllustrative(agreement.source, agreement.note),
      }),
    ),
    ...PREFERENTIAL_RATES.map(
      (rate): Figure => ({
        kind: 'preferential rate',
        key: `${rate.agreement} ${rate.destination} HS ${rate.hsPrefix}`,
        value: percent(rate.ratePercent),
        source: rate.source,
        asOf: rate.asOf,
        illustrative: !rate.verified || isIllustrative(rate.source),
      }),
    ),
    ...CARRIER_SERVICES.map(
      (service): Figure => ({
        kind: 'lane',
        key: service.id,
        value: `${service.carrier} ${service.origin}→${service.destination}, ${service.transitDaysMin}–${service.transitDaysMax} days, ${service.weightBands.length} weight bands in ${service.rateCurrency}`,
        source: LANE_PROVENANCE.source,
        asOf: LANE_PROVENANCE.asOf,
        illustrative: isIllustrative(LANE_PROVENANCE.source),
      }),
    ),
    ...UNIT_PRICE_RULES.map(
      (rule): Figure => ({
        kind: 'unit price rule',
        key: rule.country,
        value: unitPriceRuleText({
          ...rule,
          exemptions: rule.exemptNetQuantities.length + rule.exemptUnitPriceAbove.length + (rule.exemptSellingPriceUpTo ? 1 : 0),
        }),
        source: rule.source,
        asOf: rule.asOf,
        illustrative: isIllustrative(rule.source, rule.note),
        unverified: !rule.verified,
      }),
    ),
  ];
}

type Doc = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const date = (value: unknown): Date | null => (value instanceof Date ? value : null);

/** Every figure stored in the pricing and fulfillment databases at `uri` (FX: the newest rate of each pair by `now`). */
export async function databaseFigures(uri: string, now: Date): Promise<Figure[]> {
  const pricing = await connectDatabase(uri, databaseNameOf('pricing'));
  const fulfillment = await connectDatabase(uri, databaseNameOf('fulfillment'));
  try {
    const read = (connection: typeof pricing, name: string) => connection.db!.collection<Doc>(name).find().toArray();
    const [markets, taxRates, dutyRates, deMinimis, lanes, unitPriceRules, agreements, preferentialRates, schemes, levies] =
      await Promise.all([
        read(pricing, 'markets'),
        read(pricing, 'tax_rates'),
        read(pricing, 'duty_rates'),
        read(pricing, 'de_minimis'),
        read(fulfillment, 'carrier_services'),
        read(pricing, 'unit_price_rules'),
        read(pricing, 'trade_agreements'),
        read(pricing, 'preferential_rates'),
        read(pricing, 'collection_schemes'),
        read(pricing, 'levies'),
      ]);
    const fxRates = pricing.db!.collection<Doc>('fx_rates');
    const newest: Doc[] = [];
    for (const base of await fxRates.distinct('base')) {
      for (const quote of await fxRates.distinct('quote', { base })) {
        const [rate] = await fxRates
          .find({ base, quote, asOf: { $lte: now } })
          .sort({ asOf: -1 })
          .limit(1)
          .toArray();
        if (rate) newest.push(rate);
      }
    }
    const provenance = (doc: Doc) => ({
      source: text(doc['source']),
      asOf: date(doc['asOf']),
      illustrative: isIllustrative(text(doc['source']), text(doc['note'])),
    });
    return [
      ...markets.map(
        (doc): Figure => ({
          kind: 'market',
          key: String(doc['country']),
          value: `${String(doc['currency'])}, ${String(doc['incoterm'])}`,
          ...provenance(doc),
        }),
      ),
      ...markets.map(
        (doc): Figure => ({
          kind: 'customs valuation',
          key: String(doc['country']),
          value: String(doc['customsValuation']),
          source: text(doc['customsValuationSource']),
          asOf: date(doc['customsValuationAsOf']),
          illustrative: isIllustrative(text(doc['customsValuationSource'])),
        }),
      ),
      ...taxRates.map(
        (doc): Figure => ({
          kind: 'tax rate',
          key: `${String(doc['country'])} ${String(doc['category'])}`,
          value: percent(String(doc['ratePercent'])),
          ...provenance(doc),
        }),
      ),
      ...dutyRates.map(
        (doc): Figure => ({
          kind: 'duty rate',
          key: `${String(doc['destination'])} HS ${String(doc['hsPrefix'])}`,
          value: percent(String(doc['ratePercent'])),
          ...provenance(doc),
        }),
      ),
      ...deMinimis.map((doc): Figure => {
        const regime = doc['lowValueRegime'] as Doc | null | undefined;
        const figure = provenance(doc);
        return {
          kind: 'de minimis',
          key: String(doc['destination']),
          value: regime
            ? `thresholds; ${String(regime['name'])} from ${date(regime['validFrom'])?.toISOString().slice(0, 10) ?? '?'}`
            : 'thresholds',
          ...figure,
          illustrative: figure.illustrative || isIllustrative(text(doc['thresholdBasisSource']), text(regime?.['source'])),
        };
      }),
      ...schemes.map(
        (doc): Figure => ({
          kind: 'collection scheme',
          key: String(doc['code']),
          value: doc['verified'] === true ? 'scheme' : 'scheme (unverified)',
          ...provenance(doc),
          illustrative: doc['verified'] !== true || provenance(doc).illustrative,
        }),
      ),
      ...levies.map(
        (doc): Figure => ({
          kind: 'levy',
          key: String(doc['code']),
          value: doc['verified'] === true ? 'levy' : 'levy (unverified)',
          ...provenance(doc),
          unverified: doc['verified'] !== true,
        }),
      ),
      ...newest.map(
        (doc): Figure => ({
          kind: 'fx rate',
          key: `${String(doc['base'])}/${String(doc['quote'])}`,
          value: String(doc['rate']),
          ...provenance(doc),
          historic: isHistoricCurrency(doc['quote']) || isHistoricCurrency(doc['base']),
        }),
      ),
      ...agreements.map(
        (doc): Figure => ({
          kind: 'trade agreement',
          key: String(doc['code']),
          value: String(doc['sellerProof']),
          ...provenance(doc),
          illustrative: doc['verified'] !== true || provenance(doc).illustrative,
        }),
      ),
      ...preferentialRates.map(
        (doc): Figure => ({
          kind: 'preferential rate',
          key: `${String(doc['agreement'])} ${String(doc['destination'])} HS ${String(doc['hsPrefix'])}`,
          value: percent(String(doc['ratePercent'])),
          ...provenance(doc),
          illustrative: doc['verified'] !== true || provenance(doc).illustrative,
        }),
      ),
      ...lanes.map(
        (doc): Figure => ({
          kind: 'lane',
          key: String(doc['id'] ?? doc['_id']),
          value: `${String(doc['carrier'])} ${String(doc['origin'])}→${String(doc['destination'])}`,
          ...provenance(doc),
        }),
      ),
      ...unitPriceRules.map(
        (doc): Figure => ({
          kind: 'unit price rule',
          key: String(doc['country']),
          value: `from ${date(doc['validFrom'])?.toISOString().slice(0, 10) ?? '?'}`,
          ...provenance(doc),
          unverified: doc['verified'] !== true,
        }),
      ),
    ];
  } finally {
    await pricing.close();
    await fulfillment.close();
  }
}

const day = (date: Date): string => date.toISOString().slice(0, 10);
const amountText = (money: { minor: bigint | number; currency: string } | null): string =>
  money ? minorToText(money.minor, money.currency) : 'none';

/**
 * Each low-value rule on its own line, with its source and whether it was verified: the EU's €3 (its validity and
 * what applies after), the thresholds by ship-from country (CA CUSMA, KR US), the recipient code a destination
 * needs (KR PCCC) and the excise a relief never waives (JP liquor tax).
 */
function lowValueRuleFigures(): Figure[] {
  const regime = EU_LOW_VALUE_REGIME;
  const figures: Figure[] = [
    {
      kind: 'low-value rule',
      key: 'EU flat duty',
      value: `${amountText(regime.amountPerSubheading)} per item (tariff subheading + origin) up to ${amountText(regime.valueCeiling)}, ${day(regime.validFrom)} to ${regime.validTo ? day(regime.validTo) : 'open'}, then ${regime.after ?? 'ORDINARY_TARIFF'}`,
      source: regime.source,
      asOf: regime.asOf,
      illustrative: isIllustrative(regime.source),
      unverified: regime.verified === false,
    },
  ];
  for (const record of DE_MINIMIS) {
    for (const tier of record.shipFromThresholds ?? []) {
      figures.push({
        kind: 'low-value rule',
        key: `${record.destination} shipped from ${tier.shipFrom.join('/')}`,
        value: `duty ${amountText(tier.dutyThreshold)}, tax ${amountText(tier.taxThreshold)}, from ${day(tier.validFrom)}`,
        source: tier.source,
        asOf: tier.asOf,
        illustrative: isIllustrative(tier.source),
        unverified: !tier.verified,
      });
    }
    const code = record.recipientCustomsCode;
    if (code) {
      figures.push({
        kind: 'low-value rule',
        key: `${record.destination} recipient code`,
        value: `${code.name} required from ${day(code.validFrom)}`,
        source: code.source,
        asOf: code.asOf,
        illustrative: isIllustrative(code.source),
        unverified: !code.verified,
      });
    }
  }
  return figures;
}

const KINDS: readonly FigureKind[] = [
  'market',
  'customs valuation',
  'tax rate',
  'duty rate',
  'de minimis',
  'low-value rule',
  'collection scheme',
  'levy',
  'carrier fee',
  'fx rate',
  'lane',
  'unit price rule',
  'trade agreement',
  'preferential rate',
  'sub-national tax',
  'nexus threshold',
  'destination area',
];

/** The report: flagged figures by kind, then one summary line per kind and a total. */
export function formatReport(findings: readonly Finding[], now: Date, verbose = false): string {
  const lines: string[] = [
    `Reference data check at ${now.toISOString()} (max age: ${KINDS.map((kind) => `${kind} ${MAX_AGE_DAYS[kind]} d`).join(', ')})`,
  ];
  for (const kind of KINDS) {
    const ofKind = findings.filter((finding) => finding.figure.kind === kind);
    // Every figure that needs a person's attention: flagged, or only illustrative (sourced, but not from an authority).
    const shown = verbose
      ? ofKind
      : ofKind.filter((finding) => finding.flags.length > 0 || finding.figure.illustrative || finding.figure.unverified);
    const count = (flag: Flag) => ofKind.filter((finding) => finding.flags.includes(flag)).length;
    const illustrative = ofKind.filter((finding) => finding.figure.illustrative).length;
    const unverified = ofKind.filter((finding) => finding.figure.unverified).length;
    lines.push(
      `\n${kind}: ${ofKind.length} figures — ${count('NO SOURCE')} without source, ${count('UNDATED')} undated, ` +
        `${count('STALE')} older than ${MAX_AGE_DAYS[kind]} d, ${illustrative} marked illustrative` +
        (unverified > 0 ? `, ${unverified} with a source not verified here` : ''),
    );
    for (const { figure, flags, ageDays } of shown) {
      const age = ageDays === null ? 'no date' : `as of ${figure.asOf!.toISOString().slice(0, 10)} (${ageDays} d)`;
      const marks = [
        ...flags,
        ...(figure.illustrative ? ['ILLUSTRATIVE'] : []),
        ...(figure.unverified ? ['UNVERIFIED'] : []),
        ...(figure.historic ? ['HISTORIC'] : []),
      ];
      lines.push(
        `  ${marks.join(', ').padEnd(32)} ${figure.key.padEnd(26)} ${figure.value} — ${age}; source: ${figure.source ?? '(none)'}`,
      );
    }
  }
  const total = (flag: Flag) => findings.filter((finding) => finding.flags.includes(flag)).length;
  lines.push(
    `\n${findings.length} figures: ${total('NO SOURCE')} without source, ${total('UNDATED')} undated, ${total('STALE')} stale, ` +
      `${findings.filter((finding) => finding.figure.illustrative).length} illustrative`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'boolean', default: false },
      now: { type: 'string' },
      strict: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const now = values.now ? new Date(values.now) : clockFromEnv()();
  if (Number.isNaN(now.getTime())) {
    console.error(`--now must be an ISO instant, got "${values.now}"`);
    process.exit(2);
  }
  let figures: Figure[];
  if (values.db) {
    const { mongodbUri } = readConfig();
    if (!mongodbUri) {
      console.error('Usage: MONGODB_URI=mongodb://… npm run data:check -- --db');
      process.exit(2);
    }
    figures = await databaseFigures(mongodbUri, now);
  } else {
    figures = seedFigures();
  }
  const findings = checkFigures(figures, now);
  console.log(formatReport(findings, now, values.verbose));
  const failed = findings.some((finding) => finding.flags.includes('NO SOURCE') || (values.strict && finding.flags.includes('STALE')));
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
