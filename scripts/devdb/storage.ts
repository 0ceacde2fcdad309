import type { Doc } from './bson-values.ts';
import { keyOf } from './bson-values.ts';
import { Collection } from './collection.ts';
import { CommandError, ErrorCode } from './errors.ts';
import type { Journal, JournalRecord } from './journal.ts';

/** Checks a database name the way MongoDB does (no empty names, no `/\. "$` and NUL). */
export function assertDatabaseName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || /[/\\. "$\0]/.test(name) || name.length > 63) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid database name: '${String(name)}'`);
  }
}

/** Checks a collection name (not empty, no `$` or NUL). */
export function assertCollectionName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.includes('$') || name.includes('\0')) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid collection name: '${String(name)}'`);
  }
}

/** The databases of one devdb server, each a set of named collections. Isolated by name. */
export class Storage {
  readonly #databases = new Map<string, Map<string, Collection>>();
  #journal: Journal | undefined;

  /** Records every later change in `journal` (after a replay has rebuilt the data from it). */
  attachJournal(journal: Journal): void {
    this.#journal = journal;
    for (const collections of this.#databases.values()) for (const collection of collections.values()) collection.journal = journal;
  }

  databaseNames(): string[] {
    return [...this.#databases.keys()];
  }

  collections(database: string): Collection[] {
    return [...(this.#databases.get(database)?.values() ?? [])];
  }

  /** The collection if it exists. */
  find(database: string, name: string): Collection | undefined {
    return this.#databases.get(database)?.get(name);
  }

  /** The collection, created on first use as MongoDB does for writes and index builds. */
  obtain(database: string, name: string): { collection: Collection; created: boolean } {
    const existing = this.find(database, name);
    if (existing) return { collection: existing, created: false };
    return { collection: this.create(database, name), created: true };
  }

  /** Creates a collection (`create` command); an existing one is fine with equal options, else NamespaceExists. */
  create(database: string, name: string, options: Doc = {}): Collection {
    assertDatabaseName(database);
    assertCollectionName(name);
    let collections = this.#databases.get(database);
    if (!collections) this.#databases.set(database, (collections = new Map()));
    const existing = collections.get(name);
    if (existing && keyOf(existing.options) === keyOf(options)) return existing;
    if (existing) {
      throw new CommandError(ErrorCode.NamespaceExists, `Collection ${database}.${name} already exists.`);
    }
    const collection = new Collection(database, name, options);
    collections.set(name, collection);
    this.#journal?.append({ op: 'create', db: database, coll: name, options });
    collection.journal = this.#journal;
    return collection;
  }

  /**
   * Moves a collection to a new namespace (`renameCollection`), replacing an existing target only
   * with `dropTarget`. The collection keeps its documents, indexes, options and UUID.
   */
  rename(fromDb: string, from: string, toDb: string, to: string, dropTarget: boolean): void {
    assertDatabaseName(toDb);
    assertCollectionName(to);
    const source = this.find(fromDb, from);
    if (!source) throw new CommandError(ErrorCode.NamespaceNotFound, `Source collection ${fromDb}.${from} does not exist`);
    if (fromDb === toDb && from === to) throw new CommandError(ErrorCode.IllegalOperation, "Can't rename a collection to itself");
    if (this.find(toDb, to)) {
      if (!dropTarget) throw new CommandError(ErrorCode.NamespaceExists, 'target namespace exists');
      this.drop(toDb, to);
    }
    const journal = this.#journal;
    this.#journal = undefined; // one 'rename' record stands for the moves below
    try {
      this.drop(fromDb, from);
      this.#place(toDb, to, source);
    } finally {
      this.#journal = journal;
    }
    source.database = toDb;
    source.name = to;
    journal?.append({ op: 'rename', db: fromDb, coll: from, toDb, to });
  }

  /**
   * Puts a collection built elsewhere under a name, replacing whatever was there (`$out`). The
   * journal records the replacement as one all-or-nothing transaction.
   */
  put(database: string, name: string, collection: Collection): void {
    this.#place(database, name, collection);
    collection.journal = this.#journal;
    this.#journal?.appendAtomically(
      (function* records() {
        yield { op: 'drop', db: database, coll: name };
        yield { op: 'create', db: database, coll: name, options: collection.options };
        for (const spec of collection.indexSpecs().slice(1)) yield { op: 'createIndex', db: database, coll: name, spec };
        for (const doc of collection.documents()) yield { op: 'insert', db: database, coll: name, doc };
      })(),
    );
  }

  #place(database: string, name: string, collection: Collection): void {
    assertDatabaseName(database);
    assertCollectionName(name);
    let collections = this.#databases.get(database);
    if (!collections) this.#databases.set(database, (collections = new Map()));
    collections.set(name, collection);
  }

  /** Records that rebuild the current data from nothing (a compacted journal). */
  *snapshot(): Generator<JournalRecord> {
    for (const [database, collections] of this.#databases) {
      for (const [name, collection] of collections) {
        yield { op: 'create', db: database, coll: name, options: collection.options };
        for (const spec of collection.indexSpecs().slice(1)) yield { op: 'createIndex', db: database, coll: name, spec };
        for (const doc of collection.documents()) yield { op: 'insert', db: database, coll: name, doc };
      }
    }
  }

  /** Removes a collection; returns whether it existed. */
  drop(database: string, name: string): boolean {
    const collections = this.#databases.get(database);
    const existed = collections?.delete(name) ?? false;
    if (collections?.size === 0) this.#databases.delete(database);
    if (existed) this.#journal?.append({ op: 'drop', db: database, coll: name });
    return existed;
  }

  dropDatabase(database: string): void {
    if (this.#databases.delete(database)) this.#journal?.append({ op: 'dropDatabase', db: database });
  }

  /** Runs the TTL sweep over every collection; returns the number of expired documents removed. */
  sweepExpired(now: number): number {
    let removed = 0;
    for (const collections of this.#databases.values()) {
      for (const collection of collections.values()) removed += collection.sweepExpired(now);
    }
    return removed;
  }
}
