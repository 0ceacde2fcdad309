import type { PricingContext } from '../context.ts';
import { add, isZero, paymentMethodsForTotal, type ConsignmentQuote } from '../domain/index.ts';
import type { MarketRecord } from '../records.ts';
import { paymentMethodView, type PaymentMethodView } from '../views/payment-method-view.ts';

/**
 * The payment methods that can pay a priced quote's total in its market (amount limits, and duties where the
 * total includes them), with names in `locale`.
 */
export async function choosePaymentMethods(
  priced: { readonly market: MarketRecord; readonly consignment: Pick<ConsignmentQuote, 'total' | 'duty' | 'importTax' | 'dutyIncluded'> },
  locale: string,
  context: PricingContext,
): Promise<PaymentMethodView[]> {
  const { market, consignment } = priced;
  const includesDuties = consignment.dutyIncluded && !isZero(add(consignment.duty, consignment.importTax));
  const methods = paymentMethodsForTotal(await context.loaders.paymentMethods(), market, consignment.total, includesDuties);
  return methods.map((method) => paymentMethodView(method, locale, market));
}
