import { resolve } from 'mingo/util';
import { calculateObjectSize } from 'bson';
import { createRequire } from 'node:module';
import type sortedBtree from 'sorted-btree';
import type { Doc } from './bson-values.ts';
import { compoundKeyOf, formatValue, isPlainObject, keyOf, toQueryView } from './bson-values.ts';
import { CommandError, ErrorCode } from './errors.ts';
import type { IndexEntry } from './key-order.ts';
import { compareValues, entryComparator, HIGH, LOW } from './key-order.ts';
import { Query, queryOptions } from './mingo-options.ts';
import { checkTimeBudget } from './time-budget.ts';

/** An index definition as `listIndexes` reports it. */
export type IndexSpec = {
  v: 2;
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
};

/**
 * One entry a document contributes to an index: the values it was built from, one per indexed field, and (for a
 * unique index, once asked) their exact key: a write checks, compares and stores the same key.
 */
export type IndexKey = { values: unknown[]; exact?: string };

/** A stretch of a sorted index, between two entries (bounds may hold LOW/HIGH), both ends included. */
export type EntryInterval = { readonly low: IndexEntry; readonly high: IndexEntry };

/** Options `createIndexes` accepts; anything else (text, 2dsphere, collation, …) is refused by name. */
const supportedOptions = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'background',
  'v',
  'ns',
]);

/** MongoDB's default index name: `field_1_other_-1`. */
export function defaultIndexName(key: Doc): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}

/** Validates a client's index definition and turns it into the spec we store; throws CannotCreateIndex. */
export function parseIndexSpec(raw: Doc): IndexSpec {
  // A direction sent as a Double (1.0) compares as the number it stands for.
  const key = toQueryView(raw['key']);
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw new CommandError(ErrorCode.CannotCreateIndex, "Index specification needs a non-empty 'key' document");
  }
  for (const [field, direction] of Object.entries(key)) {
    if (direction !== 1 && direction !== -1) {
      throw new CommandError(
        ErrorCode.CannotCreateIndex,
        `devdb supports only ascending (1) / descending (-1) indexes; '${field}: ${formatValue(direction)}' is not supported`,
      );
    }
  }
  for (const option of Object.keys(raw)) {
    if (!supportedOptions.has(option)) {
      throw new CommandError(ErrorCode.CannotCreateIndex, `devdb does not support the index option '${option}'`);
    }
  }
  const spec: IndexSpec = { v: 2, key, name: typeof raw['name'] === 'string' ? raw['name'] : defaultIndexName(key) };
  if (raw['unique'] === true) spec.unique = true;
  if (raw['sparse'] === true) spec.sparse = true;
  if (isPlainObject(raw['partialFilterExpression'])) spec.partialFilterExpression = raw['partialFilterExpression'];
  if (typeof raw['expireAfterSeconds'] === 'number') spec.expireAfterSeconds = raw['expireAfterSeconds'];
  return spec;
}

/** The values a document has at an index path; arrays contribute each element (multikey), like MongoDB. */
function valuesAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) return [value];
  if (value.length === 0) return [undefined];
  // A dotted path through an array of sub-documents resolves to one value per element; those that
  // are arrays themselves expand once more.
  return path.includes('.') ? value.flatMap((item: unknown) => (Array.isArray(item) ? item : [item])) : value;
}

// sorted-btree is CommonJS with the class as `exports.default`; `require` gives the same object under
// Node and under vitest's transform (whose default-import interop differs).
const BTree: typeof sortedBtree.default = (createRequire(import.meta.url)('sorted-btree') as typeof sortedBtree).default;

/**
 * The sorted-index entry for one value per field: numeric views, missing as null, then the `_id` key. Allocated
 * at its length: an array built by spreading keeps spare capacity, which doubled what each entry weighs.
 */
function entryOf(values: readonly unknown[], id: unknown): IndexEntry {
  const entry: unknown[] = new Array(values.length + 1);
  for (let i = 0; i < values.length; i++) entry[i] = toQueryView(values[i]) ?? null;
  entry[values.length] = id;
  return entry as IndexEntry;
}

/** A key's exact canonical string, worked out once per key. */
function exactKeyOf(index: Index, key: IndexKey): string {
  key.exact ??= index.keyFromValues(key.values);
  return key.exact;
}

/** What a forRange callback answers to stop the walk. */
const PAST_THE_END = { break: true } as const;

