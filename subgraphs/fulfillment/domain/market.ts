import type { Money } from '../../common/contract/money.ts';

/**
 * A market we sell into, as fulfillment needs it: its currency, the zone used for delivery dates when the
 * shopper's own zone is unknown (the US spans six; callers should pass the shopper's), and the items total
 * above which shipping is free, in the market's currency (null: never free).
 */
export type Market = {
  country: string;
  currency: string;
  defaultTimeZone: string;
  freeShippingThreshold: Money | null;
};
