import { badUserInput } from '../../common/contract/errors.ts';

/** Which stored field each public sort field orders by. */
export const SORT_FIELDS = { SKU: 'sku', BRAND: 'brand', CREATED_AT: 'createdAt' } as const;
export type SortField = keyof typeof SORT_FIELDS;

/** The position of a product in a sorted list: its sort value and its SKU, which breaks ties. */
export interface CursorPosition {
  value: string | number | null;
  sku: string;
}

/** Encodes a position as an opaque, URL-safe cursor. Clients must not parse it. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.sku]), 'utf8').toString('base64url');
}

/** The cursor of `product` in a list sorted by `field`: its sort value (none for SKU, which is the tie-breaker) and its SKU. */
export function cursorOf(product: { sku: string; brand: string; createdAt: Date }, field: SortField): string {
  const key = SORT_FIELDS[field];
  const value = key === 'createdAt' ? product.createdAt.toISOString() : key === 'brand' ? product.brand : null;
  return encodeCursor({ value, sku: product.sku });
}

/** Decodes a cursor made by {@link encodeCursor}; anything else is BAD_USER_INPUT naming the cursor. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[1] === 'string' &&
      (decoded[0] === null || typeof decoded[0] === 'string' || typeof decoded[0] === 'number')
    ) {
      return { value: decoded[0], sku: decoded[1] };
    }
  } catch {
    // reported below
  }
  throw badUserInput(`Invalid cursor "${cursor}": pass an endCursor returned by a previous page`, { cursor });
}

/** Validates a page size: 1..max, so that no client can ask for the whole catalog at once. */
export function checkPageSize(first: number, max = 100): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(`Invalid page size ${first}: "first" must be between 1 and ${max}`, { first });
  }
  return first;
}
