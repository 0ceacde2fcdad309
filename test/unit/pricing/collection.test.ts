import { describe, expect, it } from 'vitest';
import { decideCollection, isEligible, schemesIn, type CollectionInput } from '../../../subgraphs/pricing/domain/collection.ts';
import type { DeMinimis } from '../../../subgraphs/pricing/domain/duty.ts';
import { quoteConsignment, type QuoteLine } from '../../../subgraphs/pricing/domain/landed-cost.ts';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import { COLLECTION_SCHEMES, SEED_TAX_REGISTRATIONS } from '../../../scripts/seed/collection-reference.ts';
import { dec, eur, money } from './helpers.ts';

// The seeded scheme rows and demo registrations, checked against the figures their sources state.
const NOW = new Date('2026-11-25T10:00:00Z');
const scheme = (code: string) => COLLECTION_SCHEMES.find((row) => row.code === code)!;
const decide = (overrides: Partial<CollectionInput>) =>
  decideCollection({
    destination: 'DE',
    crossesCustomsBorder: true,
    goods: [{ hsCode: '851830', quantity: 1, net: eur('100.00') }],
    schemes: COLLECTION_SCHEMES,
    registrations: SEED_TAX_REGISTRATIONS,
    dutyPaidClearance: true,
    now: NOW,
    ...overrides,
  });

describe('decideCollection', () => {
  it('EU IOSS: intrinsic value ≤ €150 (Dir. 2006/112/EC Art. 369l) — €150.00 is in, €150.01 is out', () => {
    expect(decide({ goods: [{ hsCode: '851830', quantity: 1, net: eur('150.00') }] })).toMatchObject({
      collector: 'SELLER_AT_CHECKOUT',
      registrationNumber: 'IM5280000017',
      scheme: { code: 'EU_IOSS' },
    });
    // Two lines of €75.00 and €75.01: the consignment, not each line, is compared (€150.01 > €150).
    const over = decide({
      goods: [
        { hsCode: '851830', quantity: 1, net: eur('75.00') },
        { hsCode: '610910', quantity: 1, net: eur('75.01') },
      ],
    });
    expect(over).toMatchObject({ collector: 'SELLER_AS_IMPORTER', scheme: null, registrationNumber: null });
  });

  it('EU IOSS never covers excise goods (Art. 2(3): alcohol, tobacco, energy): a parcel with sake is cleared whole', () => {
    const parcel = decide({
      goods: [
        { hsCode: '851830', quantity: 1, net: eur('40.00') },
        { hsCode: '220600', quantity: 1, net: eur('20.00') },
      ],
    });
    expect(parcel.collector).toBe('SELLER_AS_IMPORTER');
    // Coffee and perfume are not Art. 2(3) excise goods: IOSS covers them.
    expect(decide({ goods: [{ hsCode: '090121', quantity: 1, net: eur('20.00') }] }).collector).toBe('SELLER_AT_CHECKOUT');
  });

  it('needs a registration in force at the clock: before it, after its end, or for another destination, none', () => {
    const ioss = { scheme: 'EU_IOSS', number: 'IM5280000017', destinations: ['DE'], note: null };
    const later = [{ ...ioss, validFrom: new Date('2027-01-01T00:00:00Z'), validTo: null }];
    expect(decide({ registrations: later }).collector).toBe('SELLER_AS_IMPORTER');
    const ended = [{ ...ioss, validFrom: new Date('2021-07-01T00:00:00Z'), validTo: NOW }];
    expect(decide({ registrations: ended }).collector).toBe('SELLER_AS_IMPORTER'); // validTo is exclusive
    expect(decide({ registrations: ended, now: new Date(NOW.getTime() - 1) }).collector).toBe('SELLER_AT_CHECKOUT');
    expect(decide({ destination: 'FR', registrations: later.map((row) => ({ ...row, validFrom: NOW })) }).collector).toBe(
      'SELLER_AS_IMPORTER',
    );
  });

  it('without a scheme: duty-paid as importer where the market clears DDP, else the carrier on delivery (DAP)', () => {
    expect(decide({ destination: 'JP' }).collector).toBe('SELLER_AS_IMPORTER');
    expect(decide({ destination: 'CH', dutyPaidClearance: false }).collector).toBe('CARRIER_ON_DELIVERY');
    // Switzerland with a recorded registration: the mail-order scheme has no ceiling.
    const swiss = [
      { scheme: 'CH_MAIL_ORDER', number: 'CHE-123.456.789 MWST', destinations: ['CH'], validFrom: NOW, validTo: null, note: null },
    ];
    const registered = decide({
      destination: 'CH',
      dutyPaidClearance: false,
      registrations: swiss,
      goods: [{ hsCode: '851830', quantity: 1, net: money('5000.00', 'CHF') }],
    });
    expect(registered).toMatchObject({ collector: 'SELLER_AT_CHECKOUT', registrationNumber: 'CHE-123.456.789 MWST' });
  });

  it('goods that cross no border are a domestic sale: VAT at checkout, no scheme', () => {
    expect(decide({ crossesCustomsBorder: false, goods: [] })).toMatchObject({ collector: 'SELLER_AT_CHECKOUT', scheme: null });
  });
});

