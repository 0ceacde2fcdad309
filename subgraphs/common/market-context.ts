import type { IncomingMessage } from 'node:http';
import { tryParseCountryCode } from './contract/country.ts';
import { ACCEPT_LANGUAGE_HEADER, SHIP_TO_HEADER } from './contract/headers.ts';


/**
 * The shopper's market as the request headers describe it. Field arguments always win; these are only
 * defaults. Header values are hints, so a malformed one is ignored rather than failing the request.
 */
export interface MarketContext {
  /** ISO 3166-1 alpha-2 country from `x-ship-to-country`, if present and valid. */
  shipTo: string | undefined;
  /** Raw `Accept-Language` header, negotiated by the localization rules where a locale is needed. */
  acceptLanguage: string | undefined;
}

/** Reads the market context from an incoming request's headers. */
export function readMarketContext(req: Pick<IncomingMessage, 'headers'>): MarketContext {
  const rawShipTo = req.headers[SHIP_TO_HEADER];
  const shipTo = typeof rawShipTo === 'string' ? (tryParseCountryCode(rawShipTo.trim()) ?? undefined) : undefined;
  const acceptLanguage = req.headers[ACCEPT_LANGUAGE_HEADER];
  return { shipTo, acceptLanguage: typeof acceptLanguage === 'string' ? acceptLanguage : undefined };
}
