import { Aggregator, find, ProcessingMode, Query } from 'mingo';
import type { CollationSpec } from 'mingo/types';
import type { Doc } from './bsonValues.ts';
import { isPlainObject, toQueryView } from './bsonValues.ts';
import type { Collection, Plan } from './collection.ts';
import { viewOf } from './collection.ts';
import { CommandError, ErrorCode } from './errors.ts';
import { aggregateOptions, queryOptions } from './mingoOptions.ts';

/** What a read or write selects: the documents (stored form, in result order) and how it found them. */
export type Selection = {
  readonly docs: Doc[];
  readonly plan: Plan;
  readonly docsExamined: number;
};

export type SelectOptions = {
  readonly sort?: unknown;
  readonly skip?: unknown;
  readonly limit?: unknown;
  readonly collation?: unknown;
};

function nonNegativeInteger(name: string, value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new CommandError(ErrorCode.BadValue, `${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** Reads a client filter document; MongoDB treats a missing filter as "match everything". */
export function filterOf(value: unknown, field = 'filter'): Doc {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new CommandError(ErrorCode.TypeMismatch, `'${field}' must be an object`);
  return value;
}

/** Reads a client collation (mingo's CollationSpec has MongoDB's shape). */
export function collationOf(value: unknown): CollationSpec | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value) || typeof value['locale'] !== 'string') {
    throw new CommandError(ErrorCode.BadValue, "collation must be an object with a 'locale'");
  }
  return value['locale'] === 'simple' ? undefined : (value as unknown as CollationSpec);
}

function sortOf(value: unknown): Record<string, 1 | -1> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new CommandError(ErrorCode.TypeMismatch, "'sort' must be an object");
  if (Object.keys(value).length === 0) return undefined;
  const spec: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(toQueryView(value))) {
    if (direction !== 1 && direction !== -1) {
      throw new CommandError(ErrorCode.BadValue, `devdb supports sort directions 1 and -1 only; got ${field}: ${JSON.stringify(direction)}`);
    }
    spec[field] = direction;
  }
  return spec;
}

/**
 * Finds the documents matching `filter`: candidates from the plan (see Collection.plan), tested with
 * mingo's Query on their numeric views. When the plan yields them in sort order, skip and limit are
 * applied as they stream, so the scan stops at the last row wanted; otherwise mingo sorts every
 * match. Returns stored documents, so BSON types come back exactly as written.
 */
export function selectDocuments(collection: Collection | undefined, filter: Doc, options: SelectOptions = {}): Selection {
  const collation = collationOf(options.collation);
  const sort = sortOf(options.sort);
  const skip = nonNegativeInteger('skip', options.skip);
  const limit = nonNegativeInteger('limit', options.limit);
  const query = new Query(toQueryView(filter), queryOptions(collation ? { collation } : {}));
  const natural = sort !== undefined && Object.keys(sort).length === 1 && '$natural' in sort;
  if (!collection) {
    return {
      docs: [],
      plan: { stage: 'COLLSCAN', direction: 1, sorted: true, isMultiKey: false, candidates: [], stats: { keysExamined: 0 } },
      docsExamined: 0,
    };
  }
  const plan = collection.plan(filter, { collation, sort: natural ? undefined : sort });

  if (!sort || natural || plan.sorted) {
    const candidates = natural && sort['$natural'] === -1 ? [...plan.candidates].reverse() : plan.candidates;
    const docs: Doc[] = [];
    let skipped = 0;
    let docsExamined = 0;
    for (const doc of candidates) {
      docsExamined += 1;
      if (!query.test(viewOf(doc))) continue;
      if (skipped < skip) {
        skipped += 1;
        continue;
      }
      docs.push(doc);
      if (limit > 0 && docs.length >= limit) break;
    }
    return { docs, plan, docsExamined };
  }

  const storedByView = new Map<Doc, Doc>();
  let docsExamined = 0;
  for (const doc of plan.candidates) {
    docsExamined += 1;
    const view = viewOf(doc);
    if (query.test(view)) storedByView.set(view, doc);
  }
  let cursor = find([...storedByView.keys()], {}, {}, queryOptions(collation ? { collation } : {})).sort(sort);
  if (skip > 0) cursor = cursor.skip(skip);
  if (limit > 0) cursor = cursor.limit(limit);
  const docs = cursor.all().map((view) => storedByView.get(view as Doc)!);
  return { docs, plan, docsExamined };
}

function isSlice(value: unknown): value is { $slice: unknown } {
  return isPlainObject(value) && Object.keys(value).length === 1 && '$slice' in value;
}

/** `{ lines: { $slice: 2 } }` with no included field: MongoDB then keeps every other field; mingo does not. */
function isSliceWithoutInclusion(projection: Doc): boolean {
  const entries = Object.entries(projection);
  return (
    entries.some(([, value]) => isSlice(value)) &&
    entries.every(([path, value]) => isSlice(value) || value === 0 || value === false || path === '_id')
  );
}

/**
 * Runs such a projection as mingo aggregation stages: `$slice` each array in place (leaving
 * non-arrays alone), then drop the excluded fields.
 */
function sliceKeepingOtherFields(docs: readonly Doc[], projection: Doc): Doc[] {
  const slices: Doc = {};
  const exclusions: Doc = {};
  for (const [path, value] of Object.entries(toQueryView(projection))) {
    if (isSlice(value)) {
      const args = Array.isArray(value.$slice) ? value.$slice : [value.$slice];
      slices[path] = { $cond: [{ $isArray: `$${path}` }, { $slice: [`$${path}`, ...args] }, `$${path}`] };
    } else if (value === 0 || value === false) {
      exclusions[path] = 0;
    }
  }
  const stages: Doc[] = [{ $set: slices }, ...(Object.keys(exclusions).length > 0 ? [{ $project: exclusions }] : [])];
  return new Aggregator(stages, aggregateOptions()).run<Doc>(docs as Doc[]);
}

/** MongoDB returns `_id` first; mingo appends it after the included fields. */
function idFirst(doc: Doc): Doc {
  if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const { _id: id, ...rest } = doc;
  return { _id: id, ...rest };
}

/**
 * Applies a find projection with mingo (inclusion, exclusion, `$slice`, `$elemMatch`, positional
 * `field.$`, which needs the query's `filter`). Inputs are cloned first: mingo's nested exclusion
 * deletes from the objects it is given, and those are stored documents.
 */
export function projectDocuments(docs: readonly Doc[], projection: unknown, filter: Doc = {}): Doc[] {
  if (projection === undefined || projection === null) return [...docs];
  if (!isPlainObject(projection)) throw new CommandError(ErrorCode.TypeMismatch, "'projection' must be an object");
  if (Object.keys(projection).length === 0) return [...docs];
  if (isSliceWithoutInclusion(projection)) return sliceKeepingOtherFields(docs, projection);
  const positional = Object.keys(projection).some((path) => path.endsWith('.$'));
  const options = { ...queryOptions(), processingMode: ProcessingMode.CLONE_INPUT };
  return find(docs as Doc[], positional ? toQueryView(filter) : {}, toQueryView(projection), options).all().map((doc) => idFirst(doc as Doc));
}