describe('isEligible: Norway VOEC per unit, strictly under NOK 3,000; foodstuffs excluded', () => {
  const voec = scheme('NO_VOEC');
  it('three sweaters at NOK 2,999.99 each are three items under 3,000 (a NOK 8,999.97 line)', () => {
    expect(isEligible([{ hsCode: '611011', quantity: 3, net: money('8999.97', 'NOK') }], voec)).toBe(true);
  });
  it('one item at exactly NOK 3,000.00 is not under 3,000 ("at or above NOK 3,000": Skatteetaten)', () => {
    expect(isEligible([{ hsCode: '611011', quantity: 1, net: money('3000.00', 'NOK') }], voec)).toBe(false);
  });
  it('coffee (a foodstuff) is never VOEC, whatever its price', () => {
    expect(isEligible([{ hsCode: '090121', quantity: 1, net: money('150.00', 'NOK') }], voec)).toBe(false);
  });
});

describe('schemesIn', () => {
  it('converts a ceiling into the presentment currency, keeping the stated one', () => {
    const [converted] = schemesIn([scheme('EU_IOSS')], () => money('640.00', 'PLN'));
    expect(converted?.ceiling).toEqual(money('640.00', 'PLN'));
    expect(converted?.statedCeiling).toEqual(eur('150.00'));
  });
});

describe('quoteConsignment with the collection step', () => {
  const NO: Market = {
    country: 'NO',
    currency: 'NOK',
    locale: 'nb-NO',
    taxDisplay: 'inclusive',
    incoterm: 'DDP',
    presentment: { kind: 'exponent' },
    fxMarginBps: 0,
    customsValuation: 'CIF',
    additionalCurrencies: [],
  };
  const NO_RECORD: DeMinimis = { destination: 'NO', dutyThreshold: null, taxThreshold: null, asOf: NOW, source: 'test' };
  const line = (productId: string, gross: string, quantity: number, hsCode: string, reduced = false): QuoteLine => ({
    productId,
    unitPrice: money(gross, 'NOK'),
    quantity,
    hsCode,
    taxCategory: reduced ? 'reduced' : 'standard',
  });
  const quote = (lines: QuoteLine[]) =>
    quoteConsignment({
      lines,
      market: NO,
      taxRates: [
        { country: 'NO', category: 'standard', ratePercent: '25' },
        { country: 'NO', category: 'reduced', ratePercent: '15' },
      ],
      dutyRates: [{ destination: 'NO', hsPrefix: '61', ratePercent: '10.7' }],
      deMinimis: [NO_RECORD],
      now: NOW,
      shippingCharges: [money('187.50', 'NOK')],
      collection: { schemes: COLLECTION_SCHEMES, registrations: SEED_TAX_REGISTRATIONS },
    });

  it('VOEC (memo worked example): NOK 2,500 + NOK 1,800 of goods + NOK 150 shipping, 25 % VAT at checkout, no duty', () => {
    // Gross as shown: 3,125.00 = 2,500 × 1.25; 2,250.00 = 1,800 × 1.25; shipping 187.50 = 150 × 1.25.
    const result = quote([line('down', '3125.00', 1, '620140'), line('merino', '2250.00', 1, '611011')]);
    // 25 % × (2,500 + 1,800 + 150) = 25 % × 4,450 = NOK 1,112.50 (Skatteetaten: shipping included in the VAT).
    expect([result.tax, result.duty, result.dueOnDelivery, result.total].map(dec)).toEqual(['1112.50', '0.00', '0.00', '5562.50']);
    expect(result.consignments[0]?.collection).toMatchObject({ collector: 'SELLER_AT_CHECKOUT', registrationNumber: 'VOEC2041234' });
  });

  it('a coffee in the parcel takes it out of VOEC: cleared as importer, duty on the knitwear, VAT still once', () => {
    const result = quote([line('merino', '2250.00', 1, '611011'), line('coffee', '172.50', 1, '090121', true)]);
    expect(result.consignments[0]?.collection.collector).toBe('SELLER_AS_IMPORTER');
    // Shipping 187.50 split by line totals 2,250.00 : 172.50 → 174.15 and 13.35 (largest remainder); nets 139.32, 11.61.
    // Duty 10.7 % × CIF (1,800.00 + 139.32) = 207.5072… → 207.51; import VAT 25 % of it = 51.88.
    expect(dec(result.duty)).toBe('207.51');
    expect(dec(result.importTax)).toBe('51.88');
    // VAT on goods and shipping: 450.00 + 22.50 + 34.83 + 1.74 = 509.07; nothing due on delivery.
    expect(dec(result.tax)).toBe('509.07');
    expect(dec(result.dueOnDelivery)).toBe('0.00');
    expect(dec(result.total)).toBe('2869.39'); // 2,250.00 + 172.50 + 187.50 + 207.51 + 51.88
  });
});
