import { badUserInput, echoed } from '../../common/contract/errors.ts';
import { type Destination, type DestinationInput, validateDestination } from '../../common/address/destination.ts';
import { parseProductId } from '../../common/ids.ts';
import type { PersonalDataSeal } from './personal-data-seal.ts';

/** Most distinct products one quote may hold. */
export const MAX_QUOTE_LINES = 100;
/** Most units of one product in one quote: more is a typo or abuse, not a shopper's cart. */
export const MAX_QUANTITY = 999;

/** A validated quote request. */
export interface QuoteRequest {
  shipToCountry: string;
  lines: { productId: string; quantity: number }[];
  /** The chosen delivery service level; null: the recommended option. */
  requestedDeliveryLevel: ServiceLevel | null;
  /** The presentment currency asked for; null: the market's own. */
  requestedCurrency: string | null;
  /** The recipient's Korean Personal Customs Clearance Code (KR only); null: not given. Personal data. */
  personalCustomsCode: string | null;
  /** The destination below the country (region, postal code, city) and how precise it is. */
  destination: Destination;
}

/** Delivery service levels a quote may ask for (fulfillment's `ServiceLevel`). */
export const SERVICE_LEVELS = ['STANDARD', 'EXPRESS'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/** What a quote asks for besides its lines. */
export interface QuoteOptions {
  deliveryOption?: ServiceLevel | null;
  currency?: string | null;
  personalCustomsCode?: string | null;
  /** Region, postal code and city of the destination, each optional. */
  address?: Omit<DestinationInput, 'country'> | null;
}

/**
 * Korea's Personal Customs Clearance Code (개인통관고유부호): "P" and 12 digits, issued by the Korea Customs Service
 * (unipass.customs.go.kr). Spaces and dashes a shopper may type are dropped; a lower-case "p" is accepted.
 */
const PERSONAL_CUSTOMS_CODE = /^P\d{12}$/;

/** The recipient's PCCC normalised, or BAD_USER_INPUT saying what is wrong; only a KR destination takes one. */
export function normalisePersonalCustomsCode(code: string | null | undefined, shipToCountry: string): string | null {
  if (code === null || code === undefined || code.trim() === '') return null;
  if (shipToCountry !== 'KR') {
    throw badUserInput(`personalCustomsCode is only used for deliveries to KR (Korea), not ${shipToCountry}: leave it out`, {
      field: 'personalCustomsCode',
      country: shipToCountry,
    });
  }
  const normalised = code.replace(/[\s-]/g, '').toUpperCase();
  if (!PERSONAL_CUSTOMS_CODE.test(normalised)) {
    throw badUserInput(
      'personalCustomsCode must be the recipient\'s Personal Customs Clearance Code: "P" followed by 12 digits, e.g. P123456789012 (issued at unipass.customs.go.kr)',
      { field: 'personalCustomsCode' },
    );
  }
  return normalised;
}

/**
 * Validates and normalises quote lines: ids well formed, quantities 1..999, repeated products merged (order of
 * first appearance kept), at most 100 distinct products. Throws BAD_USER_INPUT naming the bad line.
 */
export function normaliseQuoteRequest(
  lines: readonly { productId: string; quantity: number }[],
  shipToCountry: string,
  options: QuoteOptions = {},
): QuoteRequest {
  if (lines.length === 0) throw badUserInput('A quote needs at least one line');
  const merged = new Map<string, number>();
  lines.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw badUserInput(`Invalid quantity ${line.quantity} on line ${index + 1}: must be a whole number from 1 to ${MAX_QUANTITY}`, {
        line: index + 1,
        quantity: line.quantity,
      });
    }
    const productId = parseProductId(line.productId);
    const quantity = (merged.get(productId) ?? 0) + line.quantity;
    if (quantity > MAX_QUANTITY) {
      throw badUserInput(`Too many units of product ${productId}: ${quantity} exceeds ${MAX_QUANTITY}`, { productId, quantity });
    }
    merged.set(productId, quantity);
  });
  if (merged.size > MAX_QUOTE_LINES) {
    throw badUserInput(`Too many products in one quote: ${merged.size} exceeds ${MAX_QUOTE_LINES}`);
  }
  return {
    shipToCountry,
    lines: [...merged].map(([productId, quantity]) => ({ productId, quantity })),
    requestedDeliveryLevel: options.deliveryOption ?? null,
    requestedCurrency: options.currency ?? null,
    personalCustomsCode: normalisePersonalCustomsCode(options.personalCustomsCode, shipToCountry),
    destination: validateDestination({ ...options.address, country: shipToCountry }),
  };
}

