import { ObjectId, UUID } from 'bson';
import { Query } from 'mingo';
import { resolve } from 'mingo/util';
import type { Doc } from './bsonValues.ts';
import { isPlainObject, keyOf, toQueryView } from './bsonValues.ts';
import { CommandError, ErrorCode } from './errors.ts';
import type { IndexKey, IndexSpec } from './indexes.ts';
import { Index } from './indexes.ts';
import { queryOptions } from './mingoOptions.ts';
import { equalityConstraints } from './queryPlanner.ts';

/** How `find` chose its candidates; `explain` reports it with MongoDB's stage names. */
export type Plan = {
  readonly stage: 'COLLSCAN' | 'IXSCAN' | 'IDHACK';
  readonly indexName?: string;
  readonly keyPattern?: Doc;
  readonly keysExamined: number;
  readonly docs: readonly Doc[];
};

/** Per-write options; `bypassValidation` is the client's `bypassDocumentValidation`. */
export type WriteOptions = { readonly bypassValidation?: boolean };

/** The `_id_` index every collection has; it is the document map itself. */
export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

const views = new WeakMap<Doc, Doc>();

/** The numeric view of a stored document (see toQueryView), cached: stored documents never change. */
export function viewOf(doc: Doc): Doc {
  let view = views.get(doc);
  if (!view) views.set(doc, (view = toQueryView(doc)));
  return view;
}

/** MongoDB stores `_id` as the first field (drivers append a generated one); a missing `_id` becomes an ObjectId. */
function idFirst(input: Doc): Doc {
  if (!('_id' in input)) return { _id: new ObjectId(), ...input };
  if (Object.keys(input)[0] === '_id') return input;
  const { _id: id, ...rest } = input;
  return { _id: id, ...rest };
}

/** Rejects `_id` values MongoDB refuses. */
function assertValidId(id: unknown): void {
  if (Array.isArray(id)) throw new CommandError(ErrorCode.BadValue, "can't use an array for _id");
  if (id instanceof RegExp) throw new CommandError(ErrorCode.BadValue, "can't use a regex for _id");
  if (id === undefined) throw new CommandError(ErrorCode.BadValue, "can't use undefined for _id");
}

/**
 * One collection: documents in natural (insertion) order keyed by their `_id`, plus secondary
 * indexes kept in step on every write. Stored documents are never mutated — writes replace them —
 * so cursors and callers holding one keep a consistent snapshot (copy on write).
 */
export class Collection {
  readonly database: string;
  readonly name: string;
  readonly uuid = new UUID();
  readonly options: Doc;
  readonly #docs = new Map<string, Doc>();
  readonly #indexes = new Map<string, Index>();
  readonly #validator: Query | undefined;

  constructor(database: string, name: string, options: Doc = {}) {
    this.database = database;
    this.name = name;
    this.options = options;
    // validationLevel "off" and validationAction "warn" never reject a write.
    const validator = options['validator'];
    const enforced = options['validationLevel'] !== 'off' && options['validationAction'] !== 'warn';
    this.#validator = enforced && isPlainObject(validator) && Object.keys(validator).length > 0
      ? new Query(toQueryView(validator), queryOptions())
      : undefined;
  }

  get namespace(): string {
    return `${this.database}.${this.name}`;
  }

  get size(): number {
    return this.#docs.size;
  }

  documents(): IterableIterator<Doc> {
    return this.#docs.values();
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.#indexes.values()].map((index) => index.spec)];
  }

  /** Candidate documents for a filter: from an index when the filter pins an indexed path, else all. */
  plan(filter: Doc, options: { collation?: unknown } = {}): Plan {
    const constraints = options.collation ? new Map<string, unknown[]>() : equalityConstraints(filter);
    const ids = constraints.get('_id');
    if (ids) {
      const docs = this.#byIds(ids.map(keyOf));
      const idOnly = ids.length === 1 && Object.keys(filter).length === 1;
      return { stage: idOnly ? 'IDHACK' : 'IXSCAN', indexName: '_id_', keyPattern: ID_INDEX.key, keysExamined: ids.length, docs };
    }
    let best: { index: Index; keys: string[]; count: number } | undefined;
    for (const index of this.#indexes.values()) {
      if (!index.isComplete || !index.fields.every((field) => constraints.has(field))) continue;
      let combos: unknown[][] = [[]];
      for (const field of index.fields) combos = combos.flatMap((prefix) => constraints.get(field)!.map((v) => [...prefix, v]));
      const keys = combos.map((values) => index.keyFromValues(values));
      const count = keys.reduce((sum, key) => sum + (index.lookup(key)?.size ?? 0), 0);
      if (!best || count < best.count) best = { index, keys, count };
    }
    if (!best) return { stage: 'COLLSCAN', keysExamined: 0, docs: [...this.#docs.values()] };
    const ids2 = new Set<string>();
    for (const key of best.keys) for (const id of best.index.lookup(key) ?? []) ids2.add(id);
    return {
      stage: 'IXSCAN',
      indexName: best.index.name,
      keyPattern: best.index.spec.key,
      keysExamined: best.keys.length,
      docs: this.#byIds(ids2),
    };
  }

  #byIds(ids: Iterable<string>): Doc[] {
    const docs: Doc[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      const doc = this.#docs.get(id);
      if (doc && !seen.has(id)) {
        seen.add(id);
        docs.push(doc);
      }
    }
    return docs;
  }

  #assertValid(doc: Doc): void {
    if (this.#validator && !this.#validator.test(viewOf(doc))) {
      throw new CommandError(ErrorCode.DocumentValidationFailure, 'Document failed validation', {
        errInfo: { failingDocumentId: doc['_id'] },
      });
    }
  }

