import { requireFields } from '../../common/contract/requires.ts';
import { customsDeclarationOf, type CustomsDeclaration, type DeclaredProduct, type PricedQuote } from '../domain/index.ts';
import type { MarketRecord, QuoteRepresentation } from '../mappers.ts';
import { levyChargeView } from '../views/levy-charge-view.ts';
import { moneyView, type MoneyView } from '../views/money-view.ts';

/** A customs declaration as `Quote.customsDeclarations` answers it: its amounts as Money views. */
export type CustomsDeclarationView = Omit<CustomsDeclaration, 'items' | 'totalValue' | 'preferenceClaims'> & {
  preferenceClaims: CustomsDeclaration['preferenceClaims'][number][];
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
export function declareQuote(quote: QuoteRepresentation, priced: PricedQuote<MarketRecord>): CustomsDeclarationView[] {
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
      };
    });
}
