import { describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMES, SEED_TAX_REGISTRATIONS } from '../../../scripts/seed/collection-reference.ts';
import { LEVIES } from '../../../scripts/seed/levies.ts';
import { DE_MINIMIS, DUTY_TABLE, MARKETS, seedFxRates, TAX_TABLE } from '../../../scripts/seed/pricing-reference.ts';
import { Collector, schemesIn } from '../../../subgraphs/pricing/domain/collection.ts';
import { customsDeclarationOf } from '../../../subgraphs/pricing/domain/customs-declaration.ts';
import { convert } from '../../../subgraphs/pricing/domain/fx.ts';
import type { Money } from '../../../subgraphs/pricing/domain/money.ts';
import { deMinimisIn, priceForShopper } from '../../../subgraphs/pricing/domain/shopper-price.ts';
import { quoteConsignment, type ConsignmentInput, type QuoteLine } from '../../../subgraphs/pricing/domain/landed-cost.ts';
import { levyAtCheckout, leviesIn, leviesInForce, type Levy } from '../../../subgraphs/pricing/domain/levy.ts';
import { dec, money } from './helpers.ts';

/**
 * Levies and excise, each figure worked by hand from its source (law memo of issue #23, sections 11 and 12):
 * - KaffeeStG § 2(1): roasted coffee €2.19 per kg; § 18: mail order into Germany, the seller owes it; in the VAT base.
 * - Italy, L. 199/2025 art. 1 c. 126–128 (secondary sources): €2 per consignment ≤ €150 customs value, outside the VAT base.
 * - Romania, Legea 239/2025 (secondary sources): RON 25 per parcel < €150 from outside the EU, owed by the seller.
 */
const NOW = new Date('2026-11-25T10:00:00Z');

function inputFor(
  country: string,
  lines: QuoteLine[],
  fromCountry: string,
  shipping: string,
  levies: readonly Levy[] = LEVIES,
): ConsignmentInput {
  const market = MARKETS.find((row) => row.country === country)!;
  const rates = seedFxRates();
  // Rows in other currencies (the €150 ceilings) at the seeded reference rate, as the subgraph converts them.
  const inCurrency = (amount: Money) =>
    amount.currency === market.currency
      ? amount
      : convert(amount, market.currency, rates, { now: NOW, maxAgeHours: 96, rounding: 'HALF_UP' }).money;
  return {
    lines,
    market,
    taxRates: TAX_TABLE.rates.filter((row) => row.country === country),
    dutyRates: DUTY_TABLE.rates.filter((row) => row.destination === country),
    deMinimis: deMinimisIn(
      DE_MINIMIS.filter((row) => row.destination === country),
      market.currency,
      { rates, now: NOW, maxRateAgeHours: 96 },
    ),
    now: NOW,
    parcels: [{ fromCountry, lineIndexes: lines.map((_, index) => index), charge: money(shipping, market.currency) }],
    collection: {
      schemes: schemesIn(
        COLLECTION_SCHEMES.filter((row) => row.destinations.includes(country)),
        inCurrency,
      ),
      registrations: SEED_TAX_REGISTRATIONS,
    },
    levies: leviesIn(leviesInForce(levies, country, NOW), inCurrency),
  };
}

const coffee = (net: string, quantity = 1): QuoteLine => ({
  productId: 'PAN-COFFEE-250',
  unitPrice: money(net, 'EUR'),
  priceIncludesTax: false,
  quantity,
  hsCode: '090121',
  taxCategory: 'reduced',
  netQuantity: { value: '250', unit: 'g' },
});

