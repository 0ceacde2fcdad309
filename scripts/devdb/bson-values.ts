import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from 'bson';
import { Decimal } from 'decimal.js';

/** A BSON document as the devdb holds it: plain object, BSON classes kept as their `bson` instances. */
export type Doc = Record<string, unknown>;

/** True for a plain object literal (not an array, not a BSON class, not a Date). */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether `bson` would encode this JS number as Int32 (an integer in range, and not -0). */
export function encodesAsInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff && !Object.is(value, -0);
}

/**
 * Normalises a value decoded with `promoteValues: false` into the stored form. Int32 and doubles
 * become JS numbers when they re-encode to the same BSON type; values a JS number would misrepresent
 * keep their class: Long, Decimal128, and Doubles such as 5.0 or -0 (which would come back as Int32).
 * Everything else is returned as decoded.
 */
export function fromWire(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Int32) return value.value;
  if (value instanceof Double) return encodesAsInt32(value.value) ? value : value.value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = fromWire(value[i]);
    return value;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) value[key] = fromWire(value[key]);
  }
  return value;
}

/** Numeric BSON values that mingo cannot compare as numbers: they need a numeric view. */
export function isWrappedNumber(value: unknown): value is Double | Long | Decimal128 {
  return value instanceof Double || value instanceof Long || value instanceof Decimal128;
}

/** The JS number a wrapped numeric value stands for (Decimal128 beyond 15 digits is approximated). */
export function numberOf(value: Double | Long | Decimal128): number {
  if (value instanceof Double) return value.value;
  if (value instanceof Long) return value.toNumber();
  return Number(value.toString());
}

/**
 * The form mingo evaluates: wrapped numbers (Double, Long, Decimal128) replaced by JS numbers so
 * that `$gt`, `$in`, sorting and arithmetic compare by value across numeric types, as MongoDB does.
 * Returns the very same object when nothing inside needed converting (no copy for the common case).
 */
export function toQueryView<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (isWrappedNumber(value)) return numberOf(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const view = toQueryView(item);
      if (view !== item) {
        copy ??= value.slice();
        copy[i] = view;
      }
    }
    return (copy ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Doc | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const view = toQueryView(item);
    if (view !== item) {
      copy ??= { ...value };
      copy[key] = view;
    }
  }
  return (copy ?? value) as T;
}

/** Deep copy of plain objects and arrays; BSON value classes are immutable in practice and shared. */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Binary) return new Binary(Buffer.from(value.buffer), value.sub_type) as T;
  if (!isPlainObject(value)) return value;
  const copy: Doc = {};
  for (const key of Object.keys(value)) copy[key] = cloneValue(value[key]);
  return copy as T;
}

/** Canonical text of a finite or special numeric value, equal for 5, 5.0, Long(5) and Decimal128("5.00"). */
function numericKey(value: number | Double | Long | Decimal128): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (value instanceof Double) return numericKey(value.value);
  if (value instanceof Long) return value.toString();
  const text = value.toString();
  if (text === 'NaN' || text.endsWith('Infinity')) return text;
  return new Decimal(text).toString();
}

/**
 * An index key for one value, equal exactly when MongoDB considers two values equal in an index:
 * numbers by value across Int32/Double/Long/Decimal128, ObjectIds by hex, Dates by time, strings
 * exactly, embedded documents field by field in order, missing and null alike.
 */
export function keyOf(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return `n:${numericKey(value)}`;
    case 'string':
      return `s:${value}`;
    case 'boolean':
      return value ? 'b:1' : 'b:0';
    case 'bigint':
      return `n:${value.toString()}`;
    default:
      break;
  }
  if (isWrappedNumber(value)) return `n:${numericKey(value)}`;
  if (value instanceof ObjectId) return `o:${value.toHexString()}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof Binary) return `x:${value.sub_type}:${Buffer.from(value.buffer).toString('hex')}`;
  if (value instanceof Timestamp) return `t:${value.toString()}`;
  if (value instanceof RegExp) return `r:${value.source}/${value.flags}`;
  if (Array.isArray(value)) return `a:[${value.map(keyOf).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${keyOf(value[key])}`)
      .join(',')}}`;
  }
  return `?:${String(value)}`;
}

/** The key of several values taken together (a compound index key, a branch of an `$or`): equal exactly when each keyOf is. */
export function compoundKeyOf(values: readonly unknown[]): string {
  return JSON.stringify(values.map(keyOf));
}

/** Renders a value the way MongoDB prints it inside error messages (`dup key: { email: "a@b.c" }`). */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof Decimal128) return `Decimal128('${value.toString()}')`;
  if (value instanceof Long) return value.toString();
  if (value instanceof Double) return String(value.value);
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  if (isPlainObject(value)) {
    const fields = Object.keys(value).map((key) => `${key}: ${formatValue(value[key])}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  return String(value);
}

/** Strings up to this many UTF-16 units are shared between stored documents (market codes, ids, brands, labels). */
const INTERNED_MAX_LENGTH = 64;
/** At most this many distinct strings are kept for sharing (a bound on what the table itself may hold). */
const INTERNED_MAX_COUNT = 1 << 18;
const interned = new Map<string, string>();

function internString(value: string): string {
  if (value.length > INTERNED_MAX_LENGTH) return value;
  const shared = interned.get(value);
  if (shared !== undefined) return shared;
  if (interned.size < INTERNED_MAX_COUNT) interned.set(value, value);
  return value;
}

/**
 * Replaces, in place, the short strings of a document about to be stored by one shared copy per distinct string:
 * every decoded document holds its own copy of each string, and the same market code, currency, product id or
 * label repeated over a collection's documents (a price projection holds each product id once per market) was a
 * large part of what a stored document weighs here.
 */
export function internStrings(value: Doc | unknown[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') value[i] = internString(item);
      else if (item !== null && typeof item === 'object' && (Array.isArray(item) || isPlainObject(item))) internStrings(item);
    }
    return;
  }
  for (const key in value) {
    const item = value[key];
    if (typeof item === 'string') value[key] = internString(item);
    else if (item !== null && typeof item === 'object' && (Array.isArray(item) || isPlainObject(item))) internStrings(item as Doc);
  }
}
