import { describe, expect, it } from 'vitest';
import { COLLECTION_SCHEMES, SEED_TAX_REGISTRATIONS } from '../../../scripts/seed/collection-reference.ts';
import {
  CA_CUSMA_COURIER,
  DE_MINIMIS,
  DUTY_TABLE,
  KR_US_LIST_CLEARANCE,
  MARKETS,
  seedFxRates,
  TAX_TABLE,
} from '../../../scripts/seed/pricing-reference.ts';
import { schemesIn } from '../../../subgraphs/pricing/domain/collection.ts';
import { convert } from '../../../subgraphs/pricing/domain/fx.ts';
import { quoteConsignment } from '../../../subgraphs/pricing/domain/landed-cost.ts';
import { moneyFromDecimal, type Money } from '../../../subgraphs/pricing/domain/money.ts';
import { deMinimisIn } from '../../../subgraphs/pricing/domain/shopper-price.ts';
import { leviesIn, leviesInForce } from '../../../subgraphs/pricing/domain/levy.ts';
import { LEVIES } from '../../../scripts/seed/levies.ts';
import { dec } from './helpers.ts';

/**
 * The low-value rules of issue #23, each against its source (law memo §2, §8, §9, §10), with the seeded rows: one
 * parcel, no shipping charge (so the customs value is the goods' net value on CIF and FOB alike), expected figures
 * worked out by hand in the comments.
 */
const NOW = new Date('2026-12-07T10:00:00Z');
const FX = seedFxRates();

type Line = {
  sku: string;
  net: string;
  hsCode: string;
  quantity?: number;
  origin?: string;
  netQuantity?: { value: string; unit: string };
};

function quoteIn(country: string, lines: readonly Line[], from: string, now = NOW) {
  const market = MARKETS.find((row) => row.country === country)!;
  const { currency } = market;
  const rates = { rates: FX, now: NOW, maxRateAgeHours: 96 };
  const toCurrency = (money: Money) =>
    money.currency === currency ? money : convert(money, currency, FX, { now: NOW, maxAgeHours: 96, rounding: 'HALF_UP' }).money;
  return quoteConsignment({
    lines: lines.map((line) => ({
      productId: line.sku,
      unitPrice: moneyFromDecimal(line.net, currency),
      priceIncludesTax: false,
      quantity: line.quantity ?? 1,
      hsCode: line.hsCode,
      taxCategory: 'standard' as const,
      origin: line.origin ? { originCountry: line.origin, originProofs: [] } : null,
      netQuantity: line.netQuantity ?? null,
    })),
    market,
    taxRates: TAX_TABLE.rates.filter((row) => row.country === country),
    dutyRates: DUTY_TABLE.rates.filter((row) => row.destination === country),
    deMinimis: deMinimisIn(
      DE_MINIMIS.filter((row) => row.destination === country),
      currency,
      rates,
    ),
    now,
    parcels: [{ fromCountry: from, lineIndexes: lines.map((_, index) => index), charge: moneyFromDecimal('0', currency) }],
    collection: {
      schemes: schemesIn(
        COLLECTION_SCHEMES.filter((row) => row.destinations.includes(country)),
        toCurrency,
      ),
      registrations: SEED_TAX_REGISTRATIONS,
    },
    levies: leviesIn(leviesInForce(LEVIES, country, now), toCurrency),
  });
}

