import { productAlternates, type ProductAlternate, type ProductKeys } from '../domain/index.ts';
import type { LocalizationLoaders } from '../loaders.ts';

/** The product's page on every storefront site whose language it has its own title in (see `productAlternates`). */
export async function listProductAlternates(loaders: LocalizationLoaders, product: ProductKeys): Promise<ProductAlternate[]> {
  const [translations, sites] = await Promise.all([loaders.titlesByProduct.load(product.id, null), loaders.storefrontSites()]);
  const titles = new Map(translations.map((row) => [row.locale, row.title]));
  return productAlternates(product, titles, sites);
}
