import type { QuoteRepresentation } from '../mappers.ts';

/**
 * The request-memo key of a quote's pricing: every field of the representation the pricing reads — destination
 * (country, region, postal code),
 * requested currency, lines, shipments, free-shipping threshold — spelled out whole, absent and null told apart (a
 * missing `@requires` field is an error, a null threshold a real answer). Not the id: two quotes with the same
 * inputs price the same.
 */
export function spellQuoteKey(quote: QuoteRepresentation): string {
  // The address only where one was given, so a country-level quote's key is what it always was.
  const address = quote.shipToRegion || quote.shipToPostalCode ? `@${spell(quote.shipToRegion)}/${spell(quote.shipToPostalCode)}` : '';
  return `${spell(quote.shipToCountry)}${address}|${spell(quote.requestedCurrency)}|${spell(quote.lines)}|${spell(quote.shipments)}|${spell(quote.freeShippingThreshold)}`;
}

/** JSON, with `undefined` written as such wherever it appears (JSON drops it from objects and nulls it in arrays). */
function spell(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value);
  if (Array.isArray(value)) return `[${value.map(spell).join(',')}]`;
  return `{${Object.entries(value)
    .map(([key, field]) => `${JSON.stringify(key)}:${spell(field)}`)
    .join(',')}}`;
}
