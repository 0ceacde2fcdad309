import { badUserInput } from '../../common/contract/errors.ts';
import { Exact, memoisedByText } from './exact.ts';
import { compare, toDecimalString, type Money } from './money.ts';
import { moneyToExact, roundToMoney, type RoundingMode } from './rounding.ts';

/**
 * An ad valorem customs duty rate for goods whose HS code starts with `hsPrefix` — a chapter (2
 * digits, "61" knitted apparel), heading (4, "6109" T-shirts) or subheading (6, "610910" cotton
 * T-shirts) of the Harmonized System — when imported into `destination` (ISO country code).
 */
export type DutyRate = { readonly destination: string; readonly hsPrefix: string; readonly ratePercent: string };

export type DutyRateMatch = {
  readonly ratePercent: string;
  /** The prefix that matched, or null when nothing did. */
  readonly hsPrefix: string | null;
  /** False when no rate was found and 0 % was assumed: the API should say the duty is unknown, not zero. */
  readonly matched: boolean;
};

/**
 * The most specific duty rate for an HS code: subheading (6 digits) beats heading (4) beats chapter
 * (2). No match gives 0 % with `matched: false`. `hsCode` may be 6–10 digits (national tariff lines
 * add digits after the 6 international ones) and may contain dots ("6109.10.00").
 */
export function findDutyRate(hsCode: string, destination: string, rates: readonly DutyRate[]): DutyRateMatch {
  const digits = normalizeHsCode(hsCode);
  for (const length of [6, 4, 2]) {
    const prefix = digits.slice(0, length);
    const found = rates.find((rate) => rate.destination === destination && rate.hsPrefix === prefix);
    if (found) return { ratePercent: found.ratePercent, hsPrefix: prefix, matched: true };
  }
  return { ratePercent: '0', hsPrefix: null, matched: false };
}

const HS_DIGITS = /^\d{6,10}$/;

/** Digits of an HS code without dots or spaces; BAD_USER_INPUT naming it unless 6–10 digits remain. */
export function normalizeHsCode(hsCode: string): string {
  // Most codes arrive as plain digits: no copy to make.
  if (typeof hsCode === 'string' && HS_DIGITS.test(hsCode)) return hsCode;
  const digits = String(hsCode).replace(/[.\s]/g, '');
  if (!HS_DIGITS.test(digits)) {
    throw badUserInput(`Invalid HS code "${hsCode}": expected 6 to 10 digits such as "6109.10"`, { hsCode });
  }
  return digits;
}

/**
 * A customs union: its members form one customs territory, so goods move between them without import
 * duty (the EU's customs union, TFEU Art. 28; Switzerland and Liechtenstein).
 */
export type CustomsUnion = { readonly name: string; readonly members: readonly string[] };

/**
 * Customs unions among the countries goods come from and go to: inside one, goods move without import
 * duty. The EU's 27 member states (Monaco, trading inside the EU customs territory through France, is
 * included; special territories such as the Canary Islands are not modelled); Switzerland with
 * Liechtenstein (customs treaty of 1923).
 */
export const CUSTOMS_UNIONS: readonly CustomsUnion[] = [
  {
    name: 'EU',
    members: [
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
      'MC',
    ],
  },
  { name: 'CH-LI', members: ['CH', 'LI'] },
];

/**
 * Whether goods leaving `from` are imported when delivered to `destination`: false for the same country or two
 * members of one customs union, true otherwise. `from` is where the parcel leaves (its warehouse's country), not
 * where the goods were made: goods in an EU warehouse are in free circulation (their duty was paid when the stock
 * was imported), so Venlo → Germany crosses nothing, and New Jersey → US is domestic.
 */
export function crossesCustomsBorder(from: string, destination: string, unions: readonly CustomsUnion[]): boolean {
  if (from === destination) return false;
  return !unions.some((union) => union.members.includes(from) && union.members.includes(destination));
}

/**
 * Highest ad valorem duty rate accepted, in percent. Duty rates may exceed 100 %: Korea's out-of-quota rate on
 * green tea (HS 0902.10) is 513.6 %. A rate above this is a typo in the data, not a tariff.
 */
export const MAX_DUTY_RATE_PERCENT = 1000;

const MAX_DUTY_RATE = Exact.of(MAX_DUTY_RATE_PERCENT);

