import type { Settlement } from '../domain/index.ts';
import type { MarketRecord } from '../records.ts';

/** What `Quote.settlement` hands to the `Settlement` type: the amounts, and what its lock is made of. */
export interface SettlementView {
  quoteId: string;
  market: MarketRecord;
  settlement: Settlement;
  lockId: string;
  expiresAt: Date;
  now: Date;
}
