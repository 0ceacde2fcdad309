import { calculateObjectSize, ObjectId, UUID } from 'bson';
import { resolve } from 'mingo/util';
import type { Doc } from './bson-values.ts';
import { internStrings, isPlainObject, keyOf, toQueryView } from './bson-values.ts';
import { CommandError, ErrorCode } from './errors.ts';
import type { IndexKey, IndexSpec } from './indexes.ts';
import { Index } from './indexes.ts';
import type { Journal, JournalRecord } from './journal.ts';
import { Query, queryOptions } from './mingo-options.ts';
import { markStored } from './reply-encoding.ts';
import { equalityConstraints } from './query-planner.ts';
import { boundedness, describeBounds, indexIntervals, isPlainRange } from './index-bounds.ts';

/**
 * How a read finds its candidate documents; `explain` reports it with MongoDB's stage names.
 * `candidates` is lazy: a scan that stops early (a limit reached in index order) reads no further,
 * and `stats.keysExamined` counts the index entries actually read.
 */
export type Plan = {
  readonly stage: 'COLLSCAN' | 'IXSCAN' | 'IDHACK';
  readonly indexName?: string;
  readonly keyPattern?: Doc;
  /** 1 forward, -1 backward through the index (or the collection, for `$natural: -1`). */
  readonly direction: 1 | -1;
  /** True when the candidates already come in the requested sort order (no SORT stage needed). */
  readonly sorted: boolean;
  readonly isMultiKey: boolean;
  readonly indexBounds?: Doc;
  readonly candidates: Iterable<Doc>;
  readonly stats: { keysExamined: number };
  /**
   * The single field whose index entries were looked up by exact key (equality / `$in`, on `_id` or a
   * one-field index): every candidate holds one of the looked-up values there.
   */
  readonly lookupField?: string;
};