/**
 * The quote's deterministic id: destination, lines, then the chosen options when there are any, e.g.
 * `DE:64f…a1x2,64f…b3x1` or `CH:64f…a1x1;currency=EUR;delivery=EXPRESS`. For KR the recipient's customs code comes
 * next, sealed (`;pcc=<token>`): the entity is rebuilt from its id alone, so the code must travel in it, but an id
 * lands in logs, caches and stored confirmations, which must not hold personal data in clear. Then the address below
 * the country when one was given (`;region=ES-GC;postal=35001;city=Las%20Palmas`): a country-only quote's id is
 * unchanged. A postal code and a city name no one person, so they travel in clear.
 */
export function quoteIdOf(request: QuoteRequest, seal: PersonalDataSeal): string {
  const lines = request.lines.map((line) => `${line.productId}x${line.quantity}`).join(',');
  const currency = request.requestedCurrency ? `;currency=${request.requestedCurrency}` : '';
  const delivery = request.requestedDeliveryLevel ? `;delivery=${request.requestedDeliveryLevel}` : '';
  const pcc = request.personalCustomsCode ? `;pcc=${seal.seal(request.personalCustomsCode)}` : '';
  return `${request.shipToCountry}:${lines}${currency}${delivery}${pcc}${addressIdPart(request.destination)}`;
}

function addressIdPart({ region, postalCode, city }: Destination): string {
  const regionPart = region ? `;region=${region}` : '';
  const postalPart = postalCode ? `;postal=${encodeURIComponent(postalCode)}` : '';
  const cityPart = city ? `;city=${encodeURIComponent(city)}` : '';
  return `${regionPart}${postalPart}${cityPart}`;
}

function decoded(part: string | undefined): string | null {
  if (part === undefined) return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Parses an id made by {@link quoteIdOf} under the same seal; anything else is BAD_USER_INPUT. */
export function parseQuoteId(id: string, seal: PersonalDataSeal): QuoteRequest {
  const match =
    /^([A-Z]{2}):([^;]+)(?:;currency=([A-Z]{3}))?(?:;delivery=([A-Z]+))?(?:;pcc=([A-Za-z0-9_-]{20,200}))?(?:;region=([A-Z0-9-]+))?(?:;postal=([^;]+))?(?:;city=([^;]+))?$/.exec(
      id,
    );
  const level = match?.[4];
  const personalCustomsCode = match?.[5] === undefined ? null : seal.open(match[5]);
  if (
    match &&
    (level === undefined || (SERVICE_LEVELS as readonly string[]).includes(level)) &&
    (match[5] === undefined || personalCustomsCode)
  ) {
    const lines = match[2]!.split(',').map((part) => {
      const [productId, quantity] = part.split('x');
      return { productId: productId ?? '', quantity: Number(quantity) };
    });
    return normaliseQuoteRequest(lines, match[1]!, {
      currency: match[3] ?? null,
      deliveryOption: (level as ServiceLevel | undefined) ?? null,
      personalCustomsCode,
      address: { region: match[6] ?? null, postalCode: decoded(match[7]), city: decoded(match[8]) },
    });
  }
  throw badUserInput(`Malformed quote id "${echoed(id)}"`, { id: echoed(id) });
}
