import { describe, expect, it } from 'vitest';
import { isExcludedFromDutyRelief, type DeMinimis, type DutyRate } from '../../../subgraphs/pricing/domain/duty.ts';
import { quoteConsignment, type QuoteLine } from '../../../subgraphs/pricing/domain/landed-cost.ts';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import type { TaxRate } from '../../../subgraphs/pricing/domain/tax.ts';
import { DE_MINIMIS as SEEDED_DE_MINIMIS, EU_MEMBER_STATES } from '../../../scripts/seed/pricing-reference.ts';
import { dec, eur } from './helpers.ts';

// EU duty relief for consignments of negligible value (≤ €150, Reg. (EC) 1186/2009 Art. 23) does not apply to
// alcoholic products, perfumes and toilet waters, or tobacco (Art. 24).
const asOf = new Date('2025-07-01T00:00:00Z');
const EU_RELIEF: DeMinimis = {
  destination: 'DE',
  dutyThreshold: eur('150.00'),
  taxThreshold: null,
  dutyReliefExcludedHsPrefixes: ['2203', '2204', '2205', '2206', '2207', '2208', '24', '3303'],
  asOf,
  source: 'test',
};
const DE: Market = {
  country: 'DE',
  currency: 'EUR',
  locale: 'de-DE',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: { kind: 'exponent' },
  fxMarginBps: 0,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
const TAX: TaxRate[] = [
  { country: 'DE', category: 'standard', ratePercent: '19' },
  { country: 'DE', category: 'reduced', ratePercent: '7' },
];
const DUTY: DutyRate[] = [
  { destination: 'DE', hsPrefix: '22', ratePercent: '5' },
  { destination: 'DE', hsPrefix: '2202', ratePercent: '9.6' },
  { destination: 'DE', hsPrefix: '61', ratePercent: '12' },
];
const line = (productId: string, gross: string, hsCode: string): QuoteLine => ({
  productId,
  unitPrice: eur(gross),
  quantity: 1,
  hsCode,
  taxCategory: 'standard',
});

describe('low-value duty relief exclusions', () => {
  it('match sake (2206), wine (2204), spirits (2208), cigarettes (24) and perfume (3303), not soft drinks (2202) or tea', () => {
    for (const hs of ['220600', '2204.21', '220830', '240220', '330300']) expect(isExcludedFromDutyRelief(hs, EU_RELIEF)).toBe(true);
    for (const hs of ['220299', '220110', '330499', '090210', '610910']) expect(isExcludedFromDutyRelief(hs, EU_RELIEF)).toBe(false);
  });

  it('a record without exclusions (or no record) excludes nothing', () => {
    const { dutyReliefExcludedHsPrefixes: _dropped, ...plain } = EU_RELIEF;
    expect(isExcludedFromDutyRelief('220600', plain)).toBe(false);
    expect(isExcludedFromDutyRelief('220600', undefined)).toBe(false);
  });

  it('a €23.80 bottle of sake into Germany owes duty though far under €150; a T-shirt at the same price does not', () => {
    // Each bottle or shirt shipped alone: a consignment of one line.
    const alone = (item: QuoteLine) =>
      quoteConsignment({ lines: [item], market: DE, taxRates: TAX, dutyRates: DUTY, deMinimis: [EU_RELIEF], now: asOf });
    const sake = alone(line('sake', '23.80', '220600'));
    expect(dec(sake.items[0]!.net)).toBe('20.00');
    expect(dec(sake.duty)).toBe('1.00'); // 5 % of €20.00
    expect(dec(sake.importTax)).toBe('0.19'); // 19 % import VAT on the duty
    expect(dec(sake.total)).toBe('24.99');
    expect(sake.items[0]!.dutyBasis).toBe('AD_VALOREM'); // excluded from the relief, so its tariff rate applies

    const tee = alone(line('tee', '23.80', '610910'));
    expect(dec(tee.duty)).toBe('0.00');
    expect(tee.items[0]!.dutyBasis).toBe('RELIEF');
  });

  it('in a mixed low-value cart only the excluded line owes duty', () => {
    const result = quoteConsignment({
      lines: [line('sake', '23.80', '220600'), line('tee', '59.50', '610910'), line('perfume', '59.50', '330300')],
      market: DE,
      taxRates: TAX,
      dutyRates: DUTY,
      deMinimis: [EU_RELIEF],
      now: asOf,
    });
    expect(result.deMinimis.dutyOwed).toBe(false); // €120.00 of goods: under the threshold
    expect(result.items.map((item) => [item.productId, dec(item.duty), item.dutyReliefExcluded])).toEqual([
      ['sake', '1.00', true],
      ['tee', '0.00', false],
      ['perfume', '0.00', true], // excluded from relief, but no chapter-33 rate in this table: 0 % unknown
    ]);
  });

  it('the seeded EU records carry the Art. 24 exclusions; AU, SG, CA and KR alcohol and tobacco; the others none', () => {
    // AU: "If goods are alcohol or tobacco products imported into Australia, other taxes and duties will apply at the
    // border" (ATO); SG: liquor and tobacco are dutiable at any value (Singapore Customs); CA: "Some exceptions apply
    // … alcohol, cannabis products, cigars, cigarettes, tobacco" (CBSA); KR: alcohol and tobacco never exempt
    // (secondary). Perfume is not excluded there.
    const alcoholAndTobacco = ['AU', 'SG', 'CA', 'KR'];
    for (const record of SEEDED_DE_MINIMIS) {
      const eu = (EU_MEMBER_STATES as readonly string[]).includes(record.destination);
      const excise = eu || alcoholAndTobacco.includes(record.destination);
      expect(isExcludedFromDutyRelief('220600', record)).toBe(excise);
      expect(isExcludedFromDutyRelief('330300', record)).toBe(eu);
      expect(isExcludedFromDutyRelief('240220', record)).toBe(excise);
    }
  });
});
