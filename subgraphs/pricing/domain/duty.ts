import { badUserInput } from '../../common/contract/errors.ts';
import { compare, type Money } from './money.ts';
import { moneyToDecimal, roundToMoney, type RoundingMode } from './rounding.ts';
import { fraction } from './tax.ts';

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

/** Digits of an HS code without dots or spaces; BAD_USER_INPUT naming it unless 6–10 digits remain. */
export function normalizeHsCode(hsCode: string): string {
  const digits = String(hsCode).replace(/[.\s]/g, '');
  if (!/^\d{6,10}$/.test(digits)) {
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
      'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU',
      'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'MC',
    ],
  },
  { name: 'CH-LI', members: ['CH', 'LI'] },
];

/**
 * Whether goods made in `origin` are imported when delivered to `destination`: false for the same
 * country or two members of one customs union (a Portuguese sweater sold in Germany owes no duty),
 * true otherwise. The goods' origin stands in for where they ship from, which pricing does not know;
 * goods already cleared into the destination's territory by a local warehouse are not modelled.
 */
export function crossesCustomsBorder(origin: string, destination: string, unions: readonly CustomsUnion[]): boolean {
  if (origin === destination) return false;
  return !unions.some((union) => union.members.includes(origin) && union.members.includes(destination));
}

/** Duty on a customs value at an ad valorem rate, rounded with `mode`. */
export function dutyOn(value: Money, ratePercent: string, mode: RoundingMode): Money {
  return roundToMoney(moneyToDecimal(value).times(fraction(ratePercent)), value.currency, mode);
}

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
  readonly asOf: Date;
  readonly source: string;
};

/**
 * Whether goods of `hsCode` are excluded from the destination's low-value duty relief (see
 * `DeMinimis.dutyReliefExcludedHsPrefixes`): such goods owe duty even in a consignment under the threshold.
 */
export function isExcludedFromDutyRelief(hsCode: string, record: DeMinimis | undefined): boolean {
  const prefixes = record?.dutyReliefExcludedHsPrefixes ?? [];
  if (prefixes.length === 0) return false;
  const digits = normalizeHsCode(hsCode);
  return prefixes.some((prefix) => digits.startsWith(prefix));
}

export type DeMinimisAssessment = { readonly dutyOwed: boolean; readonly importTaxOwed: boolean };

/** The record for a destination, if we have one. */
export function findDeMinimis(destination: string, records: readonly DeMinimis[]): DeMinimis | undefined {
  return records.find((record) => record.destination === destination);
}

/**
 * Whether a consignment owes duty and import tax. The whole consignment's value is compared, never a
 * single item's: three €60 items owe duty where one would not. A value AT the threshold does not
 * owe — thresholds are "not exceeding" (EU: no duty on consignments not exceeding €150), so only
 * value > threshold owes. No record for the destination means no relief: everything is owed (we
 * would rather over-estimate an import charge than surprise a shopper at the door).
 */
export function assessDeMinimis(consignmentValue: Money, record: DeMinimis | undefined): DeMinimisAssessment {
  return {
    dutyOwed: exceeds(consignmentValue, record?.dutyThreshold ?? null),
    importTaxOwed: exceeds(consignmentValue, record?.taxThreshold ?? null),
  };
}

function exceeds(value: Money, threshold: Money | null): boolean {
  // compare() rejects a threshold in another currency: convert before assessing, never guess.
  return threshold === null || compare(value, threshold) > 0;
}
