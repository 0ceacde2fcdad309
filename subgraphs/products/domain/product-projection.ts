import { SORT_FIELDS, type SortField } from './cursor.ts';

/** The stored fields each `Product` field of the schema reads (`__typename` reads none). */
const STORED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: ['_id'],
  sku: ['sku'],
  brand: ['brand'],
  category: ['categoryId'],
  hsCode: ['hsCode'],
  originCountry: ['originCountry'],
  weightGrams: ['weightGrams'],
  dimensions: ['dimensions'],
  complianceTags: ['complianceTags'],
  images: ['images'],
  attributes: ['attributes'],
  createdAt: ['createdAt'],
  netQuantity: ['netQuantity'],
  originProofs: ['originProofs'],
  gtin: ['gtin'],
  customsDescription: ['customsDescription'],
  tariffCodes: ['tariffCodes'],
};

/**
 * The MongoDB projection that reads what a page's selected `Product` fields answer from, plus the SKU and the
 * sort field its cursors are made of; null (read whole documents) when a selected field is not one this table
 * knows, so a field added to the schema is never answered from a document that left it out.
 */
export function productProjection(selected: Iterable<string>, sort: SortField): Record<string, 1> | null {
  const projection: Record<string, 1> = { sku: 1, [SORT_FIELDS[sort]]: 1 };
  for (const field of selected) {
    const stored = STORED_FIELDS[field];
    if (stored === undefined) return null;
    for (const name of stored) projection[name] = 1;
  }
  return projection;
}