function* iterateKeys(pairs: Iterable<[IndexEntry, undefined]>): Generator<IndexEntry> {
  for (const [key] of pairs) yield key;
}

/**
 * A secondary index: its entries `[value per field…, _id key]` in index order, in one B+tree, for range scans,
 * sorts and the equality lookups of a non-unique index. A unique index also maps each exact canonical key to its
 * one holder: uniqueness by MongoDB's key equality (with its E11000 error), and the batched lookups by id that
 * most requests make, at a map's cost rather than a tree descent's. Non-unique indexes keep no such map: it cost
 * about as much memory again as the tree (a key string and a map slot per entry).
 */
export class Index {
  readonly spec: IndexSpec;
  readonly fields: readonly string[];
  readonly directions: readonly (1 | -1)[];
  /** Fields some document holds an array at (MongoDB's "multikey" paths); never cleared, as in MongoDB. */
  readonly multikeyFields = new Set<string>();
  /** A unique index's holder per exact canonical key (see keyFromValues); none for a non-unique index. */
  readonly #holders: Map<string, string> | undefined;
  /** The entries in index order: `[value per field…, _id key]`. */
  readonly #sorted: InstanceType<typeof BTree<IndexEntry, undefined>>;
  readonly compareEntries: (a: IndexEntry, b: IndexEntry) => number;
  readonly #partial: Query | undefined;
  /** An entry above every other (HIGH in every slot): where a forward walk may go on to. */
  readonly #top: IndexEntry;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.#holders = spec.unique ? new Map() : undefined;
    this.directions = this.fields.map((field) => (spec.key[field] === -1 ? -1 : 1));
    this.#top = [...this.fields.map(() => HIGH), HIGH];
    this.compareEntries = entryComparator(this.directions);
    // Wide nodes: fewer levels to descend and faster ordered walks (measured: 256 beats the default 32).
    this.#sorted = new BTree<IndexEntry, undefined>(undefined, this.compareEntries, 256);
    this.#partial = spec.partialFilterExpression ? new Query(toQueryView(spec.partialFilterExpression), queryOptions()) : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  /** Whether the planner may answer equality lookups from this index (partial/sparse ones may miss documents). */
  get isComplete(): boolean {
    return !this.spec.sparse && !this.#partial;
  }

