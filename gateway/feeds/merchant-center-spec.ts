// Google Merchant Center's product data specification: the attributes a feed item must carry. Source: "Product
// data specification", https://support.google.com/merchants/answer/7052112 (as published; that page cannot be
// reached from the development machines, so this list was not re-read on 2026-12-07).

/** Attributes every item needs (`brand` for new products with a brand, `gtin` or `identifier_exists: no`). */
export const REQUIRED_ATTRIBUTES = [
  'id',
  'title',
  'description',
  'link',
  'image_link',
  'availability',
  'price',
  'brand',
  'condition',
] as const;

/** The values `availability` takes. */
export const AVAILABILITY_VALUES = ['in_stock', 'out_of_stock', 'preorder', 'backorder'] as const;

/** Longest value of the length-limited attributes, in characters. */
export const MAX_LENGTHS: Readonly<Record<string, number>> = { id: 50, title: 150, description: 5000, link: 2000, image_link: 2000 };

/** The order of a feed's columns (TSV header) and of an item's elements (XML). */
export const FEED_ATTRIBUTES = [
  'id',
  'title',
  'description',
  'link',
  'image_link',
  'availability',
  'price',
  'sale_price',
  'sale_price_effective_date',
  'brand',
  'gtin',
  'identifier_exists',
  'condition',
  'shipping',
  'unit_pricing_measure',
  'unit_pricing_base_measure',
] as const;

export type FeedAttribute = (typeof FEED_ATTRIBUTES)[number];

/** One product of a feed, attribute by attribute (absent: not applicable to this item). */
export type FeedItem = Partial<Record<FeedAttribute, string>>;

/** The required attributes an item lacks or holds invalid values for (empty: valid), for tests and the CLI. */
export function feedItemProblems(item: FeedItem): string[] {
  const problems: string[] = [];
  for (const attribute of REQUIRED_ATTRIBUTES) if (!item[attribute]) problems.push(`missing ${attribute}`);
  if (!item.gtin && item.identifier_exists !== 'no') problems.push('missing gtin (or identifier_exists: no)');
  if (item.availability && !(AVAILABILITY_VALUES as readonly string[]).includes(item.availability))
    problems.push(`invalid availability ${item.availability}`);
  for (const attribute of ['price', 'sale_price'] as const) {
    const value = item[attribute];
    if (value && !/^\d+(\.\d+)? [A-Z]{3}$/.test(value)) problems.push(`invalid ${attribute} "${value}"`);
  }
  for (const [attribute, max] of Object.entries(MAX_LENGTHS)) {
    const value = item[attribute as FeedAttribute];
    if (value && [...value].length > max) problems.push(`${attribute} longer than ${max}`);
  }
  return problems;
}
