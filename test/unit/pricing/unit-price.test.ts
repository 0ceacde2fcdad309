import { describe, expect, it } from 'vitest';
import { UNIT_PRICE_RULES } from '../../../scripts/seed/unit-price-rules.ts';
import { type NetQuantity, unitPriceOf, unitPriceRuleAt, type UnitPriceRule } from '../../../subgraphs/pricing/domain/unit-price.ts';
import { dec, eur, money } from './helpers.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
const rule = (country: string, now = NOW): UnitPriceRule | null => unitPriceRuleAt(UNIT_PRICE_RULES, country, now);
const g = (value: string): NetQuantity => ({ value, unit: 'G' });
const ml = (value: string): NetQuantity => ({ value, unit: 'ML' });
const COFFEE = '090121';
const MATCHA = '090210';
const SERUM = '330499';

/** The unit price as "amount currency / quantity unit", or null. */
function unitPrice(country: string, sellingPrice: ReturnType<typeof eur>, netQuantity: NetQuantity | null, hsCode: string) {
  const price = unitPriceOf({ sellingPrice, netQuantity, hsCode, rule: rule(country) });
  return price && `${dec(price.amount)} ${price.amount.currency} / ${price.referenceQuantity} ${price.referenceUnit}`;
}

describe('unit prices (Directive 98/6/EC Art. 2(b), 3; PAngV § 5; PBV Art. 5–6; PMO 2004)', () => {
  it('Germany: 250 g of coffee at €14.90 is €59.60 per kg (per 1 kg since 2022-05-28)', () => {
    // 14.90 × 1000 g / 250 g = 14.90 × 4 = 59.60
    expect(unitPrice('DE', eur('14.90'), g('250'), COFFEE)).toBe('59.60 EUR / 1 KG');
  });

  it('rounds the exact quotient once, half up to the cent', () => {
    // 300 ml at €14.90: 14.90 × 1000 / 300 = 49.666… → 49.67
    expect(unitPrice('FR', eur('14.90'), ml('300'), '220600')).toBe('49.67 EUR / 1 L');
    // 400 g at €10.01: 10.01 × 1000 / 400 = 25.025, a tie → half up 25.03 (half even would give 25.02)
    expect(unitPrice('IT', eur('10.01'), g('400'), COFFEE)).toBe('25.03 EUR / 1 KG');
  });

  it('reads the net quantity in any metric unit: 1.8 l of sake at €45.00 is €25.00 per litre, as 1,800 ml is', () => {
    // 45.00 × 1 l / 1.8 l = 25.00; 45.00 × 1000 ml / 1800 ml = 25.00
    expect(unitPrice('NL', eur('45.00'), { value: '1.8', unit: 'L' }, '220600')).toBe('25.00 EUR / 1 L');
    expect(unitPrice('NL', eur('45.00'), ml('1800'), '220600')).toBe('25.00 EUR / 1 L');
  });

  it('in the EU/EEA waives it where it equals the selling price: a 1 kg bag (Art. 3(1))', () => {
    expect(unitPrice('DE', eur('52.90'), { value: '1', unit: 'KG' }, COFFEE)).toBeNull();
    expect(unitPrice('DE', eur('52.90'), g('1000'), COFFEE)).toBeNull();
  });

  it('in a non-euro EU market uses the market currency: 100 ml of serum at 349.00 SEK is 3,490.00 SEK per litre', () => {
    // 349.00 × 1000 / 100 = 3490.00
    expect(unitPrice('SE', money('349.00', 'SEK'), ml('100'), SERUM)).toBe('3490.00 SEK / 1 L');
  });

  it('Japan does not require it: 30 g of matcha at ¥3,240 has none', () => {
    expect(rule('JP')).toBeNull();
    expect(unitPrice('JP', money('3240', 'JPY'), g('30'), MATCHA)).toBeNull();
    expect(unitPrice('US', money('18.00', 'USD'), g('250'), COFFEE)).toBeNull();
  });

  it('goods sold by the piece have none', () => {
    expect(unitPrice('DE', eur('34.00'), null, '610910')).toBeNull();
  });

  describe('Switzerland (PBV Art. 5(3), 6(2))', () => {
    it('100 ml at CHF 12.90 is CHF 129.00 per litre', () => {
      // 12.90 × 1000 / 100 = 129.00; a cosmetic (HS 33), below the CHF 750 ceiling for non-food goods
      expect(unitPrice('CH', money('12.90', 'CHF'), ml('100'), SERUM)).toBe('129.00 CHF / 1 L');
    });

    it('exempts the standard pack sizes: 250 g (Art. 5(3)(d)) and 1 kg (Art. 5(3)(b))', () => {
      expect(unitPrice('CH', money('16.50', 'CHF'), g('250'), COFFEE)).toBeNull();
      expect(unitPrice('CH', money('52.00', 'CHF'), { value: '1', unit: 'KG' }, COFFEE)).toBeNull();
      // 500 g is not among them: 28.00 × 1000 / 500 = 56.00
      expect(unitPrice('CH', money('28.00', 'CHF'), g('500'), COFFEE)).toBe('56.00 CHF / 1 KG');
    });

    it('exempts a selling price of CHF 2 or less (Art. 5(3)(g))', () => {
      expect(unitPrice('CH', money('2.00', 'CHF'), ml('50'), SERUM)).toBeNull();
      // 2.05 × 1000 / 50 = 41.00
      expect(unitPrice('CH', money('2.05', 'CHF'), ml('50'), SERUM)).toBe('41.00 CHF / 1 L');
    });

    it('exempts unit prices above CHF 150 per kg for food and CHF 750 for other goods (Art. 5(3)(h))', () => {
      // Matcha 30 g at CHF 30.00: 30.00 × 1000 / 30 = 1000.00 > 150 (food, HS 09)
      expect(unitPrice('CH', money('30.00', 'CHF'), g('30'), MATCHA)).toBeNull();
      // 100 g at CHF 15.00: 150.00, not above 150 → shown
      expect(unitPrice('CH', money('15.00', 'CHF'), g('100'), MATCHA)).toBe('150.00 CHF / 1 KG');
      // Serum 30 ml at CHF 30.00: 1000.00 > 750 (not food)
      expect(unitPrice('CH', money('30.00', 'CHF'), ml('30'), SERUM)).toBeNull();
      // Serum 50 ml at CHF 37.50: 750.00, not above 750 → shown
      expect(unitPrice('CH', money('37.50', 'CHF'), ml('50'), SERUM)).toBe('750.00 CHF / 1 L');
    });

    it('does not apply its CHF price limits to a price shown in euros (showing a waived unit price is lawful); pack sizes still apply', () => {
      // Matcha 30 g at €30.00: 30.00 × 1000 / 30 = 1000.00 EUR, shown: the CHF 150 limit is not compared across currencies
      expect(unitPrice('CH', eur('30.00'), g('30'), MATCHA)).toBe('1000.00 EUR / 1 KG');
      expect(unitPrice('CH', eur('14.90'), g('250'), COFFEE)).toBeNull();
    });
  });

  it('the UK: per kg, never waived while the Order’s schedule is unverified (£30.00 for 1 kg is £30.00 per kg)', () => {
    expect(unitPrice('GB', money('30.00', 'GBP'), { value: '1', unit: 'KG' }, COFFEE)).toBe('30.00 GBP / 1 KG');
    // 9.50 × 1000 / 250 = 38.00
    expect(unitPrice('GB', money('9.50', 'GBP'), g('250'), COFFEE)).toBe('38.00 GBP / 1 KG');
  });

  it('selects the rule in force by the clock: Germany’s PAngV 2022 row starts on 2022-05-28', () => {
    expect(rule('DE', new Date('2022-05-27T23:59:59Z'))).toBeNull();
    expect(rule('DE', new Date('2022-05-28T00:00:00Z'))?.validFrom).toEqual(new Date('2022-05-28T00:00:00Z'));
    const ended: UnitPriceRule = { ...rule('FR')!, validTo: new Date('2026-12-01T00:00:00Z') };
    expect(unitPriceRuleAt([ended], 'FR', NOW)).toBeNull();
  });

  it('every EU member state, Norway, Switzerland and the UK have a rule; the other markets none', () => {
    const countries = [...new Set(UNIT_PRICE_RULES.map((row) => row.country))].sort();
    expect(countries).toHaveLength(27 + 3);
    expect(countries).toEqual(expect.arrayContaining(['AT', 'DE', 'FR', 'NO', 'CH', 'GB']));
    for (const country of ['US', 'CA', 'AU', 'JP', 'KR', 'SG', 'AE', 'KW']) expect(rule(country)).toBeNull();
  });
});
