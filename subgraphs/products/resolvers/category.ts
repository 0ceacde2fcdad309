import { categoryPath } from '../domain/index.ts';
import type { CategoryResolvers } from '../generated/resolver-types.ts';

export const Category: CategoryResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.categoryById.load(reference.id),
  id: (category) => category._id,
  parent: (category, _args, { loaders }) => (category.parentId ? loaders.categoryById.load(category.parentId) : null),
  children: (category, _args, { loaders }) => loaders.categoriesByParent.load(category._id),
  path: (category) => categoryPath(category._id),
};
