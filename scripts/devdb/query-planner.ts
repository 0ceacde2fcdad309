import type { Doc } from './bson-values.ts';
import { isPlainObject } from './bson-values.ts';

/**
 * The equality constraints a filter imposes on top-level paths: `{ sku: "A" }`, `{ sku: { $eq: "A" } }`,
 * `{ sku: { $in: ["A", "B"] } }`, also inside `$and`. Each path maps to the values a matching document
 * must hold there (any of them). Paths whose condition cannot be answered by an exact key lookup
 * (regular expressions, arrays compared whole, other operators) are left out, so the result only ever
 * narrows candidates that mingo then filters.
 */
export function equalityConstraints(filter: Doc): Map<string, unknown[]> {
  const constraints = new Map<string, unknown[]>();
  collect(filter, constraints);
  return constraints;
}

function isLookupValue(value: unknown): boolean {
  if (Array.isArray(value) || value instanceof RegExp) return false;
  if (isPlainObject(value)) return !Object.keys(value).some((key) => key.startsWith('$'));
  return true;
}

function collect(filter: Doc, into: Map<string, unknown[]>): void {
  for (const [path, condition] of Object.entries(filter)) {
    if (path === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) collect(clause, into);
      continue;
    }
    if (path.startsWith('$') || into.has(path)) continue;
    const values = lookupValues(condition);
    if (values) into.set(path, values);
  }
}

function lookupValues(condition: unknown): unknown[] | undefined {
  if (isLookupValue(condition)) return [condition];
  if (!isPlainObject(condition)) return undefined;
  if ('$eq' in condition && isLookupValue(condition['$eq'])) return [condition['$eq']];
  const list = condition['$in'];
  if (Array.isArray(list) && list.every(isLookupValue)) return list;
  return undefined;
}

/**
 * The document an upsert starts from when nothing matched: the filter's equality fields (plain values
 * or `$eq`, at the top level or inside `$and`), dotted paths expanded, as MongoDB does.
 */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  const add = (clauses: Doc): void => {
    for (const [path, condition] of Object.entries(clauses)) {
      if (path === '$and' && Array.isArray(condition)) {
        for (const clause of condition) if (isPlainObject(clause)) add(clause);
        continue;
      }
      if (path.startsWith('$')) continue;
      let value: unknown;
      if (isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'))) {
        if (!('$eq' in condition)) continue;
        value = condition['$eq'];
      } else if (condition instanceof RegExp) {
        continue;
      } else {
        value = condition;
      }
      setPath(seed, path, value);
    }
  };
  add(filter);
  return seed;
}

function setPath(target: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!isPlainObject(next)) node[part] = {};
    node = node[part] as Doc;
  }
  node[parts[parts.length - 1]!] = value;
}
