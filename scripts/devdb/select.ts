import { ProcessingMode } from 'mingo';
import type { CollationSpec } from 'mingo/types';
import type { Doc } from './bson-values.ts';
import { compoundKeyOf, isPlainObject, isWrappedNumber, numberOf, toQueryView } from './bson-values.ts';
import type { Collection, Plan } from './collection.ts';
import { viewOf } from './collection.ts';
import { CommandError, ErrorCode } from './errors.ts';
import { checkFilterCollation } from './collation-guard.ts';
import { checkTimeBudget } from './time-budget.ts';
import type { EncodedDocument } from './reply-encoding.ts';
import { TopLevelProjector } from './reply-encoding.ts';
import { isPlainRange } from './index-bounds.ts';
import { Aggregator, aggregateOptions, assertSafeRegexesIn, find, inDocumentOrder, Query, queryOptions } from './mingo-options.ts';

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
  /** Evaluated `let` variables, for `$$name` in `$expr`. */
  readonly variables?: Record<string, unknown> | undefined;
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

/** MongoDB's `@collation=` keywords as Unicode `-u-co-` types. */
const collationKeywords: Record<string, string> = {
  phonebook: 'phonebk',
  pinyin: 'pinyin',
  stroke: 'stroke',
  zhuyin: 'zhuyin',
  unihan: 'unihan',
  search: 'search',
  traditional: 'trad',
  dictionary: 'dict',
  standard: 'standard',
  big5han: 'big5han',
  gb2312han: 'gb2312',
};

/** Collation fields MongoDB 7.0 accepts; those devdb cannot honour are refused below by name. */
const collationFields = new Set([
  'locale',
  'strength',
  'caseLevel',
  'caseFirst',
  'numericOrdering',
  'alternate',
  'maxVariable',
  'normalization',
  'backwards',
  'version',
]);

/**
 * MongoDB's locale spelling (`en_US`, `de@collation=phonebook`) as a BCP 47 tag Intl understands
 * (`en-US`, `de-u-co-phonebk`); refuses locales Intl does not know, as MongoDB refuses unknown ones.
 */
export function localeTagOf(locale: string): string {
  const [base = '', keyword] = locale.split('@');
  let tag = base.replace(/_/g, '-');
  if (keyword !== undefined) {
    const match = /^collation=(\w+)$/.exec(keyword);
    const type = match ? collationKeywords[match[1]!] : undefined;
    if (!type) throw new CommandError(ErrorCode.BadValue, `Field 'locale' is invalid in: { locale: ${JSON.stringify(locale)} }`);
    tag += `-u-co-${type}`;
  }
  let supported: string[];
  try {
    supported = Intl.Collator.supportedLocalesOf(tag);
  } catch {
    supported = [];
  }
  if (!/^[A-Za-z]{2,3}([-][A-Za-z0-9]+)*$/.test(tag) || supported.length === 0) {
    throw new CommandError(ErrorCode.BadValue, `Field 'locale' is invalid in: { locale: ${JSON.stringify(locale)} }`);
  }
  return tag;
}

/**
 * Reads a client collation into mingo's CollationSpec (MongoDB's shape, locale as a BCP 47 tag):
 * strength 1–3, caseLevel, caseFirst, numericOrdering and alternate are honoured with Intl.Collator;
 * strength 4–5 and `backwards` (which Intl cannot do) are refused by name, as are unknown fields.
 * `{ locale: 'simple' }` is binary comparison, i.e. no collation.
 */
export function collationOf(value: unknown): CollationSpec | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value) || typeof value['locale'] !== 'string') {
    throw new CommandError(ErrorCode.FailedToParse, "collation must be an object with a 'locale' string");
  }
  for (const field of Object.keys(value)) {
    if (!collationFields.has(field)) throw new CommandError(ErrorCode.UnknownField, `BSON field 'collation.${field}' is an unknown field.`);
  }
  if (value['locale'] === 'simple') return undefined;
  const spec = toQueryView(value) as Record<string, unknown>;
  const strength = spec['strength'] ?? 3;
  if (strength !== 1 && strength !== 2 && strength !== 3) {
    const known = strength === 4 || strength === 5;
    throw new CommandError(
      known ? ErrorCode.CommandNotSupported : ErrorCode.BadValue,
      known
        ? `devdb does not support collation strength ${String(strength)} (Intl.Collator has levels 1–3 only)`
        : `collation strength must be 1 to 5, got ${String(strength)}`,
    );
  }
  if (spec['backwards'] === true) throw new CommandError(ErrorCode.CommandNotSupported, 'devdb does not support collation backwards: true');
  if (spec['caseFirst'] !== undefined && !['upper', 'lower', 'off'].includes(spec['caseFirst'] as string)) {
    throw new CommandError(ErrorCode.BadValue, `collation caseFirst must be 'upper', 'lower' or 'off'`);
  }
  if (spec['alternate'] !== undefined && !['non-ignorable', 'shifted'].includes(spec['alternate'] as string)) {
    throw new CommandError(ErrorCode.BadValue, `collation alternate must be 'non-ignorable' or 'shifted'`);
  }
  return { ...spec, locale: localeTagOf(value['locale']) } as unknown as CollationSpec;
}

