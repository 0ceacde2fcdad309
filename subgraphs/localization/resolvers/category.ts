import type { CategoryResolvers } from '../generated/resolver-types.ts';
import { localizeCategoryName } from '../services/localize-category-name.ts';

export const Category: CategoryResolvers = {
  __resolveReference: (reference) => reference,
  name: (category, args, context) => localizeCategoryName(context, category.id, args.locale),
};