describe('German coffee tax (KaffeeStG § 2, § 18)', () => {
  it('250 g of roasted coffee from Venlo: 0.25 kg × €2.19 = €0.5475 → €0.55, and 7 % VAT on the price with it', () => {
    // No import (NL → DE, one customs territory): § 18 mail order, the seller owes the tax, in the checkout total.
    // Coffee tax 0.25 × 2.19 = 0.5475, rounded once half up to the cent: 0.55.
    // VAT 7 % (UStG § 12(2) no. 1): on the goods 12.00 × 0.07 = 0.84; on the coffee tax 0.55 × 0.07 = 0.0385 → 0.04.
    // Total 12.00 + 0.84 + 0.55 + 0.04 = 13.43 (the memo's 13.43: 7 % of 12.5475 = 0.878 → 12.5475 + 0.878 = 13.43).
    const quote = quoteConsignment(inputFor('DE', [coffee('12.00')], 'NL', '0.00'));
    expect(dec(quote.levies)).toBe('0.55');
    expect(dec(quote.tax)).toBe('0.88');
    expect(dec(quote.total)).toBe('13.43');
    expect(dec(quote.dueOnDelivery)).toBe('0.00');
    const [charge] = quote.consignments[0]!.levies;
    expect(charge).toMatchObject({ code: 'DE_COFFEE_TAX', kind: 'EXCISE', atCheckout: true, inVatBase: true });
    expect(dec(charge!.vat)).toBe('0.04');
    expect(charge!.label).toBe('Coffee tax (Kaffeesteuer), roasted coffee: EUR 2.19/kg × 0.25 kg (PAN-COFFEE-250)');
    // Its own step, before the VAT whose base it is in; the steps add up to the total.
    expect(quote.steps.map(({ kind, amount }) => [kind, amount])).toEqual([
      ['ITEM', '12.00'],
      ['SHIPPING', '0.00'],
      ['EXCISE', '0.55'],
      ['TAX', '0.88'],
    ]);
    // DE shows prices VAT included: the excise row holds the tax with its VAT (0.55 + 0.04), like shipping.
    expect(quote.breakdown.find((row) => row.kind === 'EXCISE')).toMatchObject({ treatment: 'ADDED' });
    expect(dec(quote.breakdown.find((row) => row.kind === 'EXCISE')!.amount)).toBe('0.59');
  });

  it('3 bags: counted on the line, 0.75 kg × €2.19 = €1.6425 → €1.64', () => {
    const quote = quoteConsignment(inputFor('DE', [coffee('12.00', 3)], 'NL', '0.00'));
    expect(dec(quote.levies)).toBe('1.64');
  });

  it('an import the carrier clears: whoever clears owes it (§§ 13–15), so it is due on delivery; a seller-owed levy never is', () => {
    const [coffeeTax] = leviesInForce(LEVIES, 'DE', NOW);
    const [roLevy] = leviesInForce(LEVIES, 'RO', NOW);
    const carrier = { collector: Collector.CARRIER_ON_DELIVERY, scheme: null, registrationNumber: null, source: '' };
    expect(levyAtCheckout(coffeeTax!, true, carrier)).toBe(false);
    expect(levyAtCheckout(coffeeTax!, false, carrier)).toBe(true);
    expect(levyAtCheckout(roLevy!, true, carrier)).toBe(true);
  });
});

describe("Italy's €2 per low-value consignment", () => {
  const tee = (quantity: number): QuoteLine => ({
    productId: 'APP-TEE-M',
    unitPrice: money('25.00', 'EUR'),
    priceIncludesTax: false,
    quantity,
    hsCode: '610910',
    taxCategory: 'standard',
  });

  it('from the US warehouse, customs value 2 × 25.00 + 7.00 = 57.00 ≤ 150: €2.00 at checkout, outside the VAT base', () => {
    const withLevy = quoteConsignment(inputFor('IT', [tee(2)], 'US', '7.00'));
    const without = quoteConsignment(inputFor('IT', [tee(2)], 'US', '7.00', []));
    expect(dec(withLevy.levies)).toBe('2.00');
    // Outside the VAT base (ADM circ. 4/2026): the VAT does not change, the total grows by exactly 2.00.
    expect(dec(withLevy.tax)).toBe(dec(without.tax));
    expect(withLevy.total.minor - without.total.minor).toBe(200n);
    expect(withLevy.consignments[0]!.levies[0]).toMatchObject({ code: 'IT_LOW_VALUE_CONTRIBUTION', kind: 'LEVY', atCheckout: true });
    expect(withLevy.steps.find((step) => step.kind === 'LEVY')).toMatchObject({
      amount: '2.00',
      label: 'Italian contribution on low-value consignments: 2.00 EUR per consignment, outside the VAT base',
    });
  });

  it('none on a parcel from Venlo (no import), none above €150 (7 × 25.00 = 175.00)', () => {
    expect(dec(quoteConsignment(inputFor('IT', [tee(2)], 'NL', '7.00')).levies)).toBe('0.00');
    expect(dec(quoteConsignment(inputFor('IT', [tee(7)], 'US', '7.00')).levies)).toBe('0.00');
  });
});

