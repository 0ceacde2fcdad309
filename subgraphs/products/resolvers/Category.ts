import type { CategoryDocument } from '../models.ts';
import type { ProductsContext } from '../context.ts';

export const Category = {
  __resolveReference: (reference: { id: string }, { loaders }: ProductsContext) => loaders.categoryById.load(reference.id),
  id: (category: CategoryDocument) => category._id,
  parent: (category: CategoryDocument, _args: unknown, { loaders }: ProductsContext) =>
    category.parentId ? loaders.categoryById.load(category.parentId) : null,
  children: (category: CategoryDocument, _args: unknown, { loaders }: ProductsContext) => loaders.categoriesByParent.load(category._id),
  path: (category: CategoryDocument) => category._id.split('.').map((_, index, parts) => parts.slice(0, index + 1).join('.')),
};
