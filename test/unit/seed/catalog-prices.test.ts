import { describe, expect, it } from 'vitest';
import { PRODUCT_LINES, seedProducts } from '../../../scripts/seed/catalog.ts';

/** A variant's amount in the unit its attribute value names (ml, g, mAh, W, cm), for sizes that have one. */
function quantityOf(value: string): number | undefined {
  const match = /^(\d+)(ml|g|kg|mah|w|cm)$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'kg' ? 1000 : 1);
}

describe('seeded base prices', () => {
  it('a bigger size of a line costs more than a smaller one (no size copied with its neighbour’s price)', () => {
    for (const line of PRODUCT_LINES) {
      const sized = seedProducts()
        .filter((product) => product.line === line && quantityOf(product.variant.value) !== undefined)
        .sort((a, b) => quantityOf(a.variant.value)! - quantityOf(b.variant.value)!);
      for (let index = 1; index < sized.length; index++) {
        expect(sized[index]!.basePriceMinor, `${sized[index]!.sku} vs ${sized[index - 1]!.sku}`).toBeGreaterThan(
          sized[index - 1]!.basePriceMinor,
        );
      }
    }
  });

  it('a smaller size costs no more per unit than the bigger one would pay twice over (prices are proportionate)', () => {
    // 300 ml of sake at the 720 ml price, or a 30 g tin at the 1 kg price, would fail this.
    for (const line of PRODUCT_LINES) {
      const sized = seedProducts().filter((product) => product.line === line && quantityOf(product.variant.value) !== undefined);
      for (const small of sized) {
        for (const big of sized.filter((other) => quantityOf(other.variant.value)! > quantityOf(small.variant.value)!)) {
          const ratio = quantityOf(big.variant.value)! / quantityOf(small.variant.value)!;
          expect(small.basePriceMinor, `${small.sku} vs ${big.sku}`).toBeLessThan(big.basePriceMinor);
          expect(big.basePriceMinor / small.basePriceMinor, `${big.sku} vs ${small.sku}`).toBeLessThanOrEqual(ratio);
        }
      }
    }
  });

  it('the 300 ml sake costs about 300/720 of the 720 ml bottle', () => {
    const bySku = new Map(seedProducts().map((product) => [product.sku, product]));
    expect(bySku.get('PAN-SAKE-300')!.basePriceMinor).toBe(1100);
    expect(bySku.get('PAN-SAKE-720')!.basePriceMinor).toBe(2400);
  });

  it('matcha sizes match their SKUs (30 g, 100 g, 1 kg), not the coffee’s', () => {
    const matcha = seedProducts().filter((product) => product.line.code === 'PAN-MATCHA');
    expect(matcha.map((product) => [product.sku, product.variant.value])).toEqual([
      ['PAN-MATCHA-30', '30g'],
      ['PAN-MATCHA-100', '100g'],
      ['PAN-MATCHA-1K', '1kg'],
    ]);
  });
});
