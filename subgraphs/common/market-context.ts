import type { IncomingMessage } from 'node:http';
import { parseCountryCode, tryParseCountryCode } from './contract/country.ts';
import { badUserInput } from './contract/errors.ts';
import { ACCEPT_LANGUAGE_HEADER, SHIP_TO_HEADER } from './contract/headers.ts';

/**
 * The shopper's market as the request headers describe it. Field arguments always win; these are only
 * defaults. Header values are hints, so a malformed one is ignored rather than failing the request.
 */
export interface MarketContext {
  /** ISO 3166-1 alpha-2 country from `x-ship-to-country`, if present and valid. */
  shipTo: string | undefined;
  /** The `x-ship-to-country` value when it is present but not a country: an error where it is used. */
  invalidShipTo?: string;
  /** Raw `Accept-Language` header, negotiated by the localization rules where a locale is needed. */
  acceptLanguage: string | undefined;
}

/** Reads the market context from an incoming request's headers. */
export function readMarketContext(req: Pick<IncomingMessage, 'headers'>): MarketContext {
  const rawShipTo = req.headers[SHIP_TO_HEADER];
  const shipTo = typeof rawShipTo === 'string' ? (tryParseCountryCode(rawShipTo.trim()) ?? undefined) : undefined;
  const invalidShipTo = typeof rawShipTo === 'string' && rawShipTo.trim() !== '' && !shipTo ? rawShipTo : undefined;
  const acceptLanguage = req.headers[ACCEPT_LANGUAGE_HEADER];
  return { shipTo, invalidShipTo, acceptLanguage: typeof acceptLanguage === 'string' ? acceptLanguage : undefined };
}

/**
 * The ship-to country a field uses: its argument, else the `x-ship-to-country` header. A header that is not a
 * country is BAD_USER_INPUT naming its value (truncated) — only where it is used as the default; with neither,
 * BAD_USER_INPUT saying to pass `field` or send the header.
 */
export function shipToDefault(argument: string | null | undefined, market: MarketContext, field: string, where: string): string {
  if (argument) return argument;
  if (market.invalidShipTo !== undefined) parseCountryCode(market.invalidShipTo, SHIP_TO_HEADER);
  if (market.shipTo) return market.shipTo;
  throw badUserInput(`Pass "${field}" to ${where} or send the ${SHIP_TO_HEADER} header`, { field });
}
