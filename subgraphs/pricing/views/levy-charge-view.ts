import type { LevyCharge, QuotedLine } from '../domain/index.ts';
import type { MarketRecord } from '../records.ts';
import { moneyView } from './money-view.ts';

/** A levy or excise as the schema's `LevyCharge` shows it: its line named by product id, money in the market's format. */
export function levyChargeView(charge: LevyCharge, items: readonly QuotedLine[], market: MarketRecord) {
  return {
    code: charge.code,
    name: charge.name,
    kind: charge.kind,
    productId: charge.lineIndex === null ? null : (items[charge.lineIndex]?.productId ?? null),
    amount: moneyView(charge.amount, market),
    vat: moneyView(charge.vat, market),
    inVatBase: charge.inVatBase,
    atCheckout: charge.atCheckout,
    label: charge.label,
    source: charge.source,
    verified: charge.verified,
    note: charge.note,
  };
}