/** An ad valorem duty rate as a fraction (rate/100); rates outside 0–{@link MAX_DUTY_RATE_PERCENT} % are rejected as data errors. */
export const dutyFraction: (ratePercent: string) => Exact = memoisedByText((ratePercent) => {
  const rate = Exact.parse(ratePercent, 'ratePercent');
  if (rate.isNegative() || rate.cmp(MAX_DUTY_RATE) > 0) {
    throw badUserInput(`Duty rate must be between 0 and ${MAX_DUTY_RATE_PERCENT} percent, got "${ratePercent}"`, { ratePercent });
  }
  return new Exact(rate.units, rate.scale + 2);
});

/** Duty on a customs value at an ad valorem rate, rounded with `mode`. */
export function dutyOn(value: Money, ratePercent: string, mode: RoundingMode): Money {
  return roundToMoney(moneyToExact(value).times(dutyFraction(ratePercent)), value.currency, mode);
}

/** How a good's duty was assessed. */
export const DutyBasis = {
  /** The tariff's ad valorem rate on the customs value. */
  AD_VALOREM: 'AD_VALOREM',
  /** A destination's flat low-value duty per item (EU €3 from 2026-07-01 to 2028-07-01) instead of the tariff rate. */
  FLAT_LOW_VALUE: 'FLAT_LOW_VALUE',
  /** No duty: the consignment is within the destination's low-value relief (de minimis). */
  RELIEF: 'RELIEF',
} as const;
export type DutyBasis = (typeof DutyBasis)[keyof typeof DutyBasis];

/**
 * What a destination compares its low-value thresholds with. The EU (€150, Delegated Reg. (EU) 2015/2446 Art.
 * 1(48): "intrinsic value") and the UK (£135) use the goods' own value, without transport and insurance, even
 * where duty itself is assessed on the CIF customs value.
 */
export const ThresholdBasis = {
  /** The goods' value alone (their price net of VAT/GST), without transport and insurance. */
  INTRINSIC_VALUE: 'INTRINSIC_VALUE',
  /** The customs value on the destination's basis (CIF or FOB), as duty is assessed. */
  CUSTOMS_VALUE: 'CUSTOMS_VALUE',
} as const;
export type ThresholdBasis = (typeof ThresholdBasis)[keyof typeof ThresholdBasis];

/**
 * A flat customs duty on low-value consignments that replaces a destination's duty relief from `validFrom` until
 * `validTo`: the EU's €3 per item — each distinct (tariff subheading, origin) pair declared, however many units — in
 * a consignment of intrinsic value up to €150 (Council Reg. (EU) 2026/382, 2026-07-01 to 2028-07-01). Goods of
 * `excludedHsPrefixes` keep their ad valorem duty. After `validTo`, `after` says what applies.
 */
export type LowValueRegime = {
  readonly kind: 'FLAT_PER_TARIFF_SUBHEADING';
  /** How the regime is named in explanations, e.g. "EU low-value flat duty". */
  readonly name: string;
  /** The duty per item (distinct tariff subheading and origin), in the record's currency (see `deMinimisIn`). */
  readonly amountPerSubheading: Money;
  /** The regime covers consignments whose value (on the record's `thresholdBasis`) does not exceed this. */
  readonly valueCeiling: Money;
  /** The amount as the law states it (€3), kept when `amountPerSubheading` is converted, for labels. */
  readonly statedAmount?: Money;
  /** The first instant the regime applies (inclusive); before it, the record's duty relief applies. */
  readonly validFrom: Date;
  /** The first instant it no longer applies (exclusive); null or absent: open-ended. */
  readonly validTo?: Date | null;
  /**
   * What applies from `validTo`: ORDINARY_TARIFF — the tariff's ad valorem duty whatever the value (the relief the
   * regime replaced does not come back); RELIEF — the record's duty relief again. Absent: ORDINARY_TARIFF.
   */
  readonly after?: RegimeAfter;
  /** HS prefixes the flat duty does not cover: such goods owe their ad valorem duty. */
  readonly excludedHsPrefixes: readonly string[];
  readonly source: string;
  readonly asOf: Date;
  /** False when the source could not be read in the authority's own text (data:check lists it as unverified). */
  readonly verified?: boolean;
  /** How an ambiguity was decided, and what was not verified. */
  readonly note?: string;
};

/** What applies once a low-value regime has ended (see `LowValueRegime.after`). */
export type RegimeAfter = 'ORDINARY_TARIFF' | 'RELIEF';

/**
 * Thresholds that replace a record's own for consignments shipped FROM one of `shipFrom` (the parcel's warehouse
 * country, not the goods' origin): Canada's CUSMA courier thresholds for parcels from the US or Mexico (CAD 150
 * duty, CAD 40 tax), Korea's USD 200 for goods shipped from the US. A consignment holding any good of
 * `excludedHsPrefixes` keeps the record's own thresholds (Korea: food, supplements and functional cosmetics go
 * through general clearance, which moves the whole parcel to USD 150).
 */
