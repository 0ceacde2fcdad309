/**
 * The net quantity of each catalog product sold by weight or volume, keyed by SKU: what the pack holds, not its
 * shipping weight (`weightGrams` includes bottle, tin and box). Read from the size on each variant in catalog.ts
 * (`250g` → 250 g, `1800ml` → 1,800 ml). Products sold by the piece (apparel, electronics, kitchenware) have none.
 * Unit prices (Directive 98/6/EC Art. 3) and any excise levied per kg or litre are computed from these figures.
 */

/** A metric unit a product's net quantity is stated in. */
export type QuantityUnit = 'g' | 'kg' | 'ml' | 'l';

/** A net quantity: an exact decimal and its unit, e.g. `{ value: '250', unit: 'g' }`. */
export interface NetQuantity {
  readonly value: string;
  readonly unit: QuantityUnit;
}

const grams = (value: string): NetQuantity => ({ value, unit: 'g' });
const kilograms = (value: string): NetQuantity => ({ value, unit: 'kg' });
const millilitres = (value: string): NetQuantity => ({ value, unit: 'ml' });

export const NET_QUANTITIES: Readonly<Record<string, NetQuantity>> = {
  'PAN-COFFEE-250': grams('250'),
  'PAN-COFFEE-500': grams('500'),
  'PAN-COFFEE-1K': kilograms('1'),
  'PAN-SAKE-300': millilitres('300'),
  'PAN-SAKE-720': millilitres('720'),
  'PAN-SAKE-1800': millilitres('1800'),
  'PAN-MATCHA-30': grams('30'),
  'PAN-MATCHA-100': grams('100'),
  'PAN-MATCHA-1K': kilograms('1'),
  'BTY-SERUM-30': millilitres('30'),
  'BTY-SERUM-50': millilitres('50'),
  'BTY-SERUM-100': millilitres('100'),
  'BTY-SPF-30': millilitres('30'),
  'BTY-SPF-50': millilitres('50'),
  'BTY-SPF-100': millilitres('100'),
  'BTY-EDP-30': millilitres('30'),
  'BTY-EDP-50': millilitres('50'),
  'BTY-EDP-100': millilitres('100'),
  'BTY-DRYSHAMPOO-100': millilitres('100'),
  'BTY-DRYSHAMPOO-300': millilitres('300'),
  // The black can is the line's base can (no extra grams, no price delta over the line, like the 100 ml variant):
  // the catalog gives it a colour instead of a size, so its 100 ml is stated here.
  'BTY-DRYSHAMPOO-BLK': millilitres('100'),
};

/** The net quantity of the product `sku`; null for a product sold by the piece. */
export function netQuantityOf(sku: string): NetQuantity | null {
  return NET_QUANTITIES[sku] ?? null;
}
