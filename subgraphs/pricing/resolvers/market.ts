import { acceptedCurrencies, describePresentment } from '../domain/index.ts';
import type { MarketRecord } from '../mappers.ts';

const TAX_DISPLAY = { inclusive: 'INCLUSIVE', exclusive: 'EXCLUSIVE' } as const;

/** `Market`: the stored rules, with enums in their GraphQL spelling. */
export const Market = {
  taxDisplay: (market: MarketRecord) => TAX_DISPLAY[market.taxDisplay],
  roundingRule: (market: MarketRecord) => describePresentment(market.presentment, market.currency),
  currencies: (market: MarketRecord) => acceptedCurrencies(market),
};