export type ShipFromThresholds = {
  readonly shipFrom: readonly string[];
  readonly dutyThreshold: Money | null;
  readonly taxThreshold: Money | null;
  readonly excludedHsPrefixes: readonly string[];
  readonly source: string;
  readonly asOf: Date;
  readonly validFrom: Date;
  readonly validTo: Date | null;
  readonly verified: boolean;
  readonly note: string;
};

/**
 * Low-value import thresholds for a destination, in the destination's currency. `null` means there
 * is no threshold: every consignment owes. Values change by law, so each record carries its `asOf`
 * and `source`.
 */
export type DeMinimis = {
  readonly destination: string;
  readonly dutyThreshold: Money | null;
  readonly taxThreshold: Money | null;
  /**
   * HS prefixes (chapter, heading or subheading) the duty relief never applies to, whatever the value: the
   * EU's relief for consignments of negligible value excludes alcoholic products, perfumes and toilet waters,
   * and tobacco (Reg. (EC) 1186/2009 Art. 24). Empty or absent: the relief covers every good.
   */
  readonly dutyReliefExcludedHsPrefixes?: readonly string[];
  /**
   * HS prefixes the import-TAX threshold never covers, whatever the value: Japan's designated articles (knitted
   * garments, footwear, leather bags…) owe consumption tax under ¥10,000 too (Customs Answer 1006). Absent: none.
   */
  readonly taxReliefExcludedHsPrefixes?: readonly string[];
  /** What the thresholds (and a low-value regime's ceiling) are compared with; absent: the customs value. */
  readonly thresholdBasis?: ThresholdBasis;
  /** Where `thresholdBasis` comes from. */
  readonly thresholdBasisSource?: string;
  /** A flat low-value duty that replaces the duty relief from its `validFrom` (EU €3 from 2026-07-01 to 2028-07-01). */
  readonly lowValueRegime?: LowValueRegime | null;
  /** Thresholds by ship-from country that replace `dutyThreshold`/`taxThreshold` (see {@link ShipFromThresholds}). */
  readonly shipFromThresholds?: readonly ShipFromThresholds[];
  /** The recipient's customs code the destination's clearance needs (Korea's PCCC); null or absent: none. */
  readonly recipientCustomsCode?: RecipientCustomsCodeRule | null;
  /** False when the thresholds' source could not be read in the authority's own text (data:check: unverified). */
  readonly verified?: boolean;
  /** How an ambiguity was decided, and what was not verified. */
  readonly note?: string;
  /**
   * A waiver on the import VAT/GST AMOUNT, not on a goods value: import tax of at most this much per assessment
   * (per consignment) is not collected (Switzerland: CHF 5, SR 641.204 Art. 1 let. d). Null or absent: none.
   */
  readonly importTaxWaiver?: ImportTaxWaiver | null;
  /** What our carrier charges the recipient for advancing duty and import tax on delivery (DAP); absent: nothing. */
  readonly carrierFee?: CarrierFee | null;
  readonly asOf: Date;
  readonly source: string;
};

/**
 * A personal customs code a destination's clearance needs from the recipient: Korea's Personal Customs Clearance
 * Code ("P" + 12 digits), required for list clearance since 2020-12-01. Its absence never stops a quote: the
 * customs declaration says it is missing.
 */
export type RecipientCustomsCodeRule = {
  /** What the code is called, e.g. "Personal Customs Clearance Code (PCCC)". */
  readonly name: string;
  readonly source: string;
  readonly asOf: Date;
  readonly validFrom: Date;
  readonly verified: boolean;
  readonly note: string;
};

/** Import tax of at most `amount` per assessment is not levied. */
export type ImportTaxWaiver = { readonly amount: Money; readonly source: string; readonly asOf: Date };

/**
 * The carrier's disbursement (advancement) fee, charged on delivery when it advances duty or import tax for the
 * recipient. A carrier's price list, not law: `illustrative` when we could not check the carrier's current one.
 */
export type CarrierFee = { readonly amount: Money; readonly source: string; readonly asOf: Date; readonly illustrative: boolean };

/** Whether an import tax amount is waived by the destination's waiver (at most its amount). */
export function isImportTaxWaived(importTax: Money, record: DeMinimis | undefined): boolean {
  const waiver = record?.importTaxWaiver ?? null;
  return waiver !== null && compare(importTax, waiver.amount) <= 0;
}

