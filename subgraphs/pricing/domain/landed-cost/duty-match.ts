import { findDutyRate, type DutyRate } from '../duty.ts';
import type { MatchedLine, ValuedLine } from './line-assessment.ts';

/** What a line that crosses no customs border shows as its rate: 0 %, and nothing missing. */
const NOT_DUTIABLE = { ratePercent: '0', hsPrefix: null, matched: true } as const;

/** Step 7: the most specific duty rate of a dutiable line's HS code at the destination (an invalid code is BAD_USER_INPUT). */
export function matchDutyRate(line: ValuedLine, destination: string, dutyRates: readonly DutyRate[]): MatchedLine {
  return { ...line, dutyMatch: line.dutiable ? findDutyRate(line.line.hsCode, destination, dutyRates) : NOT_DUTIABLE };
}
