import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import isoCountries from 'i18n-iso-countries';
import currencyCodes from 'currency-codes';
import { ErrorCode } from './errors.ts';

/**
 * Custom scalars shared by every subgraph. Each validates its input when parsed, so a bad value is
 * rejected before any resolver runs, with `extensions.code` BAD_USER_INPUT and a message naming it.
 * Literals may be written bare (`price(country: DE)`) or quoted (`price(country: "DE")`).
 */

function badInput(message: string, value: unknown): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, value } });
}

function literalText(ast: ValueNode, typeName: string): string {
  if (ast.kind === Kind.STRING || ast.kind === Kind.ENUM) return ast.value;
  throw badInput(`${typeName} must be written as a string or bare word, got a ${ast.kind} literal`, null);
}

/** Parses an ISO 3166-1 alpha-2 country code, case-insensitively, to its upper-case form. */
export function parseCountryCode(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) {
    throw badInput(
      `Unknown country ${JSON.stringify(value)}: expected an ISO 3166-1 alpha-2 code such as "DE" or "JP"`,
      value,
    );
  }
  const code = value.toUpperCase();
  if (!isoCountries.isValid(code)) {
    throw badInput(`Unknown country "${code}": it is not an ISO 3166-1 alpha-2 country code`, code);
  }
  return code;
}

/** Parses an ISO 4217 alphabetic currency code to its upper-case form. */
export function parseCurrencyCode(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) {
    throw badInput(`Unknown currency ${JSON.stringify(value)}: expected an ISO 4217 code such as "EUR"`, value);
  }
  const code = value.toUpperCase();
  if (!currencyCodes.code(code)) {
    throw badInput(`Unknown currency "${code}": it is not an ISO 4217 currency code`, code);
  }
  return code;
}

/** Parses a BCP 47 language tag to its canonical form (`de-at` → `de-AT`). Availability is checked later. */
export function parseLocaleTag(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
    throw badInput(`Unknown locale ${JSON.stringify(value)}: expected a BCP 47 tag such as "de-DE"`, value);
  }
  try {
    const [canonical] = Intl.getCanonicalLocales(value.replaceAll('_', '-'));
    if (canonical) return canonical;
  } catch {
    // fall through to the error below
  }
  throw badInput(`Unknown locale "${value}": it is not a well-formed BCP 47 language tag`, value);
}

/** Parses an exact decimal number written as a string ("12.30", "-0.5"). Never a binary float. */
export function parseDecimalString(value: unknown): string {
  if (typeof value !== 'string' || !/^-?\d{1,30}(\.\d{1,18})?$/.test(value)) {
    throw badInput(`Invalid decimal ${JSON.stringify(value)}: expected a string such as "12.30"`, value);
  }
  return value;
}

/** Parses an ISO 8601 calendar date (`2026-12-02`). */
export function parseIsoDate(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)) return value;
  }
  throw badInput(`Invalid date ${JSON.stringify(value)}: expected an ISO 8601 date such as "2026-12-02"`, value);
}

function stringScalar(name: string, description: string, parse: (value: unknown) => string): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => parse(value),
    parseValue: (value) => parse(value),
    parseLiteral: (ast) => parse(literalText(ast, name)),
  });
}

export const CountryCodeScalar = stringScalar(
  'CountryCode',
  'ISO 3166-1 alpha-2 country code, e.g. `DE`.',
  parseCountryCode,
);
export const CurrencyCodeScalar = stringScalar('CurrencyCode', 'ISO 4217 currency code, e.g. `EUR`.', parseCurrencyCode);
export const LocaleScalar = stringScalar('Locale', 'BCP 47 language tag, e.g. `de-DE`.', parseLocaleTag);
export const DecimalScalar = stringScalar('Decimal', 'Exact decimal number as a string, e.g. `"19.99"`.', parseDecimalString);
export const DateScalar = stringScalar('Date', 'ISO 8601 calendar date, e.g. `2026-12-02`.', parseIsoDate);

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw badInput(`Invalid date-time ${JSON.stringify(value)}: expected ISO 8601 such as "2026-11-25T14:00:00Z"`, value);
  }
  return date;
}

export const DateTimeScalar: GraphQLScalarType<Date, string> = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO 8601 instant in UTC, e.g. `2026-11-25T14:00:00.000Z`.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError(`Cannot serialize ${String(value)} as DateTime`);
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast): Date {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be written as a string', null);
    return parseDateTime(ast.value);
  },
});

/** All scalars by name, for the resolver maps of subgraphs whose SDL declares them. */
export const scalarResolvers = {
  CountryCode: CountryCodeScalar,
  CurrencyCode: CurrencyCodeScalar,
  Locale: LocaleScalar,
  Decimal: DecimalScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
} as const;
