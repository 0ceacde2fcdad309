import type { QueryResolvers } from '../generated/resolver-types.ts';
import { describeAddressFormat } from '../services/describe-address-format.ts';
import { describeLocalization } from '../services/describe-localization.ts';
import { reportTranslationCoverage } from '../services/report-translation-coverage.ts';
import { searchProducts } from '../services/search-products.ts';

export const Query: QueryResolvers = {
  localization: (_root, args, context) => describeLocalization(context, args),
  addressFormat: (_root, args, context) => describeAddressFormat(context, args),
  translationCoverage: (_root, _args, { loaders }) => reportTranslationCoverage(loaders),
  searchProducts: (_root, args, context) => searchProducts(context, args),
};
