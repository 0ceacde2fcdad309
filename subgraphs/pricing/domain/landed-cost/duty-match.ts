import { findDutyRate, type DutyRate } from '../duty.ts';
import { selectPreferentialRate, type PreferenceData } from '../preferential-origin.ts';
import type { MatchedLine, ValuedLine } from './line-assessment.ts';

/** What a line that crosses no customs border shows as its rate: 0 %, and nothing missing. */
const NOT_DUTIABLE = { ratePercent: '0', hsPrefix: null, matched: true, preference: null } as const;

/**
 * Step 7: the duty rate of a dutiable line's HS code at the destination (an invalid code is BAD_USER_INPUT): the
 * most specific MFN rate, or a trade agreement's preferential rate when the goods' origin qualifies, the merchant
 * holds the proof and the parcel leaves from the origin's side (`selectPreferentialRate`). `preferences.fromCountry`
 * is the parcel's warehouse country; null (lines in no parcel, or a quote without parcels) reads as shipped from the origin.
 */
export function matchDutyRate(
  line: ValuedLine,
  destination: string,
  dutyRates: readonly DutyRate[],
  preferences?: { readonly fromCountry: string | null; readonly data: PreferenceData | null | undefined; readonly now: Date },
): MatchedLine {
  // Declared but in free circulation (Venlo → Las Palmas): no tariff, 0 %.
  if (!line.dutiable || !line.owesDuty) return { ...line, dutyMatch: NOT_DUTIABLE };
  const { hsCode, origin } = line.line;
  const mfn = findDutyRate(hsCode, destination, dutyRates);
  if (!preferences || !origin) return { ...line, dutyMatch: { ...mfn, preference: null } };
  const facts = { ...origin, shipFrom: preferences.fromCountry ?? origin.originCountry };
  return { ...line, dutyMatch: selectPreferentialRate(mfn, hsCode, destination, facts, preferences.data, preferences.now) };
}