  #keysFor(doc: Doc): Map<Index, IndexKey[]> {
    const keys = new Map<Index, IndexKey[]>();
    for (const index of this.#indexes.values()) keys.set(index, index.keysFor(doc));
    return keys;
  }

  /** Stores a new document (an `_id` ObjectId is put first if missing) and returns it as stored. */
  insert(input: Doc, options: WriteOptions = {}): Doc {
    const doc = idFirst(input);
    assertValidId(doc['_id']);
    if (!options.bypassValidation) this.#assertValid(doc);
    const id = keyOf(doc['_id']);
    if (this.#docs.has(id)) throw new Index(ID_INDEX).duplicateKeyError([doc['_id']], this.namespace);
    const keys = this.#keysFor(doc);
    for (const [index, indexKeys] of keys) index.assertUnique(indexKeys, id, this.namespace);
    this.#docs.set(id, doc);
    for (const [index, indexKeys] of keys) index.add(indexKeys, id);
    return doc;
  }

  /** Replaces a stored document by a new version with the same `_id`, enforcing unique indexes first. */
  replace(current: Doc, next: Doc, options: WriteOptions = {}): void {
    const id = keyOf(current['_id']);
    if (keyOf(next['_id']) !== id) {
      throw new CommandError(
        ErrorCode.ImmutableField,
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    if (!options.bypassValidation) this.#assertValid(next);
    const oldKeys = this.#keysFor(current);
    const newKeys = this.#keysFor(next);
    for (const [index, indexKeys] of newKeys) index.assertUnique(indexKeys, id, this.namespace);
    for (const [index, indexKeys] of oldKeys) index.remove(indexKeys, id);
    for (const [index, indexKeys] of newKeys) index.add(indexKeys, id);
    this.#docs.set(id, next);
  }

  remove(doc: Doc): void {
    const id = keyOf(doc['_id']);
    if (!this.#docs.has(id)) return;
    for (const [index, indexKeys] of this.#keysFor(doc)) index.remove(indexKeys, id);
    this.#docs.delete(id);
  }

  /**
   * Adds an index, building it over existing documents. Returns false if an identical index exists;
   * throws for a name or key clash (MongoDB codes 85/86) or if existing data breaks uniqueness.
   */
  createIndex(spec: IndexSpec): boolean {
    for (const existing of this.indexSpecs()) {
      const sameKey = keyOf(existing.key) === keyOf(spec.key);
      const sameOptions = keyOf(optionsOf(existing)) === keyOf(optionsOf(spec));
      if (existing.name === spec.name) {
        if (sameKey && sameOptions) return false;
        throw new CommandError(
          ErrorCode.IndexKeySpecsConflict,
          `An existing index has the same name as the requested index but a different key or options. Requested index: ${spec.name}, existing index: ${existing.name}`,
        );
      }
      if (sameKey && sameOptions) {
        throw new CommandError(
          ErrorCode.IndexOptionsConflict,
          `Index already exists with a different name: ${existing.name}`,
        );
      }
    }
    const index = new Index(spec);
    for (const doc of this.#docs.values()) {
      const id = keyOf(doc['_id']);
      const keys = index.keysFor(doc);
      index.assertUnique(keys, id, this.namespace);
      index.add(keys, id);
    }
    this.#indexes.set(spec.name, index);
    return true;
  }

  /** Drops a secondary index by name; `_id_` cannot be dropped. */
  dropIndex(name: string): void {
    if (name === ID_INDEX.name) throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    if (!this.#indexes.delete(name)) throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
  }

  dropAllIndexes(): void {
    this.#indexes.clear();
  }

  /**
   * Deletes documents whose TTL index date is older than `expireAfterSeconds` (MongoDB's TTL monitor).
   * Returns how many were removed.
   */
  sweepExpired(now: number): number {
    let removed = 0;
    for (const index of this.#indexes.values()) {
      const ttl = index.spec.expireAfterSeconds;
      const field = index.fields[0];
      if (ttl === undefined || index.fields.length !== 1 || field === undefined) continue;
      for (const doc of [...this.#docs.values()]) {
        const value: unknown = resolve(doc, field);
        const dates = (Array.isArray(value) ? value : [value]).filter((v): v is Date => v instanceof Date);
        if (dates.length > 0 && Math.min(...dates.map((d) => d.getTime())) + ttl * 1000 <= now) {
          this.remove(doc);
          removed += 1;
        }
      }
    }
    return removed;
  }
}

function optionsOf(spec: IndexSpec): Doc {
  return {
    unique: spec.unique ?? false,
    sparse: spec.sparse ?? false,
    partialFilterExpression: spec.partialFilterExpression ?? null,
    expireAfterSeconds: spec.expireAfterSeconds ?? null,
  };
}
