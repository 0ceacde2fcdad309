import { describe, expect, it } from 'vitest';
import type { DeMinimis, DutyRate } from '../../../subgraphs/pricing/domain/duty.ts';
import {
  quoteConsignment,
  type ConsignmentInput,
  type ConsignmentQuote,
  type QuoteLine,
} from '../../../subgraphs/pricing/domain/landed-cost.ts';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import { formatMoney, sum } from '../../../subgraphs/pricing/domain/money.ts';
import type { TaxRate } from '../../../subgraphs/pricing/domain/tax.ts';
import { dec, eur, expectDomainError, money } from './helpers.ts';

const exponent = { kind: 'exponent' } as const;
const DE: Market = {
  country: 'DE',
  currency: 'EUR',
  locale: 'de-DE',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: exponent,
  fxMarginBps: 0,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
const US: Market = {
  country: 'US',
  currency: 'USD',
  locale: 'en-US',
  taxDisplay: 'exclusive',
  incoterm: 'DAP',
  presentment: exponent,
  fxMarginBps: 0,
  customsValuation: 'FOB',
  additionalCurrencies: [],
};
const JP: Market = {
  country: 'JP',
  currency: 'JPY',
  locale: 'ja-JP',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: exponent,
  fxMarginBps: 0,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
const CH: Market = {
  country: 'CH',
  currency: 'CHF',
  locale: 'de-CH',
  taxDisplay: 'inclusive',
  incoterm: 'DAP',
  presentment: exponent,
  fxMarginBps: 0,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
const KW: Market = {
  country: 'KW',
  currency: 'KWD',
  locale: 'en-KW',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: exponent,
  fxMarginBps: 0,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};

const TAX: TaxRate[] = [
  { country: 'DE', category: 'standard', ratePercent: '19' },
  { country: 'DE', category: 'reduced', ratePercent: '7' },
  { country: 'US', category: 'standard', ratePercent: '0' },
  { country: 'JP', category: 'standard', ratePercent: '10' },
  { country: 'CH', category: 'standard', ratePercent: '8.1' },
  { country: 'CH', category: 'reduced', ratePercent: '2.6' },
  { country: 'KW', category: 'standard', ratePercent: '0' },
];
const DUTY: DutyRate[] = [
  { destination: 'DE', hsPrefix: '61', ratePercent: '12' },
  { destination: 'DE', hsPrefix: '62', ratePercent: '12' },
  { destination: 'DE', hsPrefix: '64', ratePercent: '8' },
  { destination: 'US', hsPrefix: '61', ratePercent: '15' },
  { destination: 'US', hsPrefix: '6109', ratePercent: '16.5' },
  { destination: 'JP', hsPrefix: '61', ratePercent: '10' },
  { destination: 'CH', hsPrefix: '22', ratePercent: '8' },
  { destination: 'KW', hsPrefix: '42', ratePercent: '5' },
];
const asOf = new Date('2025-07-01T00:00:00Z');
// These records carry no low-value regime, so the clock only matters to the EU records of the last describe.
const NOW = new Date('2026-11-25T10:00:00Z');
const DE_MINIMIS: DeMinimis[] = [
  { destination: 'DE', dutyThreshold: eur('150.00'), taxThreshold: null, asOf, source: 'test' },
  { destination: 'US', dutyThreshold: null, taxThreshold: null, asOf, source: 'test' },
  { destination: 'JP', dutyThreshold: money('10000', 'JPY'), taxThreshold: money('10000', 'JPY'), asOf, source: 'test' },
  // The Swiss waiver is on the import VAT amount (≤ CHF 5 per assessment, SR 641.204 Art. 1 let. d), not a value.
  {
    destination: 'CH',
    dutyThreshold: null,
    taxThreshold: null,
    importTaxWaiver: { amount: money('5.00', 'CHF'), source: 'test', asOf },
    carrierFee: { amount: money('11.50', 'CHF'), source: 'test', asOf, illustrative: true },
    asOf,
    source: 'test',
  },
  { destination: 'KW', dutyThreshold: money('100.000', 'KWD'), taxThreshold: null, asOf, source: 'test' },
];

const line = (productId: string, unitPrice: QuoteLine['unitPrice'], quantity: number, hsCode: string): QuoteLine => ({
  productId,
  unitPrice,
  quantity,
  hsCode,
  taxCategory: 'standard',
});
const quote = (market: Market, lines: QuoteLine[], extra: Partial<ConsignmentInput> = {}): ConsignmentQuote =>
  quoteConsignment({ lines, market, taxRates: TAX, dutyRates: DUTY, deMinimis: DE_MINIMIS, ...extra, now: extra.now ?? NOW });

const tshirt = (quantity: number) => line('tshirt', eur('59.50'), quantity, '6109.10'); // net €50.00 at 19 %
const shoes = line('shoes', eur('119.00'), 1, '640399'); // net €100.00

/** Rows ADDED to the total must add up to it exactly. */
function expectBreakdownAddsUp(result: ConsignmentQuote): void {
  const added = result.breakdown.filter((row) => row.treatment === 'ADDED').map((row) => row.amount);
  expect(dec(sum(added, result.total.currency))).toBe(dec(result.total));
  const due = result.breakdown.filter((row) => row.treatment === 'DUE_ON_DELIVERY').map((row) => row.amount);
  expect(dec(sum(due, result.total.currency))).toBe(dec(result.dueOnDelivery));
}

describe('quoteConsignment — Germany (EUR, VAT-inclusive, DDP, €150 duty de minimis)', () => {
  it('a €59.50 T-shirt owes no duty: the price shown is the price paid', () => {
    const result = quote(DE, [tshirt(1)]);
    expect(dec(result.total)).toBe('59.50');
    expect(dec(result.tax)).toBe('9.50');
    expect(dec(result.duty)).toBe('0.00');
    expect(result.deMinimis).toMatchObject({ dutyOwed: false });
  });

  it('a cart at exactly €150.00 net still owes no duty (threshold is "not exceeding")', () => {
    const result = quote(DE, [tshirt(3)]); // 3 × €50.00 net
    expect(dec(result.deMinimis.consignmentValue)).toBe('150.00');
    expect(dec(result.duty)).toBe('0.00');
    expect(dec(result.total)).toBe('178.50');
  });

  it('a cart owes duty that none of its items would owe alone, and DDP puts it in the total', () => {
    expect(dec(quote(DE, [tshirt(2)]).duty)).toBe('0.00');
    expect(dec(quote(DE, [shoes]).duty)).toBe('0.00');

    const result = quote(DE, [tshirt(2), shoes]); // €200.00 net > €150
    expect(result.items.map((item) => dec(item.duty))).toEqual(['12.00', '8.00']); // 12 % apparel, 8 % footwear
    expect(dec(result.duty)).toBe('20.00');
    expect(dec(result.importTax)).toBe('3.80'); // 19 % import VAT on the duty
    expect(dec(result.tax)).toBe('38.00');
    expect(dec(result.itemsTotal)).toBe('238.00');
    expect(dec(result.total)).toBe('261.80');
    expect(formatMoney(result.total, 'de-DE')).toBe('261,80\u00a0€');
    expect(result).toMatchObject({ incoterm: 'DDP', dutyIncluded: true });
    expect(dec(result.dueOnDelivery)).toBe('0.00');
    expect(result.breakdown.map((row) => [row.kind, dec(row.amount), row.treatment])).toEqual([
      ['ITEMS', '238.00', 'ADDED'],
      ['TAX', '38.00', 'INCLUDED'],
      ['DUTY', '20.00', 'ADDED'],
      ['IMPORT_TAX', '3.80', 'ADDED'],
    ]);
    expectBreakdownAddsUp(result);
  });

  it('taxes shipping like the goods and, under CIF, adds its net to the customs value (here tipping it over €150)', () => {
    const result = quote(DE, [tshirt(3)], { shippingCharges: [eur('5.95')] });
    expect(result.customsValue).toMatchObject({ basis: 'CIF' });
    expect(
      [result.customsValue.goods, result.customsValue.freight, result.customsValue.insurance, result.customsValue.value].map(dec),
    ).toEqual(['150.00', '5.00', '0.00', '155.00']);
    expect(dec(result.tax)).toBe('29.45'); // 28.50 on goods + 0.95 inside the €5.95 shipping, at the tee's 19 %
    // Duty on goods + freight: 155.00 × 12 % = 18.60, import VAT 19 % of it 3.53.
    expect(dec(result.duty)).toBe('18.60');
    expect(dec(result.importTax)).toBe('3.53');
    expect(dec(result.total)).toBe('206.58'); // 178.50 + 5.95 + 18.60 + 3.53
    expectBreakdownAddsUp(result);
    expect(
      dec(
        sum(
          result.steps.map((step) => eur(step.amount)),
          'EUR',
        ),
      ),
    ).toBe(dec(result.total));
  });

  it('under FOB leaves shipping out of the customs value', () => {
    const result = quote({ ...DE, customsValuation: 'FOB' }, [tshirt(3)], { shippingCharges: [eur('5.95')] });
    expect(dec(result.customsValue.value)).toBe('150.00');
    expect(dec(result.customsValue.freight)).toBe('0.00');
    expect(dec(result.duty)).toBe('0.00');
    expect(dec(result.total)).toBe('184.45');
    expectBreakdownAddsUp(result);
  });

  it('waives shipping from the free-shipping threshold on, with a discount row and step, and values no freight', () => {
    const result = quote(DE, [tshirt(1)], { shippingCharges: [eur('5.95'), eur('4.76')], freeShippingThreshold: eur('50.00') });
    expect(result.freeShipping).toBe(true);
    expect(dec(result.shipping!)).toBe('0.00');
    expect(result.breakdown.map((row) => [row.kind, dec(row.amount)])).toEqual([
      ['ITEMS', '59.50'],
      ['SHIPPING', '5.95'],
      ['SHIPPING', '4.76'],
      ['SHIPPING_DISCOUNT', '-10.71'],
      ['TAX', '9.50'],
      ['DUTY', '0.00'],
      ['IMPORT_TAX', '0.00'],
    ]);
    expect(dec(result.total)).toBe('59.50');
    expect(result.steps.map((step) => [step.kind, step.amount])).toEqual([
      ['ITEM', '50.00'],
      ['SHIPPING', '5.00'],
      ['SHIPPING', '4.00'],
      ['SHIPPING_DISCOUNT', '-9.00'],
      ['TAX', '9.50'],
    ]);
    expectBreakdownAddsUp(result);
    // Under the threshold the charges are paid.
    const paid = quote(DE, [tshirt(1)], { shippingCharges: [eur('5.95')], freeShippingThreshold: eur('60.00') });
    expect(paid.freeShipping).toBe(false);
    expect(dec(paid.total)).toBe('65.45');
  });

  it('splits shipping VAT over the goods’ rates in proportion to their totals', () => {
    const coffee: QuoteLine = { ...line('coffee', eur('53.50'), 1, '090121'), taxCategory: 'reduced' }; // net 50.00 at 7 %
    const result = quote(DE, [tshirt(1), coffee], { shippingCharges: [eur('10.00')] });
    // 10.00 split 59.50 : 53.50 → 5.27 at 19 % (VAT 0.84) and 4.73 at 7 % (VAT 0.31).
    expect(dec(result.tax)).toBe('14.15'); // 9.50 + 3.50 goods + 0.84 + 0.31 shipping
    expect(dec(result.total)).toBe('123.00');
    expectBreakdownAddsUp(result);
  });

  it('flags an HS code with no duty rate instead of silently calling it duty-free', () => {
    const gadget = line('gadget', eur('238.00'), 1, '851713');
    const [item] = quote(DE, [gadget]).items;
    expect(item?.dutyRateFound).toBe(false);
    expect(item?.dutyRatePercent).toBe('0');
  });
});

describe('quoteConsignment — other markets', () => {
  it('US (tax-exclusive, DAP): duty is an estimate due on delivery, not part of the total', () => {
    const result = quote(US, [line('tshirt', money('40.00', 'USD'), 1, '610910')], { shippingCharges: [money('9.99', 'USD')] });
    expect(dec(result.duty)).toBe('6.60'); // 16.5 % — no de minimis since the $800 rule was suspended
    expect(dec(result.total)).toBe('49.99');
    expect(dec(result.dueOnDelivery)).toBe('6.60');
    expect(result.dutyIncluded).toBe(false);
    expect(result.breakdown.find((row) => row.kind === 'DUTY')?.treatment).toBe('DUE_ON_DELIVERY');
    expect(result.breakdown.find((row) => row.kind === 'TAX')?.treatment).toBe('ADDED');
    expectBreakdownAddsUp(result);
  });

  it('Japan: ¥13,200 incl. 10 % crosses the ¥10,000 threshold; duty and its consumption tax in whole yen', () => {
    const result = quote(JP, [line('sweater', money('13200', 'JPY'), 1, '611020')]);
    expect([result.tax, result.duty, result.importTax, result.total].map(dec)).toEqual(['1200', '1200', '120', '14520']);
    expect(formatMoney(result.total, 'ja-JP')).toBe('￥14,520');
    // Headphones (not a designated article) at ¥11,000 incl. 10 % = ¥10,000 net: a customs value of ¥10,000 or
    // less owes neither duty nor consumption tax (Japan Customs, Customs Answer 1006), so none is collected — the
    // shopper pays the net ¥10,000. (Was ¥11,000 on a knitted sweater: consumption tax the border never levies.)
    const exempt = quote(JP, [line('headphones', money('11000', 'JPY'), 1, '851830')]);
    expect([exempt.tax, exempt.duty, exempt.importTax, exempt.total].map(dec)).toEqual(['0', '0', '0', '10000']);
    expect(exempt.consignments[0]?.collection.collector).toBe('SELLER_AS_IMPORTER');
  });

  it('Switzerland (DAP): no Swiss VAT at checkout; duty, import VAT on value + duty and the carrier fee at the door', () => {
    // 2 × CHF 54.05 as shown = CHF 108.10 incl. 8.1 % → CHF 100.00 net; the carrier collects the import VAT, so the
    // checkout total is the net CHF 100.00 (was CHF 108.10 with Swiss VAT, and the door charged VAT again).
    const result = quote(CH, [line('wine', money('54.05', 'CHF'), 2, '220421')]);
    expect(dec(result.total)).toBe('100.00');
    expect(dec(result.tax)).toBe('0.00');
    expect(dec(result.duty)).toBe('8.00'); // 8 % of the CIF value 100.00
    // MWSTG Art. 54: import VAT on the value plus duty: 8.1 % × (100.00 + 8.00) = 8.748 → 8.75 (> CHF 5: levied).
    expect(dec(result.importTax)).toBe('8.75');
    expect(dec(result.dueOnDelivery)).toBe('28.25'); // 8.00 + 8.75 + carrier fee 11.50
    expect(result.consignments[0]?.collection.collector).toBe('CARRIER_ON_DELIVERY');
    expect(result.dueOnDeliverySteps.map(({ kind, amount }) => [kind, amount])).toEqual([
      ['DUTY', '8.00'],
      ['IMPORT_TAX', '8.75'],
      ['CARRIER_FEE', '11.50'],
    ]);
    expectBreakdownAddsUp(result);
  });

  it('Switzerland: import VAT of CHF 5 or less is waived, and then nothing at all is due (no carrier fee)', () => {
    // Coffee CHF 150.00 net + CHF 10.00 shipping (the charge is paid as shown: no Swiss VAT in it under DAP), no duty
    // (no CH rate for 09 in this table): 2.6 % × 160.00 = 4.16 ≤ 5.00 → not levied (SR 641.204 Art. 1 let. d).
    const coffee = { ...line('coffee', money('150.00', 'CHF'), 1, '090121'), taxCategory: 'reduced' as const, priceIncludesTax: false };
    const result = quote(CH, [coffee], { shippingCharges: [money('10.00', 'CHF')] });
    expect([result.total, result.tax, result.importTax, result.dueOnDelivery].map(dec)).toEqual(['160.00', '0.00', '0.00', '0.00']);
    // The same at the standard rate: 8.1 % × 160.00 = 12.96 > 5.00 → levied on delivery, with the fee.
    const tee = { ...line('tee', money('150.00', 'CHF'), 1, '610910'), priceIncludesTax: false };
    const taxed = quote(CH, [tee], { shippingCharges: [money('10.00', 'CHF')] });
    expect([taxed.total, taxed.importTax, taxed.dueOnDelivery].map(dec)).toEqual(['160.00', '12.96', '24.46']);
  });

  it('Kuwait: 3-decimal dinar, no VAT, duty rounded to the fils with the mode given', () => {
    const bag = line('bag', money('120.530', 'KWD'), 1, '420221');
    const halfUp = quote(KW, [bag]);
    expect(dec(halfUp.duty)).toBe('6.027'); // 5 % of 120.530 = 6.0265
    expect(dec(halfUp.total)).toBe('126.557');
    expect(dec(quote(KW, [bag], { rounding: 'HALF_EVEN' }).duty)).toBe('6.026');
  });
});

describe('quoteConsignment — input checks', () => {
  it('rejects quantities below 1, above 999 or fractional, naming them', () => {
    for (const quantity of [0, -1, 1000, 1.5]) {
      expectDomainError(() => quote(DE, [tshirt(quantity)]), 'BAD_USER_INPUT', 'tshirt', String(quantity));
    }
    expect(dec(quote(DE, [tshirt(999)]).itemsTotal)).toBe('59440.50');
  });

  it('rejects prices not in the market currency and empty carts', () => {
    expectDomainError(() => quote(DE, [line('x', money('10.00', 'USD'), 1, '610910')]), 'BAD_USER_INPUT', 'USD', 'EUR');
    expectDomainError(() => quote(DE, [tshirt(1)], { shippingCharges: [money('5.00', 'GBP')] }), 'BAD_USER_INPUT', 'GBP');
    expectDomainError(() => quote(DE, []), 'BAD_USER_INPUT', 'at least one line');
  });

  it('rejects a category the country has no rate for', () => {
    expectDomainError(() => quote(DE, [{ ...tshirt(1), taxCategory: 'zero' }]), 'BAD_USER_INPUT', 'zero', 'DE');
  });
});

describe('one unit shipped alone (a consignment of one line)', () => {
  const alone = (market: Market, productId: string, unitPrice: ReturnType<typeof eur>, hsCode: string) =>
    quoteConsignment({
      lines: [{ productId, unitPrice, hsCode, taxCategory: 'standard', quantity: 1 }],
      market,
      taxRates: TAX,
      dutyRates: DUTY,
      deMinimis: DE_MINIMIS,
      now: NOW,
    });

  it('shows a cheap German item at its shelf price with the VAT inside', () => {
    const result = alone(DE, 'tshirt', eur('59.50'), '610910');
    expect(dec(result.total)).toBe('59.50');
    expect(dec(result.tax)).toBe('9.50');
    expect(result).toMatchObject({ dutyIncluded: true });
    expect(result.items[0]).toMatchObject({ dutyRateFound: true });
  });

  it('includes duty and its VAT in a DDP total once the item alone exceeds the threshold', () => {
    const coat = alone(DE, 'coat', eur('238.00'), '620193');
    expect(dec(coat.duty)).toBe('24.00');
    expect(dec(coat.importTax)).toBe('4.56');
    expect(dec(coat.total)).toBe('266.56');
  });

  it('keeps DAP duty out of the total and says it is due on delivery', () => {
    const result = alone(US, 'tshirt', money('40.00', 'USD'), '610910');
    expect(dec(result.total)).toBe('40.00');
    expect(dec(result.duty)).toBe('6.60');
    expect(dec(result.dueOnDelivery)).toBe('6.60');
    expect(result).toMatchObject({ dutyIncluded: false, incoterm: 'DAP' });
  });
});