describe("Romania's RON 25 per parcel", () => {
  const matcha = (net: string): QuoteLine => ({
    productId: 'PAN-MATCHA-100',
    unitPrice: money(net, 'RON'),
    priceIncludesTax: false,
    quantity: 1,
    hsCode: '090210',
    taxCategory: 'reduced',
  });

  it('from the JP warehouse, RON 150.00 of matcha: RON 25.00 at checkout, and 11 % VAT on it = RON 2.75', () => {
    const withLevy = quoteConsignment(inputFor('RO', [matcha('150.00')], 'JP', '30.00'));
    const without = quoteConsignment(inputFor('RO', [matcha('150.00')], 'JP', '30.00', []));
    expect(dec(withLevy.levies)).toBe('25.00');
    // The seed's RO food rate (11 %, itself unverified): 25.00 × 0.11 = 2.75.
    expect(withLevy.tax.minor - without.tax.minor).toBe(275n);
    expect(withLevy.total.minor - without.total.minor).toBe(2775n);
    expect(dec(withLevy.dueOnDelivery)).toBe(dec(without.dueOnDelivery));
  });

  it('none on a parcel from Venlo', () => {
    expect(dec(quoteConsignment(inputFor('RO', [matcha('150.00')], 'NL', '30.00')).levies)).toBe('0.00');
  });
});

describe('the coffee tax on the German product page', () => {
  const DE = MARKETS.find((row) => row.country === 'DE')!;
  const page = (input: Partial<Parameters<typeof priceForShopper>[0]>) =>
    priceForShopper({
      productId: 'PAN-COFFEE-250',
      market: DE,
      localPrices: [],
      basePrice: { productId: 'PAN-COFFEE-250', price: money('12.00', 'EUR') },
      hsCode: '090121',
      taxCategory: 'reduced',
      // Stock in Venlo: no import, § 18 mail order.
      dutiable: false,
      taxRates: TAX_TABLE.rates.filter((row) => row.country === 'DE'),
      dutyRates: [],
      deMinimis: [],
      rates: [],
      now: NOW,
      maxRateAgeHours: 96,
      levies: leviesInForce(LEVIES, 'DE', NOW),
      netQuantity: { value: '250', unit: 'g' },
      ...input,
    });

  it('a converted price: net 12.00 + coffee tax 0.5475 = 12.5475, 7 % VAT 0.878325 → 13.425825 → shown 13.43', () => {
    const price = page({});
    expect(price.steps.map(({ kind, amount }) => [kind, amount])).toEqual([
      ['BASE_PRICE', '12.00'],
      ['EXCISE', '0.5475'],
      ['TAX', '0.878325'],
      ['ROUNDING', '0.004175'],
    ]);
    expect(price.steps[1]!.label).toBe('Coffee tax (Kaffeesteuer), roasted coffee: EUR 2.19/kg × 0.25 kg');
    expect(dec(price.amount)).toBe('13.43');
    // Split back: net = (13.43 − 0.5475 × 1.07) ÷ 1.07 = 12.0041 → 12.00; coffee tax 0.55; VAT the remainder 0.88.
    expect([dec(price.net), dec(price.tax)]).toEqual(['12.00', '0.88']);
    // A quote's unit price leaves the excise and its VAT (0.55 × 7 % = 0.04) to the quote: 13.43 − 0.55 − 0.04.
    expect(dec(price.goodsPrice)).toBe('12.84');
  });

  it('a price-book price of 13.43: split into net 12.00, coffee tax 0.55 and VAT 0.88', () => {
    // 13.43 ÷ 1.07 = 12.5514 → 12.55 net of VAT (coffee tax inside); 12.55 − 0.55 = 12.00; VAT 13.43 − 12.55 = 0.88.
    const price = page({ localPrices: [{ productId: 'PAN-COFFEE-250', country: 'DE', price: money('13.43', 'EUR') }] });
    expect(price.steps.map(({ kind, amount }) => [kind, amount])).toEqual([
      ['PRICE_BOOK', '12.00'],
      ['EXCISE', '0.55'],
      ['TAX', '0.88'],
    ]);
    expect(dec(price.amount)).toBe('13.43');
  });
});

describe('the customs declaration of a coffee parcel', () => {
  it('states the coffee tax on the coffee item (KaffeeStV § 22: declared with the goods)', () => {
    const quote = quoteConsignment(inputFor('DE', [coffee('12.00')], 'US', '0.00'));
    const declaration = customsDeclarationOf({
      shipmentIndex: 0,
      consignment: quote.consignments[0]!,
      lines: quote.items,
      products: [
        {
          sku: 'PAN-COFFEE-250',
          hsCode: '090121',
          originCountry: 'US',
          gtin: null,
          customsDescription: 'Coffee, roasted, beans, not decaffeinated',
          tariffCodes: [],
          weightGrams: 300,
        },
      ],
      destination: 'DE',
      incoterm: 'DDP',
      currency: 'EUR',
    });
    const [item] = declaration.items;
    // 0.25 kg × €2.19 = €0.5475 → €0.55, owed on this import by whoever clears it: we do, under IOSS.
    expect(item!.excise.map((charge) => [charge.code, dec(charge.amount), charge.atCheckout])).toEqual([['DE_COFFEE_TAX', '0.55', true]]);
  });
});
