import type { IncomingMessage } from 'node:http';
import { parseCountryCode } from './scalars.ts';

/** Header the gateway forwards with the shopper's ship-to country, used where a field omits `country`. */
export const SHIP_TO_HEADER = 'x-ship-to-country';

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
  let shipTo: string | undefined;
  if (typeof rawShipTo === 'string') {
    try {
      shipTo = parseCountryCode(rawShipTo.trim());
    } catch {
      shipTo = undefined;
    }
  }
  const acceptLanguage = req.headers['accept-language'];
  return { shipTo, acceptLanguage: typeof acceptLanguage === 'string' ? acceptLanguage : undefined };
}
