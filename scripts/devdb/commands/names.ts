import { CommandError, ErrorCode } from '../errors.ts';
import { assertCollectionName } from '../storage.ts';
import type { Doc } from '../bson-values.ts';

/** The collection a command targets: the value of its first field (`{ find: "products", … }`). */
export function collectionNameOf(body: Doc, command: string): string {
  const name = body[command];
  if (typeof name !== 'string') {
    throw new CommandError(ErrorCode.InvalidNamespace, `collection name has invalid type ${name === null ? 'null' : typeof name}`);
  }
  assertCollectionName(name);
  return name;
}

/** Reads an optional boolean option, defaulting as MongoDB does. */
export function booleanOf(body: Doc, field: string, fallback: boolean): boolean {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  throw new CommandError(ErrorCode.TypeMismatch, `'${field}' must be a boolean`);
}
