import { Binary, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { isPlainObject } from './bson-values.ts';

/**
 * MongoDB's order of values across BSON types (the order of `sort` and of index keys), for values in
 * their numeric view (Long/Decimal128/Double already JS numbers): MinKey < null (and missing) < numbers
 * < strings < objects < arrays < binary < ObjectId < booleans < dates < timestamps < regexes < MaxKey.
 */
export function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 2;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    default:
      break;
  }
  if (value instanceof BracketEdge) return value.rank;
  if (value instanceof MinKey) return 1;
  if (value instanceof MaxKey) return 13;
  if (Array.isArray(value)) return 6;
  if (value instanceof Binary) return 7;
  if (value instanceof ObjectId) return 8;
  if (value instanceof Date) return 10;
  if (value instanceof Timestamp) return 11;
  if (value instanceof RegExp) return 12;
  return 5;
}

/**
 * The first (`side` -1) or last (`side` 1) position among values of one type rank: the bound of a
 * range such as `{ $gt: 5 }`, which MongoDB limits to numbers ("type bracketing").
 */
export class BracketEdge {
  readonly rank: number;
  readonly side: -1 | 1;
  constructor(rank: number, side: -1 | 1) {
    this.rank = rank;
    this.side = side;
  }
}

function simple(a: number | string | bigint, b: number | string | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two values in MongoDB's order (see typeRank); 0 means equal as index keys. */
export function compareValues(a: unknown, b: unknown): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  if (a instanceof BracketEdge || b instanceof BracketEdge) {
    const sideA = a instanceof BracketEdge ? a.side : 0;
    const sideB = b instanceof BracketEdge ? b.side : 0;
    return simple(sideA, sideB);
  }
  switch (rankA) {
    case 3: {
      const x = a as number;
      const y = b as number;
      // NaN sorts before every other number, as in MongoDB.
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return simple(x, y);
    }
    case 4:
      return simple(a as string, b as string);
    case 5:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 6:
      return compareArrays(a as unknown[], b as unknown[]);
    case 7: {
      const x = a as Binary;
      const y = b as Binary;
      return (
        simple(x.length(), y.length()) || simple(x.sub_type, y.sub_type) || Buffer.compare(Buffer.from(x.buffer), Buffer.from(y.buffer))
      );
    }
    case 8:
      return simple((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return simple(Number(a), Number(b));
    case 10:
      return simple((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    case 12:
      return simple((a as RegExp).source, (b as RegExp).source) || simple((a as RegExp).flags, (b as RegExp).flags);
    default:
      return 0;
  }
}

function compareArrays(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return order;
  }
  return simple(a.length, b.length);
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  if (!isPlainObject(a) || !isPlainObject(b)) return 0;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  for (let i = 0; i < Math.min(keysA.length, keysB.length); i++) {
    const order = compareValues(a[keysA[i]!], b[keysB[i]!]) || simple(keysA[i]!, keysB[i]!);
    if (order !== 0) return order;
  }
  return simple(keysA.length, keysB.length);
}

/** The absolute ends of one slot of an index entry, whatever the field's direction. */
export const LOW: unique symbol = Symbol('LOW');
export const HIGH: unique symbol = Symbol('HIGH');

/**
 * An entry of a sorted index: one value per indexed field (numeric view, missing as null), then the
 * document's `_id` key, which makes every entry unique. Bounds use LOW/HIGH in any slot.
 */
export type IndexEntry = unknown[];

/** Orders index entries by each field in its index direction, then by `_id` key. */
export function entryComparator(directions: readonly (1 | -1)[]): (a: IndexEntry, b: IndexEntry) => number {
  const slots = directions.length;
  return (a, b) => {
    for (let i = 0; i <= slots; i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      if (x === LOW || y === HIGH) return -1;
      if (x === HIGH || y === LOW) return 1;
      // Fast paths for the common key types; compareValues handles everything else.
      let order: number;
      if (i === slots || (typeof x === 'string' && typeof y === 'string')) {
        order = (x as string) < (y as string) ? -1 : 1; // x !== y here
        if (i < slots) order *= directions[i]!;
      } else if (typeof x === 'number' && typeof y === 'number' && x === x && y === y) {
        order = x < y ? -directions[i]! : x > y ? directions[i]! : 0;
      } else if (x instanceof Date && y instanceof Date) {
        const a = x.getTime();
        const b = y.getTime();
        order = a < b ? -directions[i]! : a > b ? directions[i]! : 0;
      } else {
        order = compareValues(x, y) * directions[i]!;
      }
      if (order !== 0) return order;
    }
    return 0;
  };
}
