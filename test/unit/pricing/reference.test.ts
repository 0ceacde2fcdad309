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

const EU_27 = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];

describe('reference markets', () => {
  it('covers the 27 EU member states and GB, CH, NO, US, CA, AU, JP, KR, SG, AE, KW, once each', () => {
    expect([...countries].sort()).toEqual([...EU_27, 'GB', 'CH', 'NO', 'US', 'CA', 'AU', 'JP', 'KR', 'SG', 'AE', 'KW'].sort());
  });

  it('uses real currencies, locales and presentment rules that fit the currency', () => {
    // ISO 4217 exponents, and 12.3456 as each market presents it: cents, Dutch charm prices ending .99,
    // whole yen, crowns, forints and kroner, Swiss 5-centime steps, Korean 10-won steps, Kuwaiti fils.
    const expected: Record<string, [currency: string, exponent: number, presented: string]> = {
      DE: ['EUR', 2, '12.35'],
      NL: ['EUR', 2, '12.99'],
      BG: ['EUR', 2, '12.35'],
      CZ: ['CZK', 2, '12.00'],
      HU: ['HUF', 2, '12.00'],
      PL: ['PLN', 2, '12.35'],
      SE: ['SEK', 2, '12.35'],
      GB: ['GBP', 2, '12.35'],
      NO: ['NOK', 2, '12.00'],
      US: ['USD', 2, '12.35'],
      CA: ['CAD', 2, '12.35'],
      AU: ['AUD', 2, '12.35'],
      JP: ['JPY', 0, '12'],
      KR: ['KRW', 0, '10'],
      CH: ['CHF', 2, '12.35'],
      SG: ['SGD', 2, '12.35'],
      AE: ['AED', 2, '12.35'],
      KW: ['KWD', 3, '12.346'],
    };
    for (const market of MARKETS) {
      const presented = presentAmount('12.3456', market.currency, market.presentment, 'HALF_UP');
      if (expected[market.country]) {
        expect([market.currency, currencyExponent(market.currency), dec(presented)], market.country).toEqual(expected[market.country]);
      }
      expect(Intl.NumberFormat.supportedLocalesOf([market.locale]), market.country).toEqual([market.locale]);
      expect(Number.isSafeInteger(market.fxMarginBps) && market.fxMarginBps >= 0).toBe(true);
      expect(market.source, market.country).toBeTruthy();
      expect(market.asOf, market.country).toBeInstanceOf(Date);
    }
  });

  it('encodes each market’s rules as specified', () => {
    const by = Object.fromEntries(MARKETS.map((market) => [market.country, market]));
    expect(by.US).toMatchObject({ currency: 'USD', taxDisplay: 'exclusive', incoterm: 'DAP', customsValuation: 'FOB' });
    expect(by.CA).toMatchObject({ currency: 'CAD', taxDisplay: 'exclusive', incoterm: 'DAP', customsValuation: 'FOB' });
    expect(by.AU).toMatchObject({ currency: 'AUD', taxDisplay: 'inclusive', incoterm: 'DDP', customsValuation: 'FOB' });
    expect(by.CH?.presentment).toEqual({ kind: 'increment', increment: '0.05' });
    expect(by.CH?.additionalCurrencies).toEqual(['EUR']);
    expect(by.JP).toMatchObject({ currency: 'JPY', taxDisplay: 'inclusive', incoterm: 'DDP' });
    expect(by.KW?.currency).toBe('KWD');
    // Bulgaria uses the euro since 2026-01-01; the six other non-euro member states keep their currencies.
    expect(EU_27.filter((country) => by[country]?.currency !== 'EUR').map((country) => `${country}:${by[country]?.currency}`)).toEqual([
      'CZ:CZK',
      'DK:DKK',
      'HU:HUF',
      'PL:PLN',
      'RO:RON',
      'SE:SEK',
    ]);
    for (const country of EU_27)
      expect(by[country], country).toMatchObject({ taxDisplay: 'inclusive', incoterm: 'DDP', customsValuation: 'CIF' });
    for (const country of ['CH', 'US', 'CA', 'KR', 'AE']) expect(by[country]?.incoterm, country).toBe('DAP');
  });
});

