/**
 * Reference data for seeding the pricing subgraph: markets, VAT/GST rates, customs duty rates,
 * de minimis thresholds and FX rates. ILLUSTRATIVE: realistic in shape and order of magnitude, each
 * table dated, but not legal or tariff advice — rates change by law and tariff lines have many
 * exceptions (specific duties per kg or litre, origin-based surcharges, quotas) that are not modelled.
 */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { DeMinimis, DutyRate } from '../../subgraphs/pricing/domain/duty.ts';
import { parseEcbDailyXml, type EcbDailyRates } from '../../subgraphs/pricing/domain/ecb.ts';
import type { FxRate } from '../../subgraphs/pricing/domain/fx.ts';
import type { Market } from '../../subgraphs/pricing/domain/market.ts';
import { moneyFromDecimal } from '../../subgraphs/pricing/domain/money.ts';
import type { TaxCategory, TaxRate } from '../../subgraphs/pricing/domain/tax.ts';

/**
 * The markets we sell into. Customs valuation: the EU (Union Customs Code Art. 70–71), the UK, Japan, Switzerland
 * and the GCC assess duty on CIF (goods + insurance + freight to the border); the US (19 U.S.C. 1401a) on FOB.
 */
export const MARKETS: readonly Market[] = [
  { country: 'DE', currency: 'EUR', locale: 'de-DE', taxDisplay: 'inclusive', incoterm: 'DDP', presentment: { kind: 'exponent' }, fxMarginBps: 100, customsValuation: 'CIF', additionalCurrencies: [] },
  // NL shows converted prices with a .99 ending (our call, to exercise charm pricing on a real market).
  { country: 'NL', currency: 'EUR', locale: 'nl-NL', taxDisplay: 'inclusive', incoterm: 'DDP', presentment: { kind: 'charm', ending: '0.99' }, fxMarginBps: 100, customsValuation: 'CIF', additionalCurrencies: [] },
  { country: 'GB', currency: 'GBP', locale: 'en-GB', taxDisplay: 'inclusive', incoterm: 'DDP', presentment: { kind: 'exponent' }, fxMarginBps: 150, customsValuation: 'CIF', additionalCurrencies: [] },
  // US prices are shown before tax; state sales tax is out of scope (see TAX_TABLE).
  { country: 'US', currency: 'USD', locale: 'en-US', taxDisplay: 'exclusive', incoterm: 'DAP', presentment: { kind: 'exponent' }, fxMarginBps: 150, customsValuation: 'FOB', additionalCurrencies: [] },
  { country: 'JP', currency: 'JPY', locale: 'ja-JP', taxDisplay: 'inclusive', incoterm: 'DDP', presentment: { kind: 'increment', increment: '1' }, fxMarginBps: 200, customsValuation: 'CIF', additionalCurrencies: [] },
  // Swiss prices end in 0.05 steps, as cash can be paid (the 1- and 2-rappen coins are gone).
  { country: 'CH', currency: 'CHF', locale: 'de-CH', taxDisplay: 'inclusive', incoterm: 'DAP', presentment: { kind: 'increment', increment: '0.05' }, fxMarginBps: 150, customsValuation: 'CIF', additionalCurrencies: ['EUR'] },
  // Kuwait has no VAT (0 %), so inclusive and exclusive show the same; KWD has 3 decimals (fils).
  { country: 'KW', currency: 'KWD', locale: 'ar-KW', taxDisplay: 'inclusive', incoterm: 'DDP', presentment: { kind: 'exponent' }, fxMarginBps: 250, customsValuation: 'CIF', additionalCurrencies: [] },
];

const ILLUSTRATIVE = 'Illustrative values for development and tests, not tax or tariff advice; check current law.';

function vat(country: string, rates: Record<TaxCategory, string>): TaxRate[] {
  return (Object.keys(rates) as TaxCategory[]).map((category) => ({ country, category, ratePercent: rates[category] }));
}