describe('EU €3 per item (Council Reg. (EU) 2026/382; secondary sources, unverified)', () => {
  it('an item is a distinct (tariff subheading, origin) pair: 3 US tees + 1 PT merino = 2 items, €6 (memo §2 example a)', () => {
    // 3 × €20.00 (610910, US) + €80.00 (611011, PT) = €140.00 ≤ €150: items (610910, US) and (611011, PT) → 2 × €3.
    const quote = quoteIn(
      'DE',
      [
        { sku: 'APP-TEE', net: '20.00', quantity: 3, hsCode: '610910', origin: 'US' },
        { sku: 'APP-MERINO', net: '80.00', hsCode: '611011', origin: 'PT' },
      ],
      'US',
    );
    expect(dec(quote.duty)).toBe('6.00');
    expect(quote.consignments[0]!.flatDutySubheadings).toBe(2);
  });

  it('one subheading from two origins is two items (€6); from one origin, one item (€3) however many lines', () => {
    const twoOrigins = quoteIn(
      'DE',
      [
        { sku: 'TEE-US', net: '20.00', hsCode: '610910', origin: 'US' },
        { sku: 'TEE-PT', net: '20.00', hsCode: '610910', origin: 'PT' },
      ],
      'US',
    );
    expect(dec(twoOrigins.duty)).toBe('6.00'); // 2 × €3.00
    const oneOrigin = quoteIn(
      'DE',
      [
        { sku: 'TEE-NAV', net: '20.00', hsCode: '610910', origin: 'US' },
        { sku: 'TEE-BLA', net: '20.00', hsCode: '610910', origin: 'US' },
      ],
      'US',
    );
    expect(dec(oneOrigin.duty)).toBe('3.00'); // 1 × €3.00, split €1.50 + €1.50
  });

  it('covers alcohol and perfume while in force (Commission guide as reported): sake and perfume €3 each', () => {
    // €20.00 sake (220600) + €40.00 perfume (330300) = €60.00 ≤ €150: two items → €6.00, no ad valorem duty.
    const quote = quoteIn(
      'DE',
      [
        { sku: 'PAN-SAKE', net: '20.00', hsCode: '220600', origin: 'JP' },
        { sku: 'BTY-EDP', net: '40.00', hsCode: '330300', origin: 'FR' },
      ],
      'US',
    );
    expect(quote.items.map((item) => [item.dutyBasis, dec(item.duty)])).toEqual([
      ['FLAT_LOW_VALUE', '3.00'],
      ['FLAT_LOW_VALUE', '3.00'],
    ]);
  });

  it('the clock: relief until 2026-06-30, €3 until 2028-06-30, the ordinary tariff from 2028-07-01 whatever the value', () => {
    const tee = (net: string) => [{ sku: 'APP-TEE', net, hsCode: '610910', origin: 'US' }];
    // 2026-06-30: the €150 relief (Reg. (EC) 1186/2009 Art. 23) — no duty on €50.00.
    expect(dec(quoteIn('DE', tee('50.00'), 'US', new Date('2026-06-30T12:00:00Z')).duty)).toBe('0.00');
    // 2028-06-30: still the €3 (validTo 2028-07-01, exclusive).
    expect(dec(quoteIn('DE', tee('50.00'), 'US', new Date('2028-06-30T23:59:59Z')).duty)).toBe('3.00');
    // 2028-07-01: "after which normal customs duties will apply": the seed's 12 % EU MFN rate for ch. 61 (itself
    // unverified) on €50.00 = €6.00 …
    const after = quoteIn('DE', tee('50.00'), 'US', new Date('2028-07-01T00:00:00Z'));
    expect([after.items[0]!.dutyBasis, dec(after.duty)]).toEqual(['AD_VALOREM', '6.00']);
    // … and the €150 relief does not come back: €20.00 × 12 % = €2.40.
    expect(dec(quoteIn('DE', tee('20.00'), 'US', new Date('2028-07-01T00:00:00Z')).duty)).toBe('2.40');
  });
});

describe('Canada: CUSMA courier thresholds by ship-from country (CBSA; verified)', () => {
  // CA is DAP: duty and GST (the seed's federal 5 %) due on delivery with the carrier's CAD 9.95; FOB value for duty.
  const tee = (net: string) => [{ sku: 'APP-TEE', net, hsCode: '610910', origin: 'US' }];
  const due = (net: string, from: string) => {
    const quote = quoteIn('CA', tee(net), from);
    return [dec(quote.duty), dec(quote.importTax), dec(quote.dueOnDelivery)];
  };

  it('selects the tier by the parcel warehouse country, not the origin', () => {
    expect(CA_CUSMA_COURIER.shipFrom).toEqual(['US', 'MX']);
    // From New Jersey: CAD 120.00 > 40 and ≤ 150 → duty free, GST 5 % × 120.00 = 6.00; due 6.00 + 9.95 = 15.95.
    expect(due('120.00', 'US')).toEqual(['0.00', '6.00', '15.95']);
    // From Venlo, the same US-made tees: > CAD 20 → duty 18 % × 120.00 = 21.60; GST 5 % × 141.60 = 7.08;
    // due 21.60 + 7.08 + 9.95 = 38.63.
    expect(due('120.00', 'NL')).toEqual(['21.60', '7.08', '38.63']);
  });

  it('CAD 40.00 from the US is duty and tax free; CAD 40.01 owes GST; above CAD 150 duty too', () => {
    expect(due('40.00', 'US')).toEqual(['0.00', '0.00', '0.00']);
    // GST 5 % × 40.01 = 2.0005 → 2.00; due 2.00 + 9.95 = 11.95.
    expect(due('40.01', 'US')).toEqual(['0.00', '2.00', '11.95']);
    // Duty 18 % × 150.01 = 27.0018 → 27.00; GST 5 % × 150.01 = 7.5005 → 7.50 plus 5 % × 27.00 = 1.35 → 8.85;
    // due 27.00 + 8.85 + 9.95 = 45.80.
    expect(due('150.01', 'US')).toEqual(['27.00', '8.85', '45.80']);
    // From Venlo CAD 20 applies: CAD 20.00 is duty and tax free.
    expect(due('20.00', 'NL')).toEqual(['0.00', '0.00', '0.00']);
  });

  it('alcohol never benefits: CAD 30.00 of sake from the US owes GST (the seed rates sake 0 % duty)', () => {
    // GST 5 % × 30.00 = 1.50; due 1.50 + 9.95 = 11.45.
    const quote = quoteIn('CA', [{ sku: 'PAN-SAKE', net: '30.00', hsCode: '220600', origin: 'JP' }], 'US');
    expect([dec(quote.importTax), dec(quote.dueOnDelivery)]).toEqual(['1.50', '11.45']);
  });
});

