import { createHash } from 'node:crypto';
import { badUserInput, echoed } from './contract/errors.ts';

const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

/**
 * Checks that a client-supplied product id is well formed (24 lower-case hexadecimal characters, as MongoDB
 * ObjectIds print) and returns it normalised. A malformed id is the client's mistake: BAD_USER_INPUT.
 */
export function parseProductId(id: unknown): string {
  const normalised = typeof id === 'string' ? id.trim().toLowerCase() : '';
  if (!OBJECT_ID_PATTERN.test(normalised)) {
    // The id is echoed truncated: a 60 000-character id must not come back whole.
    const shown = echoed(typeof id === 'string' ? id : (JSON.stringify(id) ?? String(id)));
    throw badUserInput(`Malformed product id "${shown}": expected 24 hexadecimal characters`, { id: shown });
  }
  return normalised;
}

/**
 * Derives a stable ObjectId hex string from a natural key (e.g. a SKU), so that seeding is idempotent and
 * every subgraph's seed data refers to the same product ids without sharing a database.
 */
export function stableObjectIdHex(naturalKey: string): string {
  return createHash('sha256').update(naturalKey).digest('hex').slice(0, 24);
}
