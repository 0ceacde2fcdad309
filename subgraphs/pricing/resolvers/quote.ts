import { breakdownLabelOf, isDueOnDelivery, toDecimalString, type ConsignmentQuote, type PricedQuote } from '../domain/index.ts';
import type { QuoteResolvers } from '../generated/resolver-types.ts';
import type { MarketRecord } from '../mappers.ts';
import { declareQuote, missingCustomsDataOfQuote } from '../services/declare-quote.ts';
import { describeQuoteJurisdiction } from '../services/describe-quote-jurisdiction.ts';
import { priceQuote } from '../services/price-quote.ts';
import { requireQuoteMarket } from '../services/require-quote-market.ts';
import { choosePaymentMethods } from '../services/choose-payment-methods.ts';
import { settleQuote } from '../services/settle-quote.ts';
import { levyChargeView } from '../views/levy-charge-view.ts';
import { stepsNamingJurisdiction } from '../views/tax-jurisdiction-view.ts';
import { moneyView } from '../views/money-view.ts';
import { taxCollectionView } from '../views/tax-collection-view.ts';

function breakdownOf({ market, consignment }: PricedQuote<MarketRecord>) {
  const rows = consignment.breakdown.map((row) => ({
    kind: row.kind,
    label: breakdownLabelOf(row),
    amount: moneyView(row.amount, market),
    inTotal: !isDueOnDelivery(row),
    treatment: row.treatment,
  }));
  return [
    ...rows,
    { kind: 'TOTAL' as const, label: 'Total', amount: moneyView(consignment.total, market), inTotal: true, treatment: null },
  ];
}

function customsValuationView({ basis, goods, freight, insurance, value }: ConsignmentQuote['customsValue'], market: MarketRecord) {
  return {
    basis,
    goods: moneyView(goods, market),
    freight: moneyView(freight, market),
    insurance: moneyView(insurance, market),
    value: moneyView(value, market),
  };
}

type MoneyField = 'itemsTotal' | 'tax' | 'duty' | 'importTax' | 'levies' | 'dueOnDelivery' | 'total';

/** A resolver for one Money field of the priced consignment. */
function moneyField(field: MoneyField): NonNullable<QuoteResolvers['total']> {
  return async (quote, _args, context) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment[field], market);
  };
}

/** `Quote` as pricing extends it: money for the consignment the products subgraph validated. */
export const Quote: QuoteResolvers = {
  __resolveReference: (reference) => reference,
  market: (quote, _args, context) => requireQuoteMarket(quote, context),
  taxJurisdiction: (quote, _args, context) => describeQuoteJurisdiction(quote, context),
  dutyIncluded: async (quote, _args, context) => (await priceQuote(quote, context)).consignment.dutyIncluded,
  currency: async (quote, _args, context) => (await priceQuote(quote, context)).currency,
  async pricedLines(quote, _args, context) {
    const priced = await priceQuote(quote, context);
    return priced.consignment.items.map((item, index) => {
      // The service lists one source per line, in line order.
      const source = priced.sources[index];
      if (source === undefined) throw new Error(`Quote line ${index} has no price source`);
      return {
        productId: item.productId,
        quantity: item.quantity,
        unitPrice: moneyView(item.unitPrice, priced.market),
        lineTotal: moneyView(item.lineTotal, priced.market),
        tax: moneyView(item.tax, priced.market),
        duty: moneyView(item.duty, priced.market),
        dutyBasis: item.dutyBasis,
        source,
        dutyPreference: item.dutyPreference,
      };
    });
  },
  items: moneyField('itemsTotal'),
  tax: moneyField('tax'),
  duty: moneyField('duty'),
  importTax: moneyField('importTax'),
  levies: moneyField('levies'),
  dueOnDelivery: moneyField('dueOnDelivery'),
  total: moneyField('total'),
  shipping: async (quote, _args, context) => {
    const { market, consignment } = await priceQuote(quote, context);
    return consignment.shipping ? moneyView(consignment.shipping, market) : null;
  },
  freeShipping: async (quote, _args, context) => (await priceQuote(quote, context)).consignment.freeShipping,
  customsValue: async (quote, _args, context) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment.customsValue.value, market);
  },
  customsValuation: async (quote, _args, context) => {
    const { market, consignment } = await priceQuote(quote, context);
    return customsValuationView(consignment.customsValue, market);
  },
  belowDeMinimis: async (quote, _args, context) => !(await priceQuote(quote, context)).consignment.deMinimis.dutyOwed,
  breakdown: async (quote, _args, context) => breakdownOf(await priceQuote(quote, context)),
  consignments: async (quote, _args, context) => {
    const { market, consignment } = await priceQuote(quote, context);
    return consignment.consignments.map((parcel) => ({
      fromCountry: parcel.fromCountry,
      productIds: parcel.lineIndexes.flatMap((index) => consignment.items[index]?.productId ?? []),
      crossesCustomsBorder: parcel.crossesCustomsBorder,
      shipping: parcel.shipping ? moneyView(parcel.shipping, market) : null,
      customsValuation: customsValuationView(parcel.customsValue, market),
      thresholdValue: moneyView(parcel.comparedValue, market),
      belowDeMinimis: !parcel.dutyOwed,
      dutyBasis: parcel.dutyBasis,
      duty: moneyView(parcel.duty, market),
      importTax: moneyView(parcel.importTax, market),
      collection: taxCollectionView(parcel.collection),
      carrierFee: moneyView(parcel.carrierFee, market),
      dueOnDelivery: moneyView(parcel.dueOnDelivery, market),
      levies: parcel.levies.map((charge) => levyChargeView(charge, consignment.items, market)),
    }));
  },
  customsDeclarations: async (quote, _args, context) => declareQuote(quote, await priceQuote(quote, context), context.now),
  missingCustomsData: (quote, _args, context) => missingCustomsDataOfQuote(quote, context),
  dueOnDeliveryExplanation: async (quote, _args, context) => {
    const { consignment, jurisdiction } = await priceQuote(quote, context);
    if (consignment.dueOnDeliverySteps.length === 0) return null;
    const due = consignment.dueOnDelivery;
    const steps = jurisdiction
      ? stepsNamingJurisdiction(consignment.dueOnDeliverySteps, jurisdiction, 'standard')
      : [...consignment.dueOnDeliverySteps];
    return { steps, amount: toDecimalString(due), currency: due.currency };
  },
  explanation: async (quote, _args, context) => {
    const { consignment, jurisdiction } = await priceQuote(quote, context);
    // `PriceExplanation` of the total (see `explanationOf`); the generated type takes a mutable list. The tax
    // steps name the jurisdiction whose taxes they are, where an address placed the quote in one.
    const steps = jurisdiction ? stepsNamingJurisdiction(consignment.steps, jurisdiction, 'standard') : [...consignment.steps];
    return { steps, amount: toDecimalString(consignment.total), currency: consignment.total.currency };
  },
  // Both start from the quote's `total` as priced once per request, in whatever currency it is presented in.
  async paymentMethods(quote, args, context) {
    const priced = await priceQuote(quote, context);
    return choosePaymentMethods(priced, args.locale ?? context.requestLocale ?? priced.market.locale, context);
  },
  async settlement(quote, _args, context) {
    const [priced, rates] = await Promise.all([priceQuote(quote, context), context.loaders.fxRates()]);
    return settleQuote(quote.id, priced, rates, context);
  },
};
