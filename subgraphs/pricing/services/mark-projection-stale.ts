import type { PriceProjectionMarkDocument } from '../projection-models.ts';
import type { PricingModels } from '../models.ts';

/** What of a price change its marks depend on (`PriceChange`, `PriceChangeResult`; named here to keep imports one way). */
type ChangeTiming = { readonly kind: 'REGULAR' | 'SALE' | 'END_SALE'; readonly from?: Date | null; readonly until?: Date | null };
type ChangeWritten = {
  readonly productId: string;
  readonly market: string;
  readonly at: Date;
  readonly historyRowsWritten: number;
  readonly historyRowsRemoved: number;
  readonly priceBookChanged: boolean;
};

/**
 * The marks a price change leaves for the price projector: its product in its market now, and again when a sale
 * it scheduled starts and when that sale ends (the shown price changes then without another write). None for a
 * change that wrote nothing.
 */
export function marksOfPriceChange(change: ChangeTiming, result: ChangeWritten): PriceProjectionMarkDocument[] {
  if (result.historyRowsWritten + result.historyRowsRemoved === 0 && !result.priceBookChanged) return [];
  const mark = (reason: string, dueAt: Date): PriceProjectionMarkDocument => ({
    productId: result.productId,
    country: result.market,
    reason,
    dueAt,
  });
  const marks = [mark('price-change', result.at)];
  if (change.kind === 'SALE') {
    if (change.from && change.from.getTime() > result.at.getTime()) marks.push(mark('sale-start', change.from));
    if (change.until) marks.push(mark('sale-end', change.until));
  }
  return marks;
}

/**
 * The mark a change of pricing's reference data leaves (rates, tax registrations): every product of every market,
 * due once the change is in force (`shownFrom`) and pricing's reference data has read it (`referenceTtlMs` later).
 */
export function markOfReferenceChange(reason: string, shownFrom: Date, referenceTtlMs: number): PriceProjectionMarkDocument {
  return { productId: null, country: null, reason, dueAt: new Date(shownFrom.getTime() + referenceTtlMs) };
}

/** The mark an exchange-rate import leaves: every market, once pricing's reference data has read the new rates. */
export function markOfExchangeRates(importedAt: Date, referenceTtlMs: number): PriceProjectionMarkDocument {
  return markOfReferenceChange('exchange-rates', importedAt, referenceTtlMs);
}

/** Records marks in the projector's outbox. */
export async function markProjectionStale(models: PricingModels, marks: readonly PriceProjectionMarkDocument[]): Promise<void> {
  if (marks.length > 0) await models.PriceProjectionMark.insertMany(marks, { ordered: true });
}
