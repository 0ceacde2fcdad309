import { requireFields } from '../../common/contract/requires.ts';
import type { ProductResolvers } from '../generated/resolver-types.ts';
import { priceProduct } from '../services/price-product.ts';

/** `Product` as pricing extends it: `price(country)`. */
export const Product: ProductResolvers = {
  __resolveReference: (reference) => reference,

  async price(product, args, context) {
    const { hsCode, originCountry, originProofs } = requireFields(
      product,
      ['hsCode', 'originCountry', 'originProofs'],
      'Product',
      'Product.price',
    );
    // A representation without `netQuantity` (a caller that predates it) prices the goods as sold by the piece.
    return priceProduct({ id: product.id, hsCode, originCountry, originProofs, netQuantity: product.netQuantity ?? null }, args, context);
  },
};