describe('Korea: USD 150, USD 200 from the US for list-clearance goods (secondary; unverified)', () => {
  // At the seed's ECB rates 1 USD = 1695.32 / 1.1523 = 1471.2488… KRW: USD 150 ≈ KRW 220,687; USD 200 ≈ KRW 294,250.
  // KR is DAP: duty and 10 % VAT due on delivery with the carrier's KRW 5,000.
  it('a KRW 260,000 tee (≈ USD 176.72) is exempt from the US, taxed from Venlo', () => {
    const tee = [{ sku: 'APP-TEE', net: '260000', hsCode: '610910', origin: 'US' }];
    expect(dec(quoteIn('KR', tee, 'US').dueOnDelivery)).toBe('0');
    // From NL: > USD 150 → duty 13 % × 260,000 = 33,800; VAT 10 % × (260,000 + 33,800) = 29,380; + 5,000 = 68,180.
    const fromNl = quoteIn('KR', tee, 'NL');
    expect([dec(fromNl.duty), dec(fromNl.importTax), dec(fromNl.dueOnDelivery)]).toEqual(['33800', '29380', '68180']);
  });

  it('coffee goes through general clearance and moves the whole US parcel to USD 150', () => {
    expect(KR_US_LIST_CLEARANCE.excludedHsPrefixes).toContain('09');
    // Tee 200,000 + coffee 50,000 = 250,000 > USD 150 (≈ 220,687): duty 13 % × 200,000 = 26,000 and 8 % × 50,000
    // = 4,000; VAT 10 % × (250,000 + 30,000) = 28,000; due 30,000 + 28,000 + 5,000 = 63,000.
    const quote = quoteIn(
      'KR',
      [
        { sku: 'APP-TEE', net: '200000', hsCode: '610910', origin: 'US' },
        { sku: 'PAN-COFFEE', net: '50000', hsCode: '090121', origin: 'CO' },
      ],
      'US',
    );
    expect([dec(quote.duty), dec(quote.importTax), dec(quote.dueOnDelivery)]).toEqual(['30000', '28000', '63000']);
  });

  it('states the thresholds in USD as the law does', () => {
    const record = DE_MINIMIS.find((row) => row.destination === 'KR')!;
    expect([record.dutyThreshold, KR_US_LIST_CLEARANCE.dutyThreshold]).toEqual([
      moneyFromDecimal('150.00', 'USD'),
      moneyFromDecimal('200.00', 'USD'),
    ]);
    expect(record.verified).toBe(false);
  });
});

describe('Japan: liquor tax is never waived by the ¥10,000 exemption (Customs Answer 1006)', () => {
  // Liquor Tax Act Art. 23: sake ¥100,000 per kilolitre from 2023-10-01 = ¥100 per litre (secondary sources,
  // unverified: see JP_LIQUOR_TAX in scripts/seed/levies.ts). Japan's market clears as importer (DDP).
  const sake720 = { sku: 'PAN-SAKE-720', hsCode: '220600', origin: 'JP', netQuantity: { value: '720', unit: 'ml' } };

  it('720 ml of sake at ¥4,000 from the US: no duty or consumption tax (≤ ¥10,000), liquor tax 0.72 l × ¥100 = ¥72', () => {
    // CA 1006: ≤ ¥10,000 "exempted from taxation of customs duty and consumption tax" — liquor tax excepted.
    const quote = quoteIn('JP', [{ ...sake720, net: '4000' }], 'US');
    expect([dec(quote.duty), dec(quote.tax), dec(quote.importTax)]).toEqual(['0', '0', '0']);
    expect(dec(quote.levies)).toBe('72');
    expect(dec(quote.total)).toBe('4072');
    expect(dec(quote.dueOnDelivery)).toBe('0');
  });

  it('1.8 l at ¥12,000: duty, liquor tax ¥180, and consumption tax on value + duty + liquor tax', () => {
    // Above ¥10,000: duty at the seeded chapter-22 row (15 %, illustrative) = ¥1,800; liquor tax 1.8 × 100 = ¥180;
    // import consumption tax 10 % on 12,000 + 1,800 + 180 = 13,980 → ¥1,398 (Consumption Tax Act Art. 28(4)).
    // Total 12,000 + 1,800 + 180 + 1,398 = ¥15,378.
    const quote = quoteIn('JP', [{ ...sake720, sku: 'PAN-SAKE-1800', net: '12000', netQuantity: { value: '1800', unit: 'ml' } }], 'US');
    expect(dec(quote.duty)).toBe('1800');
    expect(dec(quote.levies)).toBe('180');
    expect(dec(quote.total)).toBe('15378');
  });

  it('sake shipped from the Chiba warehouse is no import: its price already holds the liquor tax the brewery paid', () => {
    const quote = quoteIn('JP', [{ ...sake720, net: '4000' }], 'JP');
    expect(dec(quote.levies)).toBe('0');
  });
});