/** The record's low-value regime when it applies at `now` (from its `validFrom`, before its `validTo`), else null. */
export function activeLowValueRegime(record: DeMinimis | undefined, now: Date): LowValueRegime | null {
  const regime = record?.lowValueRegime ?? null;
  return regime && inForce(regime.validFrom, regime.validTo ?? null, now) ? regime : null;
}

/**
 * Whether the record's duty relief applies at `now`: not once a low-value regime has replaced it, unless that
 * regime has ended and says the relief comes back (`after: 'RELIEF'`). The EU's ended regime leaves the ordinary
 * tariff whatever the value: the €150 relief does not return.
 */
export function dutyReliefInForce(record: DeMinimis | undefined, now: Date): boolean {
  const regime = record?.lowValueRegime ?? null;
  if (!regime || now.getTime() < regime.validFrom.getTime()) return true;
  const ended = regime.validTo != null && now.getTime() >= regime.validTo.getTime();
  return ended && regime.after === 'RELIEF';
}

/** The facts a threshold choice reads besides the value: where the parcel leaves from and the goods it carries. */
export type ConsignmentFacts = { readonly fromCountry: string | null; readonly hsCodes: readonly string[] };

/**
 * The duty and tax thresholds for a consignment: the record's ship-from thresholds in force at `now` whose
 * `shipFrom` names the consignment's country and none of whose excluded goods it carries, else the record's own.
 * An unknown ship-from country (null) gets the record's own thresholds: the lower ones, never an undercharge.
 */
export function thresholdsFor(
  record: DeMinimis | undefined,
  now: Date,
  facts: ConsignmentFacts | undefined,
): { dutyThreshold: Money | null; taxThreshold: Money | null; tier: ShipFromThresholds | null } {
  const own = { dutyThreshold: record?.dutyThreshold ?? null, taxThreshold: record?.taxThreshold ?? null, tier: null };
  const fromCountry = facts?.fromCountry ?? null;
  if (!record?.shipFromThresholds || fromCountry === null) return own;
  const tier = record.shipFromThresholds.find(
    (candidate) =>
      candidate.shipFrom.includes(fromCountry) &&
      inForce(candidate.validFrom, candidate.validTo, now) &&
      !facts!.hsCodes.some((hsCode) => startsWithAny(hsCode, candidate.excludedHsPrefixes)),
  );
  return tier ? { dutyThreshold: tier.dutyThreshold, taxThreshold: tier.taxThreshold, tier } : own;
}

function inForce(validFrom: Date, validTo: Date | null, now: Date): boolean {
  return now.getTime() >= validFrom.getTime() && (validTo === null || now.getTime() < validTo.getTime());
}

function startsWithAny(hsCode: string, prefixes: readonly string[]): boolean {
  if (prefixes.length === 0) return false;
  const digits = normalizeHsCode(hsCode);
  return prefixes.some((prefix) => digits.startsWith(prefix));
}

/** Whether the record compares its thresholds with the goods' intrinsic value rather than the customs value. */
export function comparesIntrinsicValue(record: DeMinimis | undefined): boolean {
  return record?.thresholdBasis === ThresholdBasis.INTRINSIC_VALUE;
}

/** How a consignment's duty is assessed (see `assessConsignmentDuty`). */
export type ConsignmentDutyAssessment = {
  readonly basis: DutyBasis;
  /** The regime that set the basis when it is FLAT_LOW_VALUE, else null. */
  readonly regime: LowValueRegime | null;
  readonly importTaxOwed: boolean;
};

/**
 * How a consignment's duty is assessed at `now`, from the value its destination compares (`thresholdBasis`):
 * - a low-value regime in force (EU from 2026-07-01 until 2028-07-01) replaces the relief: at or under its ceiling,
 *   FLAT_LOW_VALUE; above it, AD_VALOREM;
 * - otherwise, while the relief is in force (see `dutyReliefInForce`), at or under the duty threshold, RELIEF (no
 *   duty); above it, with no threshold, or once an ended regime leaves the ordinary tariff, AD_VALOREM.
 * The thresholds are the record's, or its ship-from thresholds for the consignment's `facts` (see `thresholdsFor`).
 * Import tax is owed above the tax threshold (always, where there is none). The whole consignment's value is
 * compared, never a single item's: three €60 items exceed €150 where one would not. A value AT a threshold does
 * not exceed it — thresholds are "not exceeding" (EU: consignments not exceeding €150). No record for the
 * destination means no relief: everything is owed (we would rather over-estimate an import charge than surprise a
 * shopper at the door).
 */
