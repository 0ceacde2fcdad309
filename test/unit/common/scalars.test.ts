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
});
