import { requireFields } from '../../common/contract/requires.ts';
import type { PricingContext } from '../context.ts';
import {
  customsDeclarationOf,
  missingCustomsDataOf,
  type CustomsDeclaration,
  type DeclaredProduct,
  type MissingCustomsData,
  type PricedQuote,
} from '../domain/index.ts';
import type { MarketRecord, QuoteRepresentation } from '../mappers.ts';
import { levyChargeView } from '../views/levy-charge-view.ts';
import { moneyView, type MoneyView } from '../views/money-view.ts';

/** A customs declaration as `Quote.customsDeclarations` answers it: its amounts as Money views. */
export type CustomsDeclarationView = Omit<CustomsDeclaration, 'items' | 'totalValue' | 'preferenceClaims' | 'missingCustomsData'> & {
  preferenceClaims: CustomsDeclaration['preferenceClaims'][number][];
  missingCustomsData: CustomsDeclaration['missingCustomsData'][number][];
  items: (Omit<CustomsDeclaration['items'][number], 'unitValue' | 'value' | 'excise'> & {
    unitValue: MoneyView;
    value: MoneyView;
    excise: ReturnType<typeof levyChargeView>[];
  })[];
  totalValue: MoneyView;
};

/**
 * One customs declaration per parcel of the priced quote, in `shipments` order (the consignments without a
 * warehouse — lines no parcel carries — are not parcels and declare nothing). The products' customs facts come
 * with the quote's lines (`@requires` on products).
 */
export function declareQuote(quote: QuoteRepresentation, priced: PricedQuote<MarketRecord>, now: Date): CustomsDeclarationView[] {
  const { lines } = requireFields(quote, ['lines'], 'Quote', 'Quote.customsDeclarations');
  const products = lines.map(({ product }): DeclaredProduct => {
    const facts = requireFields(
      product,
      ['sku', 'hsCode', 'originCountry', 'tariffCodes', 'weightGrams'],
      'Product',
      'Quote.customsDeclarations',
    );
    return {
      sku: facts.sku,
      hsCode: facts.hsCode,
      originCountry: facts.originCountry,
      gtin: facts.gtin ?? null,
      customsDescription: facts.customsDescription ?? null,
      tariffCodes: facts.tariffCodes,
      weightGrams: facts.weightGrams,
    };
  });
  const { market, consignment, currency } = priced;
  const recipient = { rule: priced.recipientCustomsCode ?? null, code: quote.personalCustomsCode ?? null, now };
  return consignment.consignments
    .filter((parcel) => parcel.fromCountry !== null)
    .map((parcel, shipmentIndex) => {
      const declaration = customsDeclarationOf({
        shipmentIndex,
        consignment: parcel,
        lines: consignment.items,
        products,
        destination: market.country,
        incoterm: market.incoterm,
        currency,
        recipient,
      });
      return {
        ...declaration,
        items: declaration.items.map((item) => ({
          ...item,
          unitValue: moneyView(item.unitValue, market),
          value: moneyView(item.value, market),
          excise: item.excise.map((charge) => levyChargeView(charge, consignment.items, market)),
        })),
        totalValue: moneyView(declaration.totalValue, market),
        preferenceClaims: [...declaration.preferenceClaims],
        missingCustomsData: [...declaration.missingCustomsData],
      };
    });
}

/**
 * What the quote's destination needs from the shopper that the quote lacks (Korea: the recipient's PCCC), read from
 * the destination's reference data at the pricing clock. Never an error: a cart page still prices without it.
 */
export async function missingCustomsDataOfQuote(quote: QuoteRepresentation, context: PricingContext): Promise<MissingCustomsData[]> {
  const { shipToCountry } = requireFields(quote, ['shipToCountry'], 'Quote', 'Quote.missingCustomsData');
  const reference = await context.loaders.destinationReference.load(shipToCountry);
  const rule = reference.deMinimis.find((record) => record.destination === shipToCountry)?.recipientCustomsCode ?? null;
  return missingCustomsDataOf({ rule, code: quote.personalCustomsCode ?? null, now: context.now });
}
