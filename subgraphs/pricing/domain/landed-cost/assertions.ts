import { badUserInput } from '../../../common/contract/errors.ts';
import type { Money } from '../money.ts';
import { MAX_QUANTITY, type QuoteLine } from './types.ts';

/** A line's quantity is a whole number from 1 to {@link MAX_QUANTITY}; BAD_USER_INPUT otherwise. */
export function assertQuantity(line: QuoteLine): void {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
    throw badUserInput(`Quantity for ${line.productId} must be a whole number from 1 to ${MAX_QUANTITY}, got ${line.quantity}`, {
      productId: line.productId,
      quantity: line.quantity,
    });
  }
}

/** Amounts of a quote are in its currency (convert first); BAD_USER_INPUT naming `what` otherwise. */
export function assertMarketCurrency(money: Money, currency: string, what: string): void {
  if (money.currency !== currency) {
    throw badUserInput(`The ${what} is in ${money.currency} but the market charges in ${currency}; convert first`, {
      currency: money.currency,
      marketCurrency: currency,
    });
  }
}
