// Calendar arithmetic on `yyyy-mm-dd` text read by character codes: the Date scalar checks every date a subgraph
// answers with it, and fulfillment converts dates with it several times per estimate, so both stay off regular
// expressions and Date round trips.

/** Whether `year` has a 29 February (proleptic Gregorian calendar). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of a year (February by the leap rule). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** The value of the ASCII digits of `text` from `start` to `end`, or -1 when one is not a digit. */
export function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