/**
 * VAT/GST by destination and category, in percent. 'zero' covers zero-rated or exempt supplies.
 * US: 0 at our level — sales tax is set by states and localities (and by the buyer's address), so it
 * is out of scope here and must come from a sales-tax service if ever needed. KW: no VAT.
 */
export const TAX_TABLE = {
  asOf: new Date('2025-07-01T00:00:00Z'),
  source: 'National VAT/GST laws as published by each tax authority (summarised)',
  note: ILLUSTRATIVE,
  rates: [
    ...vat('DE', { standard: '19', reduced: '7', zero: '0' }),
    ...vat('NL', { standard: '21', reduced: '9', zero: '0' }),
    // 'reduced' is the food category here (coffee beans, tea: 7 % in DE, 8 % in JP). The UK zero-rates food,
    // coffee beans and tea included (VAT Act 1994 Sch. 8 Group 1; HMRC VAT Notice 701/14, "Food products"); its
    // 5 % reduced rate (domestic fuel, children's car seats, …) covers nothing we sell. So GB food is 0 %.
    ...vat('GB', { standard: '20', reduced: '0', zero: '0' }),
    ...vat('JP', { standard: '10', reduced: '8', zero: '0' }), // reduced: food and newspapers
    ...vat('CH', { standard: '8.1', reduced: '2.6', zero: '0' }), // since 2024
    ...vat('US', { standard: '0', reduced: '0', zero: '0' }),
    ...vat('KW', { standard: '0', reduced: '0', zero: '0' }),
  ] satisfies TaxRate[] as readonly TaxRate[],
};

function duties(destinations: readonly string[], rates: Record<string, string>): DutyRate[] {
  return destinations.flatMap((destination) =>
    Object.entries(rates).map(([hsPrefix, ratePercent]) => ({ destination, hsPrefix, ratePercent })),
  );
}

// One customs union, one tariff: the EU Common Customs Tariff applies to DE and NL alike.
const EU = ['DE', 'NL'] as const;

/**
 * Ad valorem duty rates by HS prefix (chapter 2 / heading 4 / subheading 6 digits); the most specific
 * prefix wins. Chapters: 09 coffee/tea, 22 beverages, 33 cosmetics, 42 leather goods, 61/62 apparel,
 * 64 footwear, 85 electronics, 95 toys. MFN-style rates only: origin-based surcharges (e.g. US
 * tariffs by country of origin) and specific duties (per kg, per litre, per pair) are not modelled —
 * where the real tariff is specific, the value here is a rough ad valorem equivalent.
 */
export const DUTY_TABLE = {
  asOf: new Date('2025-07-01T00:00:00Z'),
  source: 'EU TARIC, UK Global Tariff, US HTSUS (general column), Japan tariff schedule, GCC common tariff (summarised)',
  note: ILLUSTRATIVE,
  rates: [
    ...duties(EU, {
      '09': '0', '090121': '7.5', '090210': '3.2',
      '22': '5', '2202': '9.6',
      '33': '0',
      '42': '3', '420292': '9.7',
      '61': '12', '62': '12',
      '64': '8', '6402': '16.9', '6404': '17',
      '85': '2.7', '8517': '0', '8518': '2', '8528': '14',
      '95': '0',
    }),
    ...duties(['GB'], {
      '09': '0', '090121': '6',
      '22': '5', '2202': '8',
      '33': '0',
      '42': '2', '420292': '8',
      '61': '12', '62': '12',
      '64': '8', '6402': '16', '6404': '16',
      '85': '2', '8517': '0', '8528': '14',
      '95': '0',
    }),
    ...duties(['US'], {
      '09': '0',
      '22': '2',
      '33': '0',
      '42': '8', '420221': '9',
      '61': '15', '6109': '16.5', '62': '15',
      '64': '10', '6404': '20',
      '85': '0', '8518': '4.9',
      '95': '0',
    }),
    ...duties(['JP'], {
      '09': '0', '090121': '12',
      '22': '15',
      '33': '0',
      '42': '10',
      '61': '10', '62': '9',
      '64': '27',
      '85': '0',
      '95': '0',
    }),
    // Switzerland abolished industrial tariffs on 1 January 2024; agricultural duties are per kg
    // gross weight, shown here as a rough ad valorem equivalent.
    ...duties(['CH'], { '09': '0', '22': '8', '33': '0', '42': '0', '61': '0', '62': '0', '64': '0', '85': '0', '95': '0' }),
    // GCC common external tariff, 5 % on most goods. No chapter 22 rate: alcohol cannot be imported
    // into Kuwait — refusing such a shipment is fulfillment's compliance check, not pricing's.
    ...duties(['KW'], { '09': '5', '33': '5', '42': '5', '61': '5', '62': '5', '64': '5', '85': '5', '95': '5' }),
  ] satisfies DutyRate[] as readonly DutyRate[],
};

