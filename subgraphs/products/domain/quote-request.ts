import { badUserInput, echoed } from '../../common/contract/errors.ts';
import { parseProductId } from '../../common/ids.ts';

/** Most distinct products one quote may hold. */
export const MAX_QUOTE_LINES = 100;
/** Most units of one product in one quote: more is a typo or abuse, not a shopper's cart. */
export const MAX_QUANTITY = 999;

/** A validated quote request. */
export interface QuoteRequest {
  shipToCountry: string;
  lines: { productId: string; quantity: number }[];
}

/**
 * Validates and normalises quote lines: ids well formed, quantities 1..999, repeated products merged (order of
 * first appearance kept), at most 100 distinct products. Throws BAD_USER_INPUT naming the bad line.
 */
export function normaliseQuoteRequest(
  lines: readonly { productId: string; quantity: number }[],
  shipToCountry: string,
): QuoteRequest {
  if (lines.length === 0) throw badUserInput('A quote needs at least one line');
  const merged = new Map<string, number>();
  lines.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw badUserInput(
        `Invalid quantity ${line.quantity} on line ${index + 1}: must be a whole number from 1 to ${MAX_QUANTITY}`,
        { line: index + 1, quantity: line.quantity },
      );
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
  return { shipToCountry, lines: [...merged].map(([productId, quantity]) => ({ productId, quantity })) };
}

/** The quote's deterministic id: destination and lines, e.g. `DE:64f…a1x2,64f…b3x1`. */
export function quoteIdOf(request: QuoteRequest): string {
  return `${request.shipToCountry}:${request.lines.map((line) => `${line.productId}x${line.quantity}`).join(',')}`;
}

/** Parses an id made by {@link quoteIdOf}; anything else is BAD_USER_INPUT. */
export function parseQuoteId(id: string): QuoteRequest {
  const match = /^([A-Z]{2}):(.+)$/.exec(id);
  if (match) {
    const lines = match[2]!.split(',').map((part) => {
      const [productId, quantity] = part.split('x');
      return { productId: productId ?? '', quantity: Number(quantity) };
    });
    return normaliseQuoteRequest(lines, match[1]!);
  }
  throw badUserInput(`Malformed quote id "${echoed(id)}"`, { id: echoed(id) });
}