export function assessConsignmentDuty(
  comparedValue: Money,
  record: DeMinimis | undefined,
  now: Date,
  facts?: ConsignmentFacts,
): ConsignmentDutyAssessment {
  const thresholds = thresholdsFor(record, now, facts);
  const importTaxOwed = exceeds(comparedValue, thresholds.taxThreshold);
  const regime = activeLowValueRegime(record, now);
  if (regime) {
    const flat = !exceeds(comparedValue, regime.valueCeiling);
    return { basis: flat ? DutyBasis.FLAT_LOW_VALUE : DutyBasis.AD_VALOREM, regime: flat ? regime : null, importTaxOwed };
  }
  const relief = dutyReliefInForce(record, now) && !exceeds(comparedValue, thresholds.dutyThreshold);
  return { basis: relief ? DutyBasis.RELIEF : DutyBasis.AD_VALOREM, regime: null, importTaxOwed };
}

/**
 * The basis of one good's duty in a consignment assessed as `consignment`: goods a flat regime excludes (EU:
 * alcohol, tobacco, perfume) owe their ad valorem duty, and so do goods excluded from the relief.
 */
export function dutyBasisOfGood(hsCode: string, consignment: ConsignmentDutyAssessment, record: DeMinimis | undefined): DutyBasis {
  switch (consignment.basis) {
    case DutyBasis.FLAT_LOW_VALUE:
      return startsWithAny(hsCode, consignment.regime!.excludedHsPrefixes) ? DutyBasis.AD_VALOREM : DutyBasis.FLAT_LOW_VALUE;
    case DutyBasis.RELIEF:
      return isExcludedFromDutyRelief(hsCode, record) ? DutyBasis.AD_VALOREM : DutyBasis.RELIEF;
    case DutyBasis.AD_VALOREM:
      return DutyBasis.AD_VALOREM;
    default: {
      const unknown: never = consignment.basis;
      throw new Error(`Unknown duty basis "${String(unknown)}"`);
    }
  }
}

/** A flat regime's tariff subheading of an HS code: its first 6 digits. */
export function tariffSubheadingOf(hsCode: string): string {
  return normalizeHsCode(hsCode).slice(0, 6);
}

/**
 * The "item" a flat regime counts: a distinct (tariff subheading, origin) pair declared — "1 silk blouse and 2 wool
 * blouses: two items"; two lines of one subheading but different origins are two declared lines, so two items. An
 * unknown origin counts as one origin of its own.
 */
export function flatDutyItemOf(hsCode: string, originCountry: string | null | undefined): string {
  return `${tariffSubheadingOf(hsCode)}/${originCountry ?? '?'}`;
}

/** "EU low-value flat duty €3 × 2 items" (with the converted amount where it is not the stated one). */
export function flatDutyLabel(regime: LowValueRegime, items: number): string {
  const stated = regime.statedAmount ?? regime.amountPerSubheading;
  const symbol = stated.currency === 'EUR' ? '€' : `${stated.currency} `;
  const converted =
    stated.currency === regime.amountPerSubheading.currency
      ? ''
      : ` (${regime.amountPerSubheading.currency} ${toDecimalString(regime.amountPerSubheading)})`;
  return `${regime.name} ${symbol}${moneyToExact(stated).toString()}${converted} × ${items} item${items === 1 ? '' : 's'}`;
}

/**
 * Whether goods of `hsCode` are excluded from the destination's low-value duty relief (see
 * `DeMinimis.dutyReliefExcludedHsPrefixes`): such goods owe duty even in a consignment under the threshold.
 */
export function isExcludedFromDutyRelief(hsCode: string, record: DeMinimis | undefined): boolean {
  return startsWithAny(hsCode, record?.dutyReliefExcludedHsPrefixes ?? []);
}

/** Whether goods of `hsCode` owe import tax under the destination's tax threshold (see `taxReliefExcludedHsPrefixes`). */
export function isExcludedFromTaxRelief(hsCode: string, record: DeMinimis | undefined): boolean {
  return startsWithAny(hsCode, record?.taxReliefExcludedHsPrefixes ?? []);
}

/** The record for a destination, if we have one. */
export function findDeMinimis(destination: string, records: readonly DeMinimis[]): DeMinimis | undefined {
  return records.find((record) => record.destination === destination);
}

function exceeds(value: Money, threshold: Money | null): boolean {
  // compare() rejects a threshold in another currency: convert before assessing, never guess.
  return threshold === null || compare(value, threshold) > 0;
}