describe('reference tax rates', () => {
  it('has exactly one rate per market and category, each with its own source and date', () => {
    for (const country of countries) {
      for (const category of Object.values(TaxCategory)) {
        const found = TAX_TABLE.rates.filter((rate) => rate.country === country && rate.category === category);
        expect(found, `${country} ${category}`).toHaveLength(1);
        expect(found[0]!.source, `${country} ${category}`).toBeTruthy();
        expect(found[0]!.asOf, `${country} ${category}`).toBeInstanceOf(Date);
      }
    }
  });

  it('holds the headline rates, with the 2024–2026 changes', () => {
    const rate = (country: string, category: string) =>
      TAX_TABLE.rates.find((row) => row.country === country && row.category === category)?.ratePercent;
    const standard = (country: string) => rate(country, 'standard');
    expect(['DE', 'NL', 'GB', 'JP', 'CH', 'US', 'KW'].map(standard)).toEqual(['19', '21', '20', '10', '8.1', '0', '0']);
    expect(['EE', 'RO', 'SK', 'FI', 'HU', 'LU', 'NO', 'CA', 'AU', 'KR', 'SG', 'AE'].map(standard)).toEqual([
      '24',
      '21',
      '23',
      '25.5',
      '27',
      '17',
      '25',
      '5',
      '10',
      '10',
      '9',
      '5',
    ]);
    // The food we sell (coffee beans, tea): zero-rated in GB, IE, CA and AU; FI 13.5 % since 2026; SE 6 % (temporary cut).
    expect(['GB', 'IE', 'CA', 'AU', 'FI', 'SE', 'RO', 'CH', 'NO', 'JP'].map((country) => rate(country, 'reduced'))).toEqual([
      '0',
      '0',
      '0',
      '0',
      '13.5',
      '6',
      '11',
      '2.6',
      '15',
      '8',
    ]);
    // Unverified food rates say so in their source.
    expect(TAX_TABLE.rates.find((row) => row.country === 'IT' && row.category === 'reduced')?.source).toMatch(/^illustrative/);
  });
});

describe('reference duty rates', () => {
  it('are dated and sourced per row, and use valid unique HS prefixes for our markets', () => {
    const keys = new Set<string>();
    for (const rate of DUTY_TABLE.rates) {
      expect(countries).toContain(rate.destination);
      expect(rate.hsPrefix).toMatch(/^(\d{2}|\d{4}|\d{6})$/);
      expect(rate.ratePercent).toMatch(/^\d+(\.\d+)?$/);
      // Up to 1000 %: duty rates may exceed 100 % (Korea's green tea, 513.6 %).
      expect(Number(rate.ratePercent)).toBeLessThanOrEqual(1000);
      expect(rate.asOf).toBeInstanceOf(Date);
      expect(rate.source).toMatch(/illustrative/);
      const key = `${rate.destination}:${rate.hsPrefix}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
    }
  });

  it('applies one EU tariff to all 27 member states', () => {
    const of = (country: string) =>
      DUTY_TABLE.rates.filter((rate) => rate.destination === country).map(({ hsPrefix, ratePercent }) => [hsPrefix, ratePercent]);
    for (const country of EU_27) expect(of(country), country).toEqual(of('DE'));
  });

  it('has a rate for every chapter the catalog uses, in every market but Kuwait’s alcohol ban', () => {
    for (const country of countries) {
      const chapters = new Set(DUTY_TABLE.rates.filter((rate) => rate.destination === country).map((rate) => rate.hsPrefix.slice(0, 2)));
      const expected = ['09', '33', '61', '62', '64', '73', '82', '85', ...(country === 'KW' ? [] : ['22'])];
      for (const chapter of expected) expect(chapters.has(chapter), `${country} ${chapter}`).toBe(true);
    }
  });
});

describe('reference de minimis', () => {
  it('has one dated, sourced record per market, in the market currency or the currency the law states', () => {
    // Korea's law states USD 150 (Customs Act Enforcement Rule Art. 45(2)(4), as summarised): converted when priced.
    const lawCurrency: Record<string, string> = { KR: 'USD' };
    for (const market of MARKETS) {
      const records = DE_MINIMIS.filter((record) => record.destination === market.country);
      expect(records, market.country).toHaveLength(1);
      const [record] = records;
      for (const threshold of [record?.dutyThreshold, record?.taxThreshold]) {
        if (threshold) expect(threshold.currency).toBe(lawCurrency[market.country] ?? market.currency);
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

  it('seeds the ECB sample plus KWD and AED from named non-ECB sources', () => {
    const ecb = loadEcbSample();
    const seeded = seedFxRates();
    expect(seeded).toHaveLength(ecb.rates.length + ILLUSTRATIVE_FX_RATES.length);
    expect(seeded.find((rate) => rate.quote === 'KWD')?.source).toBe('illustrative');
    // EUR/AED = EUR/USD 1.1523 × 3.6725 AED per USD (the CBUAE peg) = 4.23182… → 4.2318.
    const aed = seeded.find((rate) => rate.quote === 'AED');
    expect(aed).toMatchObject({ rate: '4.2318', asOf: ecb.asOf });
    expect(aed?.source).toMatch(/CBUAE peg 3\.6725.*illustrative/);
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
      lines: [
        { productId: 'sweater', unitPrice: { minor: 13200n, currency: 'JPY' }, quantity: 1, hsCode: '611020', taxCategory: 'standard' },
      ],
      market: jp,
      taxRates: TAX_TABLE.rates,
      dutyRates: DUTY_TABLE.rates,
      deMinimis: DE_MINIMIS,
      now: new Date('2026-11-25T10:00:00Z'),
    });
    // net ¥12,000 > ¥10,000: 10 % duty (¥1,200) plus 10 % consumption tax on it (¥120)
    expect(formatMoney(result.total, jp.locale)).toBe('￥14,520');
  });
});
