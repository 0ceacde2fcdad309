import { describe, expect, it } from 'vitest';
import { productProjection } from '../../../subgraphs/products/domain/product-projection.ts';

describe('productProjection', () => {
  it('reads the stored fields a listing selects, plus the SKU and sort field its cursors are made of', () => {
    const listing = ['__typename', 'id', 'sku', 'hsCode', 'originCountry', 'weightGrams', 'dimensions', 'complianceTags', 'attributes'];
    expect(productProjection(listing, 'SKU')).toEqual({
      _id: 1,
      sku: 1,
      hsCode: 1,
      originCountry: 1,
      weightGrams: 1,
      dimensions: 1,
      complianceTags: 1,
      attributes: 1,
    });
    expect(productProjection(['category'], 'CREATED_AT')).toEqual({ sku: 1, createdAt: 1, categoryId: 1 });
    expect(productProjection([], 'BRAND')).toEqual({ sku: 1, brand: 1 });
  });

  it('reads whole documents when a selected field is not one it knows', () => {
    expect(productProjection(['sku', 'someNewField'], 'SKU')).toBeNull();
  });
});
