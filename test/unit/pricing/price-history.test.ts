import { describe, expect, it } from 'vitest';
import { seedPriceHistory } from '../../../scripts/seed/payments.ts';
import { omnibusApplies, omnibusCompareAt, priorPriceOf, type PriceHistoryEntry } from '../../../subgraphs/pricing/domain/price-history.ts';
import { dec, eur, money } from './helpers.ts';

const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
function row(amount: string, from: string, until: string | null, currency = 'EUR'): PriceHistoryEntry {
  return { productId: 'p', market: 'DE', amount: money(amount, currency), from: at(from), until: until ? at(until) : null };
}
const NOW = new Date('2026-11-25T10:00:00Z');

describe('the lowest price of the 30 days before the current price', () => {
  it('finds the regular price before a sale, and allows it as the struck-through price', () => {
    const history = [row('139.00', '2026-09-01', '2026-11-23'), row('111.00', '2026-11-23', '2026-12-01')];
    const prior = priorPriceOf(history, NOW);
    expect(
      prior && {
        since: prior.currentSince.toISOString(),
        current: dec(prior.current),
        lowest: prior.lowestPrior && dec(prior.lowestPrior),
      },
    ).toEqual({
      since: '2026-11-23T00:00:00.000Z',
      current: '111.00',
      lowest: '139.00',
    });
    expect(dec(omnibusCompareAt(eur('111.00'), prior)!)).toBe('139.00');
  });

  it('sees through a price raised 10 days before the sale: the earlier, lower price is the reference', () => {
    const history = [
      row('99.00', '2026-09-01', '2026-11-13'),
      row('139.00', '2026-11-13', '2026-11-23'),
      row('111.00', '2026-11-23', null),
    ];
    const prior = priorPriceOf(history, NOW);
    expect(prior?.lowestPrior && dec(prior.lowestPrior)).toBe('99.00');
    // 111 is not below 99: no reduction may be announced at all.
    expect(omnibusCompareAt(eur('111.00'), prior)).toBeNull();
  });

  it('ignores prices older than the 30 days: a low price 31 days before the sale does not count', () => {
    const history = [
      row('89.00', '2026-09-01', '2026-10-23'),
      row('139.00', '2026-10-23', '2026-11-23'),
      row('111.00', '2026-11-23', null),
    ];
    // Window: 24 Oct – 23 Nov; the 89.00 ended on 23 Oct, before it.
    expect(dec(priorPriceOf(history, NOW)!.lowestPrior!)).toBe('139.00');
    const touching = [
      row('89.00', '2026-09-01', '2026-10-25'),
      row('139.00', '2026-10-25', '2026-11-23'),
      row('111.00', '2026-11-23', null),
    ];
    // Shown on 24 Oct, inside the window: it counts.
    expect(dec(priorPriceOf(touching, NOW)!.lowestPrior!)).toBe('89.00');
  });

  it('treats a re-posted equal price as one price, so the window starts at the reduction', () => {
    const history = [
      row('139.00', '2026-09-01', '2026-11-10'),
      row('111.00', '2026-11-10', '2026-11-20'),
      row('111.00', '2026-11-20', null),
    ];
    const prior = priorPriceOf(history, NOW)!;
    expect(prior.currentSince.toISOString()).toBe('2026-11-10T00:00:00.000Z');
    expect(dec(prior.lowestPrior!)).toBe('139.00');
  });

  it('is null without a price in force, and lowestPrior null without history before it', () => {
    expect(priorPriceOf([row('139.00', '2026-12-01', null)], NOW)).toBeNull();
    expect(priorPriceOf([row('139.00', '2026-11-20', null)], NOW)?.lowestPrior).toBeNull();
    expect(omnibusCompareAt(eur('139.00'), null)).toBeNull();
  });

  it('strikes nothing through when the history is out of date with the price shown', () => {
    const prior = priorPriceOf([row('139.00', '2026-09-01', '2026-11-23'), row('120.00', '2026-11-23', null)], NOW);
    expect(omnibusCompareAt(eur('111.00'), prior)).toBeNull();
  });

  it('applies in the EU and EEA only', () => {
    expect(['DE', 'NL', 'NO'].map(omnibusApplies)).toEqual([true, true, true]);
    expect(['GB', 'CH', 'US', 'JP', 'KW'].map(omnibusApplies)).toEqual([false, false, false, false, false]);
  });
});

describe('the seeded price history', () => {
  it('records the German Black Week sale of the olive merino after its regular price, in EU markets only', () => {
    const rows = seedPriceHistory();
    expect(rows.every((entry) => omnibusApplies(entry.market))).toBe(true);
    const olive = rows
      .filter((entry) => entry.market === 'DE')
      .map((entry) => [entry.amountMinor, entry.from.toISOString(), entry.until?.toISOString() ?? null]);
    expect(olive).toEqual([
      [13900, '2026-09-01T00:00:00.000Z', '2026-11-22T23:00:00.000Z'],
      [11100, '2026-11-22T23:00:00.000Z', '2026-11-30T23:00:00.000Z'],
      [13900, '2026-11-30T23:00:00.000Z', null],
    ]);
  });
});
