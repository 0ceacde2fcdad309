/**
 * Request headers the graph reads. The gateway forwards each of them to every subgraph, so a subgraph can
 * default an omitted field argument from the shopper's market.
 */

/** The shopper's ship-to country (ISO 3166-1 alpha-2), used where a field omits `country`/`shipTo`. */
export const SHIP_TO_HEADER = 'x-ship-to-country';

/** The shopper's language preferences, used where a field omits `locale`. */
export const ACCEPT_LANGUAGE_HEADER = 'accept-language';

/** Headers the gateway forwards from the client's request to every subgraph fetch. */
export const FORWARDED_HEADERS: readonly string[] = [ACCEPT_LANGUAGE_HEADER, SHIP_TO_HEADER];