const at = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/**
 * Low-value thresholds per destination, in its currency; a value AT the threshold is exempt, only a
 * higher one owes (see `assessDeMinimis`). `null` = no threshold, always owed. Sources summarised;
 * these thresholds are being reformed in several places — check before relying on them.
 */
export const DE_MINIMIS: readonly DeMinimis[] = [
  ...EU.map((destination) => ({
    destination,
    // Duty relief for consignments of negligible value "not exceeding EUR 150" (Reg. 1186/2009 Art. 23).
    // The EU has decided to end this relief (a flat per-item duty for low-value parcels is planned
    // from 2026); not modelled here.
    dutyThreshold: moneyFromDecimal('150.00', 'EUR'),
    // No import-VAT de minimis since the e-commerce VAT package of 1 July 2021.
    taxThreshold: null,
    // The relief "shall not apply to" alcoholic products (CN 2203–2208: beer, wine, sake, spirits — not the
    // water and soft drinks of 2201/2202), perfumes and toilet waters (3303), tobacco and tobacco products (24):
    // Reg. (EC) 1186/2009 Art. 24.
    dutyReliefExcludedHsPrefixes: ['2203', '2204', '2205', '2206', '2207', '2208', '24', '3303'],
    asOf: at('2025-07-01'),
    source: 'EU customs duty relief Reg. (EC) 1186/2009 Art. 23–24; EU VAT e-commerce package 2021 — illustrative',
  })),
  {
    destination: 'GB',
    // No customs duty on consignments up to £135; VAT is always due (charged at sale up to £135).
    dutyThreshold: moneyFromDecimal('135.00', 'GBP'),
    taxThreshold: null,
    asOf: at('2025-07-01'),
    source: 'HMRC low-value consignment rules — illustrative',
  },
  {
    destination: 'US',
    // The $800 de minimis (Section 321) is suspended for all countries since 29 August 2025: duty on every parcel.
    dutyThreshold: null,
    taxThreshold: null,
    asOf: at('2025-08-29'),
    source: 'US Executive Order suspending duty-free de minimis treatment, effective 2025-08-29 — illustrative',
  },
  {
    destination: 'JP',
    // Duty and import consumption tax are waived when the taxable value totals ¥10,000 or less.
    dutyThreshold: moneyFromDecimal('10000', 'JPY'),
    taxThreshold: moneyFromDecimal('10000', 'JPY'),
    asOf: at('2025-07-01'),
    source: 'Japan Customs small-value import exemption — illustrative',
  },
  {
    destination: 'CH',
    // Import VAT of CHF 5 or less is not collected: about CHF 62 of goods at 8.1 %. The Swiss waiver is
    // on the tax amount, approximated here as a value threshold; duty (mostly 0 % since 2024) has none.
    dutyThreshold: null,
    taxThreshold: moneyFromDecimal('62.00', 'CHF'),
    asOf: at('2025-07-01'),
    source: 'Swiss FOCBS (BAZG) small-consignment rules, approximated — illustrative',
  },
  {
    destination: 'KW',
    dutyThreshold: moneyFromDecimal('100.000', 'KWD'),
    taxThreshold: null,
    asOf: at('2025-07-01'),
    source: 'Illustrative value; no authoritative source checked',
  },
];

/** The dated ECB sample shipped with the repo (see the comment inside it: rates are illustrative). */
export const ECB_SAMPLE_FILE = new URL('./ecb-eurofxref-2026-11-24.xml', import.meta.url);

