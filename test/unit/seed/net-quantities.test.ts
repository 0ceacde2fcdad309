import { describe, expect, it } from 'vitest';
import { seedProducts } from '../../../scripts/seed/catalog.ts';
import { NET_QUANTITIES } from '../../../scripts/seed/net-quantities.ts';

describe('seeded net quantities', () => {
  const products = seedProducts();

  it('name only catalog SKUs', () => {
    const skus = new Set(products.map((product) => product.sku));
    expect(Object.keys(NET_QUANTITIES).filter((sku) => !skus.has(sku))).toEqual([]);
  });

  it('state what each variant’s size says (250g → 250 g, 1kg → 1 kg, 1800ml → 1800 ml)', () => {
    for (const product of products) {
      const size = /^(\d+)(g|kg|ml)$/.exec(product.variant.attribute === 'size' ? product.variant.value : '');
      if (!size) continue;
      expect(NET_QUANTITIES[product.sku], product.sku).toEqual({ value: size[1], unit: size[2] });
    }
  });

  it('cover every pantry and beauty product, and nothing sold by the piece', () => {
    const byQuantity = products.filter((product) => /^(home\.pantry|beauty\.)/.test(product.line.category)).map((product) => product.sku);
    expect(Object.keys(NET_QUANTITIES).sort()).toEqual(byQuantity.sort());
  });
});
