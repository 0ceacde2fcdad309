import { describe, expect, it } from 'vitest';
import {
  DE_MINIMIS,
  DUTY_TABLE,
  ILLUSTRATIVE_FX_RATES,
  loadEcbSample,
  MARKETS,
  seedFxRates,
  TAX_TABLE,
} from '../../../scripts/seed/pricing-reference.ts';
import { convert } from '../../../subgraphs/pricing/domain/fx.ts';
import { quoteConsignment } from '../../../subgraphs/pricing/domain/landed-cost.ts';
import { currencyExponent, formatMoney } from '../../../subgraphs/pricing/domain/money.ts';
import { presentAmount } from '../../../subgraphs/pricing/domain/rounding.ts';
import { TaxCategory } from '../../../subgraphs/pricing/domain/tax.ts';
import { dec, eur } from './helpers.ts';

const countries = MARKETS.map((market) => market.country);

describe('reference markets', () => {
  it('covers the markets we launch with, once each', () => {
    expect([...countries].sort()).toEqual(['CH', 'DE', 'GB', 'JP', 'KW', 'NL', 'US']);
  });

  it('uses real currencies, locales and presentment rules that fit the currency', () => {
    // ISO 4217 exponents, and 12.3456 as each market presents it: cents, Dutch charm prices ending .99,
    // whole yen, Swiss 5-centime steps, Kuwaiti fils (three decimals).
    const expected: Record<string, [currency: string, exponent: number, presented: string]> = {
      DE: ['EUR', 2, '12.35'],
      NL: ['EUR', 2, '12.99'],
      GB: ['GBP', 2, '12.35'],
      US: ['USD', 2, '12.35'],
      JP: ['JPY', 0, '12'],
      CH: ['CHF', 2, '12.35'],
      KW: ['KWD', 3, '12.346'],
    };
    for (const market of MARKETS) {
      const presented = presentAmount('12.3456', market.currency, market.presentment, 'HALF_UP');
      expect([market.currency, currencyExponent(market.currency), dec(presented)], market.country).toEqual(expected[market.country]);
      expect(Intl.NumberFormat.supportedLocalesOf([market.locale])).toEqual([market.locale]);
      expect(Number.isSafeInteger(market.fxMarginBps) && market.fxMarginBps >= 0).toBe(true);
    }
  });

  it('encodes each market’s rules as specified', () => {
    const by = Object.fromEntries(MARKETS.map((market) => [market.country, market]));
    expect(by.US).toMatchObject({ currency: 'USD', taxDisplay: 'exclusive', incoterm: 'DAP' });
    expect(by.CH?.presentment).toEqual({ kind: 'increment', increment: '0.05' });
    expect(by.JP).toMatchObject({ currency: 'JPY', taxDisplay: 'inclusive', incoterm: 'DDP' });
    expect(by.KW?.currency).toBe('KWD');
  });
});

describe('reference tax rates', () => {
  it('has exactly one rate per market and category', () => {
    for (const country of countries) {
      for (const category of Object.values(TaxCategory)) {
        const found = TAX_TABLE.rates.filter((rate) => rate.country === country && rate.category === category);
        expect(found, `${country} ${category}`).toHaveLength(1);
      }
    }
  });

  it('holds the headline rates', () => {
    const standard = (country: string) =>
      TAX_TABLE.rates.find((rate) => rate.country === country && rate.category === 'standard')?.ratePercent;
    expect(['DE', 'NL', 'GB', 'JP', 'CH', 'US', 'KW'].map(standard)).toEqual(['19', '21', '20', '10', '8.1', '0', '0']);
    expect(TAX_TABLE.note).toMatch(/^Illustrative/);
  });
});

describe('reference duty rates', () => {
  it('are dated, labelled illustrative, and use valid unique HS prefixes for our markets', () => {
    expect(DUTY_TABLE.asOf).toBeInstanceOf(Date);
    expect(DUTY_TABLE.note).toMatch(/^Illustrative/);
    const keys = new Set<string>();
    for (const rate of DUTY_TABLE.rates) {
      expect(countries).toContain(rate.destination);
      expect(rate.hsPrefix).toMatch(/^(\d{2}|\d{4}|\d{6})$/);
      expect(rate.ratePercent).toMatch(/^\d+(\.\d+)?$/);
      expect(Number(rate.ratePercent)).toBeLessThanOrEqual(100);
      const key = `${rate.destination}:${rate.hsPrefix}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
    }
  });

  it('applies one EU tariff to Germany and the Netherlands', () => {
    const of = (country: string) => DUTY_TABLE.rates.filter((rate) => rate.destination === country).map(({ hsPrefix, ratePercent }) => [hsPrefix, ratePercent]);
    expect(of('NL')).toEqual(of('DE'));
  });
});

describe('reference de minimis', () => {
  it('has one dated, sourced record per market, in the market currency', () => {
    for (const market of MARKETS) {
      const records = DE_MINIMIS.filter((record) => record.destination === market.country);
      expect(records, market.country).toHaveLength(1);
      const [record] = records;
      for (const threshold of [record?.dutyThreshold, record?.taxThreshold]) {
        if (threshold) expect(threshold.currency).toBe(market.currency);
      }
      expect(record?.asOf).toBeInstanceOf(Date);
      expect(record?.source).toBeTruthy();
    }
  });

  it('reflects the EU rule (duty from above €150, import VAT always) and the suspended US de minimis', () => {
    const de = DE_MINIMIS.find((record) => record.destination === 'DE');
    expect(de?.dutyThreshold && dec(de.dutyThreshold)).toBe('150.00');
    expect(de?.taxThreshold).toBeNull();
    expect(DE_MINIMIS.find((record) => record.destination === 'US')?.dutyThreshold).toBeNull();
  });
});

describe('reference FX rates', () => {
  const nextMorning = new Date('2026-11-25T08:00:00Z');

  it('seeds the ECB sample plus KWD from a named non-ECB source', () => {
    const ecb = loadEcbSample();
    const seeded = seedFxRates();
    expect(seeded).toHaveLength(ecb.rates.length + ILLUSTRATIVE_FX_RATES.length);
    expect(seeded.find((rate) => rate.quote === 'KWD')?.source).toBe('illustrative');
  });

  it('can price every market from a euro base price without a stale rate', () => {
    const rates = seedFxRates();
    for (const market of MARKETS) {
      const result = convert(eur('100.00'), market.currency, rates, { now: nextMorning, maxAgeHours: 72, rounding: 'HALF_UP' });
      expect(result.stale, market.country).toBe(false);
      expect(result.money.currency).toBe(market.currency);
    }
  });
});

describe('reference data end to end', () => {
  it('quotes a Japanese shopper a ¥13,200 sweater at ¥14,520 duty paid, formatted for Japan', () => {
    const jp = MARKETS.find((market) => market.country === 'JP');
    if (!jp) throw new Error('JP market missing');
    const result = quoteConsignment({
      lines: [{ productId: 'sweater', unitPrice: { minor: 13200n, currency: 'JPY' }, quantity: 1, hsCode: '611020', taxCategory: 'standard' }],
      market: jp,
      taxRates: TAX_TABLE.rates,
      dutyRates: DUTY_TABLE.rates,
      deMinimis: DE_MINIMIS,
    });
    // net ¥12,000 > ¥10,000: 10 % duty (¥1,200) plus 10 % consumption tax on it (¥120)
    expect(formatMoney(result.total, jp.locale)).toBe('￥14,520');
  });
});