/**
 * Where the sample's rates come from: written by hand in the ECB's exact format, not downloaded from the ECB,
 * though they are stamped source "ECB" like an imported file's. `npm run data:check` reports them as
 * illustrative. Import the ECB's real eurofxref-daily.xml or eurofxref-hist.xml with `npm run import:ecb`.
 */
export const ECB_SAMPLE_PROVENANCE = {
  illustrative: true,
  note: 'Hand-written rates in the ECB eurofxref-daily.xml format for 2026-11-24; not ECB data',
} as const;

/** Reads and parses the ECB sample file. */
export function loadEcbSample(): EcbDailyRates {
  return parseEcbDailyXml(readFileSync(ECB_SAMPLE_FILE, 'utf8'));
}

/**
 * Rates the ECB does not publish, from a named non-ECB source. KWD: the dinar is pegged to an
 * undisclosed basket (~3.25 USD per KWD); EUR/KWD ≈ EUR/USD ÷ 3.26. Stamped at the same moment as
 * the ECB sample so cross rates are not flagged stale against each other.
 */
export const ILLUSTRATIVE_FX_RATES: readonly FxRate[] = [
  { base: 'EUR', quote: 'KWD', rate: '0.3535', source: 'illustrative', asOf: new Date('2026-11-24T15:00:00Z') },
];

/** Every FX rate to seed: the ECB sample plus the illustrative ones it lacks. */
export function seedFxRates(): FxRate[] {
  return [...loadEcbSample().rates, ...ILLUSTRATIVE_FX_RATES];
}

/** At most this many ECB business days of carried-forward rates are seeded (a bounded seed however late it runs). */
export const FX_CARRY_FORWARD_MAX_DAYS = 10;

/** The `source` of a carried-forward rate: not published by the ECB on that day. */
export const CARRIED_FORWARD_SOURCE = 'illustrative';

/** Days the ECB publishes no reference rates besides weekends: TARGET's fixed closing days (Easter is ignored). */
const TARGET_FIXED_CLOSING_DAYS = new Set(['01-01', '05-01', '12-25', '12-26']);

/**
 * The demo FX history, fresh on the day it is seeded: the dated sample (the ECB sample of 2026-11-24 plus KWD),
 * then the same rates carried forward — stamped `source: 'illustrative'`, never 'ECB' — to every ECB business
 * day after the sample whose 16:00 Frankfurt fixing is at or before `now` (the last {@link
 * FX_CARRY_FORWARD_MAX_DAYS} of them). Seeded with the demo clock (`MERIDIAN_NOW=2026-11-25T10:00:00Z`) it is
 * exactly the sample, so the README's answers hold; seeded by an unpinned `npm start`, the newest rate is at most
 * one business day old, so prices are not flagged `stale`. A rate dated after the clock is never used (the
 * pricing subgraph picks the newest rate at or before now), so a history seeded later still answers the pinned
 * demo exactly. Real rates come from `npm run import:ecb` (source 'ECB').
 */
export function seedFxRateHistory(now: Date): FxRate[] {
  const sample = seedFxRates();
  const sampleDay = DateTime.fromJSDate(loadEcbSample().asOf, { zone: 'Europe/Berlin' }).startOf('day');
  const carried: DateTime[] = [];
  for (let day = sampleDay.plus({ days: 1 }); ; day = day.plus({ days: 1 })) {
    const fixing = day.set({ hour: 16, minute: 0 });
    if (fixing.toMillis() > now.getTime()) break;
    if (day.weekday >= 6 || TARGET_FIXED_CLOSING_DAYS.has(day.toFormat('MM-dd'))) continue;
    carried.push(fixing);
  }
  return [
    ...sample,
    ...carried.slice(-FX_CARRY_FORWARD_MAX_DAYS).flatMap((fixing) =>
      sample.map((rate) => ({ ...rate, source: CARRIED_FORWARD_SOURCE, asOf: fixing.toJSDate() })),
    ),
  ];
}
