import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { daysInMonth, digitsAt } from './calendar-digits.ts';
import { parseCountryCode } from './country.ts';
import { parseCurrencyCode } from './currency.ts';
import { DomainError, ErrorCode, echoed } from './errors.ts';
import { canonicalizeLocale } from './locale.ts';

/**
 * Custom scalars shared by every subgraph. Each validates its input when parsed, so a bad value is
 * rejected before any resolver runs, with `extensions.code` BAD_USER_INPUT and a message naming it.
 * Literals may be written bare (`price(country: DE)`) or quoted (`price(country: "DE")`).
 */

function badInput(message: string, value: unknown): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, value: echoed(value) } });
}

function literalText(ast: ValueNode, typeName: string): string {
  if (ast.kind === Kind.STRING || ast.kind === Kind.ENUM) return ast.value;
  throw badInput(`${typeName} must be written as a string or bare word, got a ${ast.kind} literal`, null);
}

/** Runs one of the contract's parsers, turning its DomainError into the GraphQLError a scalar must throw. */
function asScalarParser(parse: (value: unknown) => string): (value: unknown) => string {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof DomainError) {
        throw new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
      }
      throw error;
    }
  };
}

/** Parses an exact decimal number written as a string ("12.30", "-0.5"). Never a binary float. */
export function parseDecimalString(value: unknown): string {
  if (typeof value !== 'string' || !/^-?\d{1,30}(\.\d{1,18})?$/.test(value)) {
    throw badInput(`Invalid decimal ${JSON.stringify(echoed(value))}: expected a string such as "12.30"`, value);
  }
  return value;
}

/** Whether `text` is `yyyy-mm-dd` naming a real day of the proleptic Gregorian calendar (year 0000–9999). */
function isCalendarDate(text: string): boolean {
  // Read by character codes rather than a regular expression and a Date round trip: every Date a subgraph
  // answers is checked here on its way out (a 20-product listing serializes 40), so it is on the hot path.
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Parses an ISO 8601 calendar date (`2026-12-02`). */
export function parseIsoDate(value: unknown): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  throw badInput(`Invalid date ${JSON.stringify(echoed(value))}: expected an ISO 8601 date such as "2026-12-02"`, value);
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

// Accepted spelling → its upper-case code. Only spellings that passed `parseCountryCode` are kept, and a
// spelling is two letters in some case of an ISO code, so at most four per code (~1 000 in all): a bounded memo
// of a pure function of the ISO list shipped with the process. Every `shipTo: DE` of a listing's products is
// coerced once per product, and `parseCountryCode` checks the whole ISO list each time.
const acceptedCountryCodes = new Map<string, string>();

function parseCountryCodeOnce(value: unknown): string {
  if (typeof value === 'string') {
    const known = acceptedCountryCodes.get(value);
    if (known !== undefined) return known;
  }
  const code = parseCountryCode(value);
  acceptedCountryCodes.set(value as string, code);
  return code;
}

export const CountryCodeScalar = stringScalar(
  'CountryCode',
  'ISO 3166-1 alpha-2 country code, e.g. `DE`; either case is accepted, answers are upper case.',
  asScalarParser(parseCountryCodeOnce),
);
export const CurrencyCodeScalar = stringScalar(
  'CurrencyCode',
  'ISO 4217 code of a currency a shopper can pay in, e.g. `EUR`; either case is accepted, answers are upper case.',
  asScalarParser(parseCurrencyCode),
);
export const LocaleScalar = stringScalar(
  'Locale',
  'BCP 47 language tag, e.g. `de-DE` (`en_US` is read as `en-US`); answered in canonical spelling.',
  asScalarParser(canonicalizeLocale),
);
export const DecimalScalar = stringScalar('Decimal', 'Exact decimal number as a string, e.g. `"19.99"`.', parseDecimalString);
export const DateScalar = stringScalar('Date', 'ISO 8601 calendar date, e.g. `2026-12-02`.', parseIsoDate);

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw badInput(`Invalid date-time ${JSON.stringify(echoed(value))}: expected ISO 8601 such as "2026-11-25T14:00:00Z"`, value);
  }
  return date;
}

export const DateTimeScalar: GraphQLScalarType<Date, string> = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO 8601 instant in UTC, e.g. `2026-11-25T14:00:00.000Z`.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError(`Cannot serialize ${echoed(value)} as DateTime`);
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