/** What a plan is for: the filter, and the sort the caller wants the candidates in, if any. */
export type PlanRequest = {
  readonly collation?: unknown;
  readonly sort?: Record<string, 1 | -1> | undefined;
  /**
   * How many candidates the caller reads at most, when it knows: all of them (`Infinity`: no limit can stop
   * it early), or the first N (every candidate matches, and a limit stops the reading there). An index scan
   * then reads them at once; otherwise it reads them lazily, as the caller asks.
   */
  readonly reads?: number | undefined;
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

/** The query a collection's validator enforces; none when absent, level "off" or action "warn". */
function validatorOf(options: Doc): Query | undefined {
  const validator = options['validator'];
  const enforced = options['validationLevel'] !== 'off' && options['validationAction'] !== 'warn';
  return enforced && isPlainObject(validator) && Object.keys(validator).length > 0
    ? new Query(toQueryView(validator), queryOptions())
    : undefined;
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
  if (isPlainObject(id)) {
    const dollar = Object.keys(id).find((key) => key.startsWith('$'));
    if (dollar !== undefined) {
      throw new CommandError(
        ErrorCode.DollarPrefixedFieldName,
        `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`,
      );
    }
  }
}

/**
 * One collection: documents in natural (insertion) order keyed by their `_id`, plus secondary
 * indexes kept in step on every write. Stored documents are never mutated — writes replace them —
 * so cursors and callers holding one keep a consistent snapshot (copy on write).
 */
export class Collection {
  /** Where the collection lives; changed only by `renameCollection` (Storage.rename). */
  database: string;
  name: string;
  readonly uuid = new UUID();
  #options: Doc;
  readonly #docs = new Map<string, Doc>();
  readonly #indexes = new Map<string, Index>();
  /** `_id_` in index order, for ranges and sorts on `_id` (equality lookups use the document map). */
  readonly #idIndex = new Index(ID_INDEX);
  #validator: Query | undefined;
  /** Where changes are recorded when the server persists (`--dbpath`); set by Storage. */
  journal: Journal | undefined;

  constructor(database: string, name: string, options: Doc = {}) {
    this.database = database;
    this.name = name;
    this.#options = options;
    this.#validator = validatorOf(options);
  }

  /** The options the collection was created with (`validator`, `validationLevel`, …), as listCollections reports them. */
  get options(): Doc {
    return this.#options;
  }

  /** Changes options (`collMod`): a new validator applies to later writes, as in MongoDB. */
  setOptions(options: Doc): void {
    this.#options = options;
    this.#validator = validatorOf(options);
    this.#record({ op: 'options', options });
  }

  #record(record: JournalRecord): void {
    this.journal?.append({ ...record, db: this.database, coll: this.name });
  }

  /** The stored document with this `_id` key (see keyOf), if any. */
  get(idKey: string): Doc | undefined {
    return this.#docs.get(idKey);
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

  /** BSON bytes of the stored documents. */
  dataSize(): number {
    let bytes = 0;
    for (const doc of this.#docs.values()) bytes += calculateObjectSize(doc);
    return bytes;
  }

  /** Approximate bytes of each index by name, `_id_` first. */
  indexSizes(): Record<string, number> {
    const sizes: Record<string, number> = { [ID_INDEX.name]: this.#idIndex.byteSize() };
    for (const index of this.#indexes.values()) sizes[index.name] = index.byteSize();
    return sizes;
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.#indexes.values()].map((index) => index.spec)];
  }

  /**
   * Chooses how to find the documents `filter` may match, as MongoDB's planner would: `_id` lookups,
   * then an index whose leading fields the filter pins (exact lookups for equality / `$in`, ordered
   * range scans otherwise), preferring — at equal selectivity — one that yields the requested sort
   * order, so that a sort with a limit reads only as many entries as it returns. With nothing to
   * narrow by, and no index giving the sort, the collection is scanned.
   */
  plan(filter: Doc, request: PlanRequest = {}): Plan {
    const stats = { keysExamined: 0 };
    const constraints = request.collation ? new Map<string, unknown[]>() : equalityConstraints(filter);
    const ids = constraints.get('_id');
    if (ids) {
      const docs = this.#byIds(ids.map(keyOf));
      stats.keysExamined = ids.length;
      const idOnly = ids.length === 1 && Object.keys(filter).length === 1;
      return {
        stage: idOnly ? 'IDHACK' : 'IXSCAN',
        indexName: '_id_',
        keyPattern: ID_INDEX.key,
        direction: 1,
        sorted: docs.length <= 1,
        isMultiKey: false,
        candidates: docs,
        stats,
        lookupField: '_id',
      };
    }
    // A collation compares strings other than by their bytes, in which order the indexes are kept.
    if (request.collation) return this.#collectionScan(stats);

    let exact: { index: Index; keys: unknown[][]; score: number } | undefined;
    for (const index of this.#indexes.values()) {
      if (!index.isComplete || !index.fields.every((field) => constraints.has(field))) continue;
      let keys: unknown[][] = [[]];
      for (const field of index.fields) keys = keys.flatMap((prefix) => constraints.get(field)!.map((v) => [...prefix, v]));
      const score = 2 * index.fields.length;
      if (!exact || score > exact.score) exact = { index, keys, score };
    }

    type Scan = { index: Index; intervals: ReturnType<typeof indexIntervals>; score: number; direction: 1 | -1 | undefined };
    let bestAny: Scan | undefined;
    let bestSorted: Scan | undefined;
    const better = (a: Scan, b: Scan | undefined) =>
      !b || a.score > b.score || (a.score === b.score && a.index.fields.length < b.index.fields.length);
    const named = fieldsNamedIn(filter);
    for (const index of [this.#idIndex, ...this.#indexes.values()]) {
      if (!index.isComplete) continue;
      // Indexes that cannot win are not bounded: one whose first field the filter does not name scores 0
      // (only a sorted walk could use it), and the exact lookup's own index scores at most as the lookup.
      if (!named.has(index.fields[0]!) && sortDirection(index, request.sort, 0) === undefined) continue;
      if (!request.sort && index === exact?.index) continue;
      const intervals = indexIntervals(filter, index);
      const { points, ranged } = boundedness(index, intervals);
      const scan: Scan = { index, intervals, score: 2 * points + (ranged ? 1 : 0), direction: sortDirection(index, request.sort, points) };
      if (better(scan, bestAny)) bestAny = scan;
      if (request.sort && scan.direction !== undefined && better(scan, bestSorted)) bestSorted = scan;
    }
    const bestScore = Math.max(bestAny?.score ?? 0, exact?.score ?? 0);
    if (bestSorted && bestSorted.score >= bestScore) return this.#indexScan(bestSorted, true, stats, request);
    if (exact && exact.score >= bestScore) {
      const found = new Set<string>();
      for (const key of exact.keys) for (const id of exact.index.lookup(key)) found.add(id);
      stats.keysExamined = exact.keys.length;
      return {
        stage: 'IXSCAN',
        indexName: exact.index.name,
        keyPattern: exact.index.spec.key,
        direction: 1,
        sorted: false,
        isMultiKey: exact.index.multikeyFields.size > 0,
        candidates: this.#byIds(found),
        stats,
        ...(exact.index.fields.length === 1 ? { lookupField: exact.index.fields[0]! } : {}),
      };
    }
    if (bestAny && bestAny.score > 0) return this.#indexScan(bestAny, false, stats, request);
    return this.#collectionScan(stats);
  }

  /**
   * Counts the documents matching a filter of plain equalities (and at most one plain range) from an index
   * whose leading fields are exactly the equalities' fields, then the range's (no document fetched), or
   * undefined when no index fits.
   */
  countByIndex(filter: Doc): number | undefined {
    const fields = Object.keys(filter);
    // At most one field holds a range (the caller checked): it must come right after the equalities.
    const ranged = fields.filter((field) => isPlainRange(filter[field]));
    const equalities = fields.filter((field) => !ranged.includes(field));
    for (const index of [this.#idIndex, ...this.#indexes.values()]) {
      if (!index.isComplete || index.fields.length < fields.length) continue;
      if (!equalities.every((field) => index.fields.slice(0, equalities.length).includes(field))) continue;
      // A range over an array field matches a document whose elements meet its ends separately: not entries.
      const range = ranged[0];
      if (range !== undefined && (index.fields[equalities.length] !== range || index.multikeyFields.has(range))) continue;
      const intervals = indexIntervals(filter, index);
      if (boundedness(index, intervals).points < equalities.length) continue;
      // A document has one entry per distinct key; within pinned leading fields it has only one
      // unless a later field holds an array, so entries are counted directly then.
      const unique = index.fields.slice(fields.length).every((field) => !index.multikeyFields.has(field));
      if (unique) return index.countEntries(intervals);
      const ids = new Set<string>();
      for (const id of index.scan(intervals, 1, () => undefined)) ids.add(id);
      return ids.size;
    }
    return undefined;
  }

  #collectionScan(stats: { keysExamined: number }): Plan {
    return { stage: 'COLLSCAN', direction: 1, sorted: false, isMultiKey: false, candidates: this.#docs.values(), stats };
  }

  #indexScan(
    scan: { index: Index; intervals: ReturnType<typeof indexIntervals>; direction: 1 | -1 | undefined },
    sorted: boolean,
    stats: { keysExamined: number },
    request: PlanRequest,
  ): Plan {
    const { index, intervals } = scan;
    const direction = sorted ? (scan.direction ?? 1) : 1;
    const docs = this.#docs;
    // Only an index holding arrays has several entries per document; the intervals never overlap.
    const multikey = index.multikeyFields.size > 0;
    // Candidates out of the requested order are all read (to be sorted); else as many as the caller reads.
    const wanted = request.sort && !sorted ? Number.POSITIVE_INFINITY : request.reads;
    const readAtOnce = (count: number): Doc[] => {
      const found: Doc[] = [];
      const seen = multikey ? new Set<string>() : undefined;
      index.forEachId(intervals, stats, (id) => {
        if (seen) {
          if (seen.has(id)) return false;
          seen.add(id);
        }
        const doc = docs.get(id);
        if (doc) found.push(doc);
        return found.length >= count;
      });
      return found;
    };
    function* candidates(): Generator<Doc> {
      const seen = multikey ? new Set<string>() : undefined;
      for (const id of index.scan(intervals, direction, () => void (stats.keysExamined += 1))) {
        if (seen) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        const doc = docs.get(id);
        if (doc) yield doc;
      }
    }
    return {
      stage: 'IXSCAN',
      indexName: index.name,
      keyPattern: index.spec.key,
      direction,
      sorted,
      isMultiKey: multikey,
      candidates: wanted !== undefined && direction === 1 ? readAtOnce(wanted) : candidates(),
      stats,
      // Only explain reads the bounds: described when asked.
      get indexBounds() {
        return describeBounds(index, intervals);
      },
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
    internStrings(doc);
    const keys = this.#keysFor(doc);
    for (const [index, indexKeys] of keys) index.assertUnique(indexKeys, id, this.namespace);
    this.#docs.set(id, doc);
    markStored(doc);
    for (const [index, indexKeys] of keys) index.add(indexKeys, id);
    this.#idIndex.add(this.#idIndex.keysFor(doc), id);
    this.#record({ op: 'insert', doc });
    return doc;
  }

  /** Replaces a stored document by a new version with the same `_id`, enforcing unique indexes first. */
  replace(current: Doc, next: Doc, options: WriteOptions = {}): void {
    const id = keyOf(current['_id']);
    if (keyOf(next['_id']) !== id) {
      throw new CommandError(ErrorCode.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
    if (!options.bypassValidation) this.#assertValid(next);
    internStrings(next);
    const oldKeys = this.#keysFor(current);
    const newKeys = this.#keysFor(next);
    for (const [index, indexKeys] of newKeys) index.assertUnique(indexKeys, id, this.namespace);
    for (const [index, indexKeys] of newKeys) {
      // A write that leaves an index's key alone (a projection row rewritten at the same price) leaves its entries.
      const before = oldKeys.get(index)!;
      if (index.sameKeys(before, indexKeys)) continue;
      index.remove(before, id);
      index.add(indexKeys, id);
    }
    this.#docs.set(id, next);
    markStored(next);
    this.#record({ op: 'replace', doc: next });
  }

  remove(doc: Doc): void {
    const id = keyOf(doc['_id']);
    if (!this.#docs.has(id)) return;
    for (const [index, indexKeys] of this.#keysFor(doc)) index.remove(indexKeys, id);
    this.#idIndex.remove(this.#idIndex.keysFor(doc), id);
    this.#docs.delete(id);
    this.#record({ op: 'remove', id: doc['_id'] });
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
        throw new CommandError(ErrorCode.IndexOptionsConflict, `Index already exists with a different name: ${existing.name}`);
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
    this.#record({ op: 'createIndex', spec });
    return true;
  }

  /** Drops a secondary index by name; `_id_` cannot be dropped. */
  dropIndex(name: string): void {
    if (name === ID_INDEX.name) throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    if (!this.#indexes.delete(name)) throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
    this.#record({ op: 'dropIndex', name });
  }

  dropAllIndexes(): void {
    this.#indexes.clear();
    this.#record({ op: 'dropIndexes' });
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

/** The field paths a filter names at its top level and inside `$and` / `$or` / `$nor` clauses. */
function fieldsNamedIn(filter: Doc, into = new Set<string>()): Set<string> {
  for (const path in filter) {
    const condition = filter[path];
    if (path === '$and' || path === '$or' || path === '$nor') {
      if (Array.isArray(condition)) for (const clause of condition) if (isPlainObject(clause)) fieldsNamedIn(clause, into);
    } else if (!path.startsWith('$')) {
      into.add(path);
    }
  }
  return into;
}

/**
 * The direction to walk `index` in so entries come in `sort` order, or undefined if it cannot: the
 * sort fields must follow one another in the index, after only fields the filter pins to one value
 * (`points` leading fields), all in the index's directions or all reversed, none holding arrays.
 */
function sortDirection(index: Index, sort: Record<string, 1 | -1> | undefined, points: number): 1 | -1 | undefined {
  if (!sort) return undefined;
  let i = 0;
  let direction: 1 | -1 | undefined;
  for (const [field, order] of Object.entries(sort)) {
    while (i < points && index.fields[i] !== field) i++;
    if (index.fields[i] !== field || index.multikeyFields.has(field)) return undefined;
    const relative = order === index.directions[i] ? 1 : -1;
    if (direction !== undefined && direction !== relative) return undefined;
    direction = relative;
    i++;
  }
  return direction;
}

function optionsOf(spec: IndexSpec): Doc {
  return {
    unique: spec.unique ?? false,
    sparse: spec.sparse ?? false,
    partialFilterExpression: spec.partialFilterExpression ?? null,
    expireAfterSeconds: spec.expireAfterSeconds ?? null,
  };
}