function sortOf(value: unknown): Record<string, 1 | -1> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new CommandError(ErrorCode.TypeMismatch, "'sort' must be an object");
  if (Object.keys(value).length === 0) return undefined;
  const spec: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(toQueryView(value))) {
    if (direction !== 1 && direction !== -1) {
      throw new CommandError(
        ErrorCode.BadValue,
        `devdb supports sort directions 1 and -1 only; got ${field}: ${JSON.stringify(direction)}`,
      );
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
  if (collation) checkFilterCollation(filter);
  assertSafeRegexesIn(filter);
  const natural = sort !== undefined && Object.keys(sort).length === 1 && '$natural' in sort;
  if (!collection) {
    // No documents to test, but the filter is still checked: an invalid one fails as on a real collection.
    new Query(
      toQueryView(filter),
      queryOptions({ ...(collation ? { collation } : {}), ...(options.variables ? { variables: options.variables } : {}) }),
    );
    return {
      docs: [],
      plan: { stage: 'COLLSCAN', direction: 1, sorted: true, isMultiKey: false, candidates: [], stats: { keysExamined: 0 } },
      docsExamined: 0,
    };
  }
  // Without a limit (or reversed in natural order) every candidate is read; with no filter, every one
  // matches, so a limit reads the first skip + limit of them.
  const readsEvery = limit === 0 || (natural && sort['$natural'] === -1);
  const reads = readsEvery ? Number.POSITIVE_INFINITY : Object.keys(filter).length === 0 ? skip + limit : undefined;
  const plan = collection.plan(filter, { collation, sort: natural ? undefined : sort, reads });
  // Building a mingo Query copies its whole operator table, which cost more than testing the few
  // documents a batched lookup returns: where every candidate is known to match there is no test, and
  // conditions of strings on top-level fields (a batched lookup, perhaps leaving some values out) are
  // tested directly. A condition the plan's exact lookup already satisfied is not tested again.
  const conditions = collation ? undefined : untestedByPlan(stringConditionsOf(filter), plan.lookupField);
  const matchesEveryCandidate = Object.keys(filter).length === 0 || conditions?.length === 0;
  // An `$or` of equalities on the same fields (a batched read of many compound keys) is a set of keys: testing
  // each candidate against every branch made such a read quadratic in its size.
  const branches = collation || conditions ? undefined : equalityBranchesOf(filter);
  let query: Query | undefined;
  const tested = (doc: Doc): boolean => {
    query ??= new Query(
      toQueryView(filter),
      queryOptions({ ...(collation ? { collation } : {}), ...(options.variables ? { variables: options.variables } : {}) }),
    );
    return query.test(viewOf(doc));
  };
  const matches = (doc: Doc): boolean =>
    matchesEveryCandidate ? true : conditions ? holdsEvery(doc, conditions) : branches ? (branches.holds(doc) ?? tested(doc)) : tested(doc);

  if (!sort || natural || plan.sorted) {
    const candidates = natural && sort['$natural'] === -1 ? [...plan.candidates].reverse() : plan.candidates;
    const docs: Doc[] = [];
    let skipped = 0;
    let docsExamined = 0;
    for (const doc of candidates) {
      // The time budget is checked every 64 documents, as budgeted() does, without a generator per scan.
      if ((++docsExamined & 63) === 0) checkTimeBudget();
      if (!matches(doc)) continue;
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
    if ((++docsExamined & 63) === 0) checkTimeBudget();
    const view = viewOf(doc);
    if (matches(doc)) storedByView.set(view, doc);
  }
  let cursor = find([...storedByView.keys()], {}, {}, queryOptions(collation ? { collation } : {})).sort(sort);
  if (skip > 0) cursor = cursor.skip(skip);
  if (limit > 0) cursor = cursor.limit(limit);
  const docs = cursor.all().map((view) => storedByView.get(view as Doc)!);
  return { docs, plan, docsExamined };
}

/** The branches of an `$or` of equalities, as a set of keys over the fields they all name. */
interface EqualityBranches {
  /** Whether a stored document matches a branch; undefined when it holds an array on one of the fields (to be tested). */
  holds(doc: Doc): boolean | undefined;
}

/**
 * `{$or: [{a: 'x', b: 2}, {a: 'y', b: 3}, …]}` alone, every branch naming the same top-level fields with a string,
 * a boolean or a number (not NaN) each: the set of their canonical keys (numbers equal across BSON types, as
 * MongoDB compares); undefined for any other filter.
 */
function equalityBranchesOf(filter: Doc): EqualityBranches | undefined {
  const keys = Object.keys(filter);
  const or = filter['$or'];
  if (keys.length !== 1 || !Array.isArray(or) || or.length < 2 || !isPlainObject(or[0])) return undefined;
  const fields = Object.keys(or[0]).sort();
  if (fields.length === 0 || fields.some((field) => field.startsWith('$') || field.includes('.'))) return undefined;
  const wanted = new Set<string>();
  for (const branch of or) {
    if (!isPlainObject(branch) || Object.keys(branch).length !== fields.length) return undefined;
    const values = fields.map((field) => branch[field]);
    if (!values.every(isPlainEquality)) return undefined;
    wanted.add(compoundKeyOf(values));
  }
  return {
    holds(doc) {
      const values = fields.map((field) => doc[field]);
      return values.some(Array.isArray) ? undefined : wanted.has(compoundKeyOf(values));
    },
  };
}

/** A string, a boolean or a number of any BSON type (not NaN): a value whose equality keyOf decides. */
function isPlainEquality(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return !Number.isNaN(value);
  return isWrappedNumber(value) && !Number.isNaN(numberOf(value));
}

/** A condition of strings on one top-level field: the value is one of them (or, `negated`, none of them). */
interface StringCondition {
  field: string;
  values: ReadonlySet<string>;
  negated: boolean;
}

/**
 * The conditions of a filter made only of `{field: 'text'}`, `$eq`, `$in`, `$ne` and `$nin` of strings on
 * top-level fields (`{productId: {$in: [...]}, locale: {$nin: [...]}}`); undefined for any other filter.
 */
function stringConditionsOf(filter: Doc): StringCondition[] | undefined {
  const conditions: StringCondition[] = [];
  for (const field in filter) {
    if (field.startsWith('$') || field.includes('.')) return undefined;
    const condition = filter[field];
    if (typeof condition === 'string') {
      conditions.push({ field, values: new Set([condition]), negated: false });
      continue;
    }
    if (!isPlainObject(condition)) return undefined;
    for (const operator in condition) {
      const operand = condition[operator];
      if ((operator === '$eq' || operator === '$ne') && typeof operand === 'string') {
        conditions.push({ field, values: new Set([operand]), negated: operator === '$ne' });
      } else if (
        (operator === '$in' || operator === '$nin') &&
        Array.isArray(operand) &&
        operand.every((value) => typeof value === 'string')
      ) {
        conditions.push({ field, values: new Set(operand as string[]), negated: operator === '$nin' });
      } else {
        return undefined;
      }
    }
  }
  return conditions;
}

/** The conditions left to test when the plan's exact lookup answered the only condition on its field. */
function untestedByPlan(conditions: StringCondition[] | undefined, lookupField: string | undefined): StringCondition[] | undefined {
  if (!conditions || lookupField === undefined) return conditions;
  const onLookupField = conditions.filter((condition) => condition.field === lookupField);
  return onLookupField.length === 1 && !onLookupField[0]!.negated
    ? conditions.filter((condition) => condition !== onLookupField[0])
    : conditions;
}

/**
 * Whether a stored document meets every condition: as MongoDB compares, a missing field equals none of
 * the strings (so it passes `$ne`/`$nin`), and an array equals a string when one of its elements does.
 */
function holdsEvery(doc: Doc, conditions: readonly StringCondition[]): boolean {
  for (const { field, values, negated } of conditions) {
    if (holdsOneOf(doc[field], values) === negated) return false;
  }
  return true;
}

/**
 * MongoDB's equality of a stored value with one of some strings: the value is one of them, or an array
 * with one of them as an element. Index keys of strings are the strings themselves, so the candidates of
 * an exact lookup on that field (Plan.lookupField) all pass this without being tested.
 */
function holdsOneOf(value: unknown, strings: ReadonlySet<string>): boolean {
  if (typeof value === 'string') return strings.has(value);
  return Array.isArray(value) && value.some((item) => typeof item === 'string' && strings.has(item));
}

/** A filter of plain equalities on non-null scalar values (`{categoryPath: 'x', brand: 'y'}`). */
function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date;
}

/** Plain equalities on fields, and at most one plain range: what an index's entries can count exactly. */
function isCountableByIndex(filter: Doc): boolean {
  const entries = Object.entries(filter);
  if (entries.some(([path, value]) => path.startsWith('$') || value === null)) return false;
  const ranges = entries.filter(([, value]) => !isScalar(value));
  return ranges.length === 0 || (ranges.length === 1 && isPlainRange(ranges[0]![1]));
}

/**
 * How many documents match `filter` (after skip/limit), without fetching them where it can: the
 * collection size for no filter, or — as MongoDB's COUNT_SCAN — the index entries of a plan whose
 * bounds are exactly the filter's equalities and, on the next field, its range (a price filter's total).
 * Otherwise it counts a normal selection.
 */
export function countDocuments(collection: Collection | undefined, filter: Doc, options: SelectOptions = {}): number {
  const skip = nonNegativeInteger('skip', options.skip);
  const limit = nonNegativeInteger('limit', options.limit);
  const window = (n: number) => Math.max(0, limit > 0 ? Math.min(n - skip, limit) : n - skip);
  if (!collection) return 0;
  const collation = collationOf(options.collation);
  if (!collation && Object.keys(filter).length === 0) return window(collection.size);
  if (!collation && isCountableByIndex(filter)) {
    const counted = collection.countByIndex(filter);
    if (counted !== undefined) return window(counted);
  }
  return selectDocuments(collection, filter, options).docs.length;
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

/** Which top-level fields an inclusion projection of plain names keeps (`{_id: 0, sku: 1}`), if it is one. */
export function topLevelInclusion(projection: Doc): { fields: ReadonlySet<string>; withId: boolean } | undefined {
  const fields = new Set<string>();
  let withId = true;
  for (const [path, value] of Object.entries(projection)) {
    if (path.includes('.') || path.startsWith('$')) return undefined;
    if (path === '_id' && (value === 0 || value === false)) withId = false;
    else if (value === 1 || value === true) fields.add(path);
    else return undefined;
  }
  return fields.size > 0 ? { fields, withId } : undefined;
}

/**
 * A stored document reduced to the kept top-level fields, in the document's order (as MongoDB returns
 * them). Values are shared with the stored document, which is never mutated (see Collection).
 */
function pickTopLevel(doc: Doc, { fields, withId }: { fields: ReadonlySet<string>; withId: boolean }): Doc {
  const picked: Doc = {};
  for (const key of Object.keys(doc)) {
    if (key === '_id' ? withId || fields.has(key) : fields.has(key)) picked[key] = doc[key];
  }
  return picked;
}

/**
 * `projectDocuments` for a reply: also the projected documents' BSON where it can be cut from the stored
 * documents' bytes (a projection to top-level fields; see reply-encoding.ts), for the cursor.
 */
export function projectForReply(
  docs: readonly Doc[],
  projection: unknown,
  filter: Doc = {},
): { docs: Doc[]; encoded?: (EncodedDocument | undefined)[] } {
  const topLevel = isPlainObject(projection) && !isSliceWithoutInclusion(projection) ? topLevelInclusion(projection) : undefined;
  if (!topLevel) return { docs: projectDocuments(docs, projection, filter) };
  const { fields, withId } = topLevel;
  const projector = new TopLevelProjector((key) => (key === '_id' ? withId || fields.has(key) : fields.has(key)));
  const projected: Doc[] = [];
  const encoded: (EncodedDocument | undefined)[] = [];
  for (const doc of docs) {
    const cut = projector.project(doc);
    projected.push(cut ? cut.picked : pickTopLevel(doc, topLevel));
    encoded.push(cut?.encoded);
  }
  return { docs: projected, encoded };
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
  const topLevel = topLevelInclusion(projection);
  if (topLevel) return docs.map((doc) => pickTopLevel(doc, topLevel));
  const positional = Object.keys(projection).some((path) => path.endsWith('.$'));
  const options = { ...queryOptions(), processingMode: ProcessingMode.CLONE_INPUT };
  const projected = find(docs as Doc[], positional ? toQueryView(filter) : {}, toQueryView(projection), options).all();
  if (projected.length !== docs.length) return projected as Doc[];
  return projected.map((doc, i) => inDocumentOrder(doc as Doc, docs[i]!));
}

/**
 * Checks a `hint` (an index name or key pattern, or `{$natural: ±1}`) against the collection's
 * indexes: MongoDB refuses a hint naming no index (BadValue); the devdb's planner then chooses as usual.
 */
export function checkHint(collection: Collection | undefined, hint: unknown): void {
  if (hint === undefined || hint === null || !collection) return;
  const specs = collection.indexSpecs();
  if (typeof hint === 'string') {
    if (specs.some((spec) => spec.name === hint)) return;
  } else if (isPlainObject(hint)) {
    const keys = Object.keys(hint);
    if (keys.length === 0 || (keys.length === 1 && keys[0] === '$natural')) return;
    const wanted = JSON.stringify(toQueryView(hint));
    if (specs.some((spec) => JSON.stringify(toQueryView(spec.key)) === wanted)) return;
  } else {
    throw new CommandError(ErrorCode.FailedToParse, 'hint must be a string or an object');
  }
  throw new CommandError(
    ErrorCode.BadValue,
    'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
  );
}
