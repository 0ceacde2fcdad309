import { requireFields } from '../../common/contract/requires.ts';
import { selectedFieldNames } from '../../common/selected-fields.ts';
import type { ProductResolvers } from '../generated/resolver-types.ts';
import { listProductAlternates } from '../services/list-product-alternates.ts';
import { localizeProductContent } from '../services/localize-product-content.ts';

export const Product: ProductResolvers = {
  __resolveReference: (reference) => reference,
  alternates(product, _args, { loaders }) {
    const { sku } = requireFields(product, ['sku'], 'Product', 'Product.alternates');
    return listProductAlternates(loaders, { id: product.id, sku });
  },
  content(product, args, context, info) {
    const selected = selectedFieldNames(info);
    return localizeProductContent(context, product, args.locale, selected.has('description') || selected.has('descriptionText'));
  },
};
