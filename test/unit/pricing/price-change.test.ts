import { describe, expect, it } from 'vitest';
import { planHistoryChange, shownPricesFrom, type PriceBookState } from '../../../subgraphs/pricing/domain/price-change.ts';
import type { PriceHistoryEntry } from '../../../subgraphs/pricing/domain/price-history.ts';
import { money } from './helpers.ts';

const at = (day: string) => new Date(`${day}T00:00:00Z`);
function row(amount: string, from: string, until: string | null): PriceHistoryEntry {
  return { productId: 'p', market: 'DE', amount: money(amount, 'EUR'), from: at(from), until: until ? at(until) : null };
}
const regular = (amount: string): PriceBookState => ({ regular: money(amount, 'EUR'), sale: null });
const onSale = (amount: string, sale: string, from: string, until: string | null): PriceBookState => ({
  regular: money(amount, 'EUR'),
  sale: { price: money(sale, 'EUR'), validFrom: at(from), validUntil: until ? at(until) : null },
});
/** Rows as `amount from–until` strings, for readable expectations. */
const shown = (rows: readonly { amount: { minor: bigint }; from: Date; until: Date | null }[]) =>
  rows.map((entry) => `${entry.amount.minor} ${entry.from.toISOString().slice(0, 10)}–${entry.until?.toISOString().slice(0, 10) ?? ''}`);
/** The history as stored once a plan is applied. */
const applied = (history: PriceHistoryEntry[], plan: ReturnType<typeof planHistoryChange>): PriceHistoryEntry[] =>
  plan.after.map((entry) => ({ ...entry, productId: 'p', market: 'DE' }));

describe('the prices a price-book state shows from an instant on', () => {
  it('is the regular price, the sale over its dates, then the regular price again', () => {
    expect(shown(shownPricesFrom(onSale('30.00', '15.00', '2026-11-23', '2026-12-01'), at('2026-11-10')))).toEqual([
      '3000 2026-11-10–2026-11-23',
      '1500 2026-11-23–2026-12-01',
      '3000 2026-12-01–',
    ]);
  });
  it('starts inside a running sale, and ignores one that is over', () => {
    expect(shown(shownPricesFrom(onSale('30.00', '15.00', '2026-11-23', null), at('2026-11-25')))).toEqual(['1500 2026-11-25–']);
    expect(shown(shownPricesFrom(onSale('30.00', '15.00', '2026-11-01', '2026-11-05'), at('2026-11-25')))).toEqual(['3000 2026-11-25–']);
  });
});

describe('planning the history of a price change', () => {
  const NOW = at('2026-11-13');

  it('closes the price in force at the change and opens the new one, new row first', () => {
    const plan = planHistoryChange([row('20.00', '2026-09-01', null)], regular('30.00'), NOW, NOW);
    expect(shown(plan.after)).toEqual(['2000 2026-09-01–2026-11-13', '3000 2026-11-13–']);
    expect(shown(plan.upserts)).toEqual(['3000 2026-11-13–', '2000 2026-09-01–2026-11-13']);
    expect(plan.removals).toEqual([]);
  });

  it('extends the price in force when the new one is equal: re-posting does not restart the 30 days', () => {
    const plan = planHistoryChange([row('20.00', '2026-09-01', null)], regular('20.00'), NOW, NOW);
    expect(plan.upserts).toEqual([]);
    expect(shown(plan.after)).toEqual(['2000 2026-09-01–']);
  });

  it('plans nothing when the same change runs again, at its instant or later', () => {
    const history = [row('20.00', '2026-09-01', null)];
    const first = planHistoryChange(history, regular('30.00'), NOW, NOW);
    const stored = applied(history, first);
    expect(planHistoryChange(stored, regular('30.00'), NOW, at('2026-11-14')).upserts).toEqual([]);
    expect(planHistoryChange(stored, regular('30.00'), at('2026-11-14'), at('2026-11-14')).upserts).toEqual([]);
  });

  it('repairs a history left half-written (new row opened, old one still open) at the right instant', () => {
    const halfWritten = [row('20.00', '2026-09-01', null), row('30.00', '2026-11-13', null)];
    const plan = planHistoryChange(halfWritten, regular('30.00'), at('2026-11-14'), at('2026-11-14'));
    expect(shown(plan.after)).toEqual(['2000 2026-09-01–2026-11-13', '3000 2026-11-13–']);
    expect(shown(plan.upserts)).toEqual(['2000 2026-09-01–2026-11-13']);
  });

  it('replaces the rows a scheduled sale planned when the sale changes before it starts', () => {
    const history = [row('30.00', '2026-09-01', '2026-11-23'), row('15.00', '2026-11-23', '2026-12-01'), row('30.00', '2026-12-01', null)];
    const plan = planHistoryChange(history, onSale('30.00', '25.00', '2026-11-24', null), NOW, NOW);
    expect(shown(plan.after)).toEqual(['3000 2026-09-01–2026-11-24', '2500 2026-11-24–']);
    expect(plan.removals).toEqual([at('2026-11-23'), at('2026-12-01')]);
  });

  it('refuses to rewrite what shoppers saw before now, naming the instant', () => {
    expect(() => planHistoryChange([row('20.00', '2026-09-01', null)], regular('30.00'), at('2026-11-01'), NOW)).toThrow(
      /20\.00 EUR is on record as shown at 2026-11-01T00:00:00\.000Z, before now \(2026-11-13T00:00:00\.000Z\)/,
    );
  });
});
