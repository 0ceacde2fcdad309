import { badUserInput } from '../../common/contract/errors.ts';
import { toDecimalString, type Money } from './money.ts';
import type { SalePrice } from './price-book.ts';
import type { PriceHistoryEntry } from './price-history.ts';

/**
 * Writing the price history when a price-book price changes (the EU 30-day rule reads it, see
 * `price-history.ts`). Pure: what to write is planned here, the writes happen in `../services/change-price.ts`.
 */

/** One product's price-book state in one market: the regular price and the sale, if any. */
export type PriceBookState = { readonly regular: Money; readonly sale: SalePrice | null };

/** A stretch of time during which one price is shown: [from, until), until null = open-ended. */
export type ShownPrice = { readonly amount: Money; readonly from: Date; readonly until: Date | null };

/** The history rows of one product in one market, as planned: every row the history must hold. */
export type HistoryRow = ShownPrice;

/** What a change writes to the history: rows to upsert (by `from`) and planned rows to remove. */
export type HistoryPlan = {
  /** Rows to write by their key (product, market, `from`), latest first (the writer orders closing rows before the open one). */
  readonly upserts: readonly HistoryRow[];
  /** Starts of rows that were plans (a sale's future rows) and no longer are. */
  readonly removals: readonly Date[];
  /** Every row of the history once the plan is applied, oldest first. */
  readonly after: readonly HistoryRow[];
};

const sameMoney = (a: Money, b: Money) => a.currency === b.currency && a.minor === b.minor;
const endOf = (row: { until: Date | null }) => row.until?.getTime() ?? Number.POSITIVE_INFINITY;

/**
 * The prices a state shows from `from` on: the regular price, the sale over its validity, the regular price after
 * it. Stretches of equal amount are one.
 */
export function shownPricesFrom(state: PriceBookState, from: Date): ShownPrice[] {
  const segments: ShownPrice[] = [];
  const push = (amount: Money, start: Date, until: Date | null) => {
    if (until && until.getTime() <= start.getTime()) return;
    const last = segments.at(-1);
    if (last && sameMoney(last.amount, amount)) segments[segments.length - 1] = { ...last, until };
    else segments.push({ amount, from: start, until });
  };
  const sale = state.sale;
  if (!sale || (sale.validUntil && sale.validUntil.getTime() <= from.getTime())) {
    push(state.regular, from, null);
    return segments;
  }
  const saleStart = new Date(Math.max(sale.validFrom.getTime(), from.getTime()));
  push(state.regular, from, saleStart);
  push(sale.price, saleStart, sale.validUntil);
  if (sale.validUntil) push(state.regular, sale.validUntil, null);
  return segments;
}

/** The price shown at instant `at` by `rows`: the row covering it that started last (as the 30-day rule reads it). */
function shownAt(rows: readonly HistoryRow[], at: number): Money | null {
  let shown: HistoryRow | null = null;
  for (const row of rows) if (row.from.getTime() <= at && at < endOf(row) && (!shown || row.from >= shown.from)) shown = row;
  return shown?.amount ?? null;
}

const iso = (date: Date) => date.toISOString();
const describe = (money: Money | null) => (money ? `${toDecimalString(money)} ${money.currency}` : 'no price');

/**
 * Plans the history of one product in one market after its price-book state becomes `state` at `change`:
 * - rows starting before `change` stay (the record); the one in force at `change` is closed there, or extended
 *   when the new price equals it (re-posting a price does not restart the 30-day window);
 * - rows starting at or after `change` (plans, such as a scheduled sale's rows) are replaced by the new state's;
 * - a row running into its successor is closed at the successor's start, so a history left half-written by a
 *   process that died between two writes is repaired by running the same change again.
 *
 * Whatever was shown before `now` is a record and is never rewritten: a change that would alter the price
 * shown at any instant before `now` is refused (BAD_USER_INPUT). Running the same change twice plans nothing.
 */
export function planHistoryChange(history: readonly PriceHistoryEntry[], state: PriceBookState, change: Date, now: Date): HistoryPlan {
  const existing: HistoryRow[] = [...history]
    .map(({ amount, from, until }) => ({ amount, from, until }))
    .sort((a, b) => a.from.getTime() - b.from.getTime());
  const kept = existing.filter((row) => row.from.getTime() < change.getTime());
  const desired = shownPricesFrom(state, change);

  // The price in force at the change: extended by an equal new price, else closed at the change (below).
  const inForce = kept.findLast((row) => endOf(row) > change.getTime());
  if (inForce && desired[0] && sameMoney(inForce.amount, desired[0].amount)) {
    kept[kept.lastIndexOf(inForce)] = { ...inForce, until: desired[0].until };
    desired.shift();
  }
  const after = [...kept, ...desired].sort((a, b) => a.from.getTime() - b.from.getTime());
  // No overlaps: a row ends at the latest where the next one starts.
  for (let index = 0; index < after.length - 1; index++) {
    const row = after[index]!;
    const next = after[index + 1]!;
    if (endOf(row) > next.from.getTime()) after[index] = { ...row, until: next.from };
  }

  assertRecordUnchanged(existing, after, now);

  const byStart = new Map(existing.map((row) => [row.from.getTime(), row]));
  const upserts = after
    .filter((row) => {
      const before = byStart.get(row.from.getTime());
      return !before || !sameMoney(before.amount, row.amount) || endOf(before) !== endOf(row);
    })
    .reverse();
  const starts = new Set(after.map((row) => row.from.getTime()));
  const removals = existing.filter((row) => !starts.has(row.from.getTime())).map((row) => row.from);
  return { upserts, removals, after };
}

/** Refuses a plan that changes the price shown at any instant before `now`. */
function assertRecordUnchanged(before: readonly HistoryRow[], after: readonly HistoryRow[], now: Date): void {
  // Shown prices change only where a row starts or ends, so comparing at those instants compares everything.
  const instants = new Set<number>();
  for (const row of [...before, ...after]) {
    instants.add(row.from.getTime());
    if (row.until) instants.add(row.until.getTime());
  }
  for (const at of [...instants].sort((a, b) => a - b)) {
    if (at >= now.getTime()) break;
    const was = shownAt(before, at);
    const would = shownAt(after, at);
    if (was === would || (was && would && sameMoney(was, would))) continue;
    throw badUserInput(
      `The change would rewrite the price history: ${describe(was)} is on record as shown at ${iso(new Date(at))}, ` +
        `before now (${iso(now)}). What shoppers saw is never rewritten; give a start (--from) not before now.`,
      { at: iso(new Date(at)), now: iso(now) },
    );
  }
}