  /** The keys a document contributes: none when a sparse index lacks all fields or a partial filter rejects it. */
  keysFor(doc: Doc): IndexKey[] {
    const perField = this.fields.map((field) => {
      const value: unknown = field.includes('.') ? resolve(doc, field) : doc[field];
      if (Array.isArray(value)) this.multikeyFields.add(field);
      return valuesAt(value, field);
    });
    if (this.spec.sparse && perField.every((values) => values.length === 1 && values[0] === undefined)) return [];
    if (this.#partial && !this.#partial.test(toQueryView(doc))) return [];
    // One value per field, the usual case: one entry, nothing to tell apart.
    if (perField.every((values) => values.length === 1)) return [{ values: perField.map((values) => values[0]) }];
    let combos: unknown[][] = [[]];
    for (const values of perField) combos = combos.flatMap((prefix) => values.map((value) => [...prefix, value]));
    const seen = new Set<string>();
    const keys: IndexKey[] = [];
    for (const values of combos) {
      const exact = this.keyFromValues(values);
      if (!seen.has(exact)) {
        seen.add(exact);
        keys.push({ values, exact });
      }
    }
    return keys;
  }

  /** A canonical key for one value per field: equal exactly when MongoDB holds the two as the same index key. */
  keyFromValues(values: readonly unknown[]): string {
    return values.length === 1 ? keyOf(values[0]) : compoundKeyOf(values);
  }

  /** Entries in the index (one per document, more for arrays). */
  get entryCount(): number {
    return this.#sorted.size;
  }

  /** Approximate bytes of the index: each entry's key values and `_id` key as BSON. */
  byteSize(): number {
    let bytes = 0;
    for (const entry of this.#sorted.keys()) bytes += calculateObjectSize({ k: entry }) + 8;
    return bytes;
  }

  /**
   * `_id` keys of the documents holding `values` (one per field): a unique index's holder, else from the tree,
   * where numbers are compared in their numeric view (a Long beyond a double's precision may bring a neighbour:
   * callers test candidates against the query).
   */
  lookup(values: readonly unknown[]): string[] {
    if (this.#holders) {
      const holder = this.#holders.get(this.keyFromValues(values));
      return holder === undefined ? [] : [holder];
    }
    const ids: string[] = [];
    this.#sorted.forRange(entryOf(values, LOW), entryOf(values, HIGH), true, (entry) => void ids.push(entry[entry.length - 1] as string));
    return ids;
  }

  /** Throws MongoDB's duplicate key error if another document already holds one of `keys`. */
  assertUnique(keys: readonly IndexKey[], ownId: string, namespace: string): void {
    if (!this.#holders) return;
    for (const key of keys) {
      const holder = this.#holders.get(exactKeyOf(this, key));
      if (holder !== undefined && holder !== ownId) throw this.duplicateKeyError(key.values, namespace);
    }
  }

  duplicateKeyError(values: readonly unknown[], namespace: string): CommandError {
    const keyValue: Doc = {};
    this.fields.forEach((field, i) => {
      keyValue[field] = values[i] ?? null;
    });
    return new CommandError(
      ErrorCode.DuplicateKey,
      `E11000 duplicate key error collection: ${namespace} index: ${this.name} dup key: ${formatValue(keyValue)}`,
      { keyPattern: this.spec.key, keyValue },
    );
  }

  /**
   * Whether two documents' keys make the same entries here: the same values in index order as MongoDB compares
   * them (exactly, for a unique index's map).
   */
  sameKeys(a: readonly IndexKey[], b: readonly IndexKey[]): boolean {
    if (a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) {
      const x = a[k]!.values;
      const y = b[k]!.values;
      if (this.#holders) {
        if (exactKeyOf(this, a[k]!) !== exactKeyOf(this, b[k]!)) return false;
        continue;
      }
      for (let i = 0; i < x.length; i++) {
        if (x[i] !== y[i] && compareValues(toQueryView(x[i]) ?? null, toQueryView(y[i]) ?? null) !== 0) return false;
      }
    }
    return true;
  }

  add(keys: readonly IndexKey[], id: string): void {
    for (const key of keys) {
      this.#holders?.set(exactKeyOf(this, key), id);
      this.#sorted.set(entryOf(key.values, id), undefined);
    }
  }

  remove(keys: readonly IndexKey[], id: string): void {
    for (const key of keys) {
      if (this.#holders) {
        const exact = exactKeyOf(this, key);
        if (this.#holders.get(exact) === id) this.#holders.delete(exact);
      }
      this.#sorted.delete(entryOf(key.values, id));
    }
  }

  /** How many entries lie inside `intervals` (sorted, non-overlapping), counted in the tree without iterators. */
  countEntries(intervals: readonly EntryInterval[]): number {
    let count = 0;
    for (const { low, high } of intervals) count += this.#sorted.forRange(low, high, true);
    return count;
  }

  /**
   * `scan` forward for a caller that reads entries at once: each entry's `_id` key handed to `onId` in the
   * same order, until it answers true (it has what it wants), and the same keys counted — a walk reads the
   * first entry past its interval's end, as `scan` does — without an iterator or a generator step per
   * entry. Checks the time budget every 64 keys.
   */
  forEachId(intervals: readonly EntryInterval[], stats: { keysExamined: number }, onId: (id: string) => boolean): void {
    const compare = this.compareEntries;
    let high: IndexEntry = this.#top;
    const visit = (entry: IndexEntry): { break: true } | undefined => {
      if ((++stats.keysExamined & 63) === 0) checkTimeBudget();
      if (compare(entry, high) > 0) return PAST_THE_END;
      if (onId(entry[entry.length - 1] as string)) {
        done = true;
        return PAST_THE_END;
      }
      return undefined;
    };
    let done = false;
    for (const interval of intervals) {
      high = interval.high;
      this.#sorted.forRange(interval.low, this.#top, true, visit);
      if (done) return;
    }
  }

  /**
   * Walks the entries inside `intervals` (sorted, non-overlapping, in index order) forward or
   * backward, yielding each entry's `_id` key; `onKey` counts keys examined.
   */
  *scan(intervals: readonly EntryInterval[], direction: 1 | -1, onKey: () => void): Generator<string> {
    const ordered = direction === 1 ? intervals : [...intervals].reverse();
    for (const { low, high } of ordered) {
      const entries = direction === 1 ? this.#sorted.keys(low) : iterateKeys(this.#sorted.entriesReversed(high));
      for (const entry of entries) {
        onKey();
        if (direction === 1 ? this.compareEntries(entry, high) > 0 : this.compareEntries(entry, low) < 0) break;
        yield entry[entry.length - 1] as string;
      }
    }
  }
}
