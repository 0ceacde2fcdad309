import { describe, expect, it } from 'vitest';
import { GraphQLError, Kind } from 'graphql';
import {
  canonicalizeLocale as parseLocaleTag,
  CountryCodeScalar,
  parseCountryCode,
  parseCurrencyCode,
  parseDecimalString,
  parseIsoDate,
  DomainError,
} from '../../../subgraphs/common/contract/index.ts';

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions.code, message: error.message };
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    return error;
  }
  return 'no error';
}

describe('CountryCode', () => {
  it('accepts ISO 3166-1 alpha-2 codes in any case and answers upper case', () => {
    expect(parseCountryCode('de')).toBe('DE');
    expect(parseCountryCode('KW')).toBe('KW');
  });
  it('rejects a well-shaped code that is no country, naming it', () => {
    expect(codeOf(() => parseCountryCode('XX'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('"XX"'),
    });
  });
  it('rejects alpha-3 and non-strings', () => {
    expect(codeOf(() => parseCountryCode('DEU'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(codeOf(() => parseCountryCode(49))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
  it('reads a bare literal (`country: DE`) as well as a quoted one', () => {
    expect(CountryCodeScalar.parseLiteral({ kind: Kind.ENUM, value: 'JP' })).toBe('JP');
    expect(CountryCodeScalar.parseLiteral({ kind: Kind.STRING, value: 'ch' })).toBe('CH');
    expect(codeOf(() => CountryCodeScalar.parseLiteral({ kind: Kind.INT, value: '1' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
  it('answers every two-letter spelling the same way asked twice as parseCountryCode does once (the scalar remembers accepted ones)', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const outcome = (parse: () => unknown) => {
      try {
        return parse();
      } catch (error) {
        return codeOf(() => {
          throw error;
        });
      }
    };
    let accepted = 0;
    for (const first of letters) {
      for (const second of letters) {
        for (const spelling of [`${first}${second}`, `${first.toLowerCase()}${second}`]) {
          const expected = outcome(() => parseCountryCode(spelling));
          if (typeof expected === 'string') accepted++;
          for (let call = 0; call < 2; call++) {
            expect(
              outcome(() => CountryCodeScalar.parseValue(spelling)),
              spelling,
            ).toEqual(expected);
            expect(
              outcome(() => CountryCodeScalar.serialize(spelling)),
              spelling,
            ).toEqual(expected);
          }
        }
      }
    }
    expect(accepted).toBeGreaterThan(400);
    expect(outcome(() => CountryCodeScalar.parseValue(49))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('CurrencyCode, Locale, Decimal, Date', () => {
  it('knows ISO 4217 currencies', () => {
    expect(parseCurrencyCode('kwd')).toBe('KWD');
    expect(codeOf(() => parseCurrencyCode('EURO'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(codeOf(() => parseCurrencyCode('ABC'))).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('"ABC"') });
  });
  it('canonicalises BCP 47 tags and rejects malformed ones', () => {
    expect(parseLocaleTag('de-at')).toBe('de-AT');
    expect(parseLocaleTag('zh_hant_tw')).toBe('zh-Hant-TW');
    expect(codeOf(() => parseLocaleTag('not a locale'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
  it('keeps decimals as exact strings and refuses numbers', () => {
    expect(parseDecimalString('19.99')).toBe('19.99');
    expect(codeOf(() => parseDecimalString(19.99))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(codeOf(() => parseDecimalString('1e3'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
  it('accepts real calendar dates only', () => {
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    expect(codeOf(() => parseIsoDate('2026-02-29'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
  it('accepts exactly the dates a UTC Date round trip accepts (the check it replaced)', () => {
    const roundTrips = (text: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
      const date = new Date(`${text}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
    };
    const accepts = (text: string) => {
      try {
        return parseIsoDate(text) === text;
      } catch (error) {
        expect(
          codeOf(() => {
            throw error;
          }),
        ).toMatchObject({ code: 'BAD_USER_INPUT' });
        return false;
      }
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const samples: string[] = [
      '2026-1-01',
      ' 2026-01-01',
      '2026-01-01 ',
      '+02026-01-01',
      '2026-01-01T00:00:00Z',
      '2026/01/01',
      'abcd-ef-gh',
      '２０２６-01-01',
      '2026-0a-01',
      '',
    ];
    for (const year of [0, 1, 4, 100, 400, 1900, 1970, 2000, 2024, 2026, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) samples.push(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
      }
    }
    const disagreements = samples.filter((text) => accepts(text) !== roundTrips(text));
    expect(disagreements).toEqual([]);
    expect(samples.filter(accepts).length).toBeGreaterThan(4_000);
  });
});
