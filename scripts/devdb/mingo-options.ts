import { ProcessingMode } from 'mingo';
import { Aggregator as BaseAggregator } from 'mingo/aggregator';
import { Context, evalExpr } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query as BaseQuery } from 'mingo/query';
import { Lazy } from 'mingo/lazy';
import type { Iterator } from 'mingo/lazy';
import type { CollationSpec, CollectionResolver, Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import isSafeRegex from 'safe-regex2';
import { CommandError, ErrorCode } from './errors.ts';

type Predicate = (doc: Record<string, unknown>) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

/** The values a query path reaches: array elements count as values too (MongoDB's implicit `$elemMatch`). */
function valuesAt(doc: Record<string, unknown>, selector: string): unknown[] {
  const value: unknown = resolve(doc, selector, { unwrapArray: true });
  if (!Array.isArray(value)) return [value];
  return [value, ...value.flat(selector.split('.').length)];
}

/**
 * `$mod` as MongoDB has it: only numbers match (mingo lets `null % 5 === 0` match), the divisor and
 * remainder are truncated integers, and a zero divisor is refused.
 */
const $mod: QueryOperator = (selector, value) => {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new CommandError(ErrorCode.BadValue, 'malformed mod, needs to be an array of two numbers');
  }
  const divisor = Math.trunc(value[0] as number);
  const remainder = Math.trunc(value[1] as number);
  if (divisor === 0) throw new CommandError(ErrorCode.BadValue, 'divisor cannot be 0');
  return (doc) => valuesAt(doc, selector).some((x) => typeof x === 'number' && Number.isFinite(x) && Math.trunc(x) % divisor === remainder);
};

/** Intl.Collator sensitivity for MongoDB's strength (1 base letters, 2 + accents, 3 + case), with caseLevel. */
function sensitivityOf(spec: CollationSpec): Intl.CollatorOptions['sensitivity'] {
  const strength = spec.strength ?? 3;
  if (strength === 1) return spec.caseLevel ? 'case' : 'base';
  if (strength === 2) return spec.caseLevel ? 'variant' : 'accent';
  return 'variant';
}

/** The collator a (normalised) MongoDB collation stands for. */
export function collatorOf(spec: CollationSpec): Intl.Collator {
  return new Intl.Collator(spec.locale, {
    sensitivity: sensitivityOf(spec),
    numeric: spec.numericOrdering === true,
    ...(spec.caseFirst && spec.caseFirst !== 'off' ? { caseFirst: spec.caseFirst } : {}),
    ignorePunctuation: spec.alternate === 'shifted',
    usage: 'sort',
  });
}

/**
 * Query comparisons under a collation: where both sides are strings they compare with the collator
 * (so `{x: 'PING'}` at strength 2 matches `'ping'`); anything else compares as mingo does.
 */
function collatedOperators(spec: CollationSpec): Record<string, QueryOperator> {
  const collator = collatorOf(spec);
  const defaults = queryOperators as unknown as Record<string, QueryOperator>;
  const stringEquals = (selector: string, wanted: readonly string[]) => (doc: Record<string, unknown>) =>
    valuesAt(doc, selector).some((x) => typeof x === 'string' && wanted.some((w) => collator.compare(x, w) === 0));
  const equals: QueryOperator = (selector, value, options) => {
    const exact = defaults['$eq']!(selector, value, options);
    if (typeof value !== 'string') return exact;
    const collated = stringEquals(selector, [value]);
    return (doc) => collated(doc) || exact(doc);
  };
  const within: QueryOperator = (selector, value, options) => {
    if (Array.isArray(value)) value.forEach(assertSafeRegexValue);
    const exact = defaults['$in']!(selector, value, options);
    const strings = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    if (strings.length === 0) return exact;
    const collated = stringEquals(selector, strings);
    return (doc) => collated(doc) || exact(doc);
  };
  const ordered =
    (name: string, test: (order: number) => boolean): QueryOperator =>
    (selector, value, options) => {
      if (typeof value !== 'string') return defaults[name]!(selector, value, options);
      return (doc) => valuesAt(doc, selector).some((x) => typeof x === 'string' && test(collator.compare(x, value)));
    };
  return {
    $eq: equals,
    $ne: (selector, value, options) => {
      const eq = equals(selector, value, options);
      return (doc) => !eq(doc);
    },
    $in: within,
    $nin: (selector, value, options) => {
      const isIn = within(selector, value, options);
      return (doc) => !isIn(doc);
    },
    $gt: ordered('$gt', (order) => order > 0),
    $gte: ordered('$gte', (order) => order >= 0),
    $lt: ordered('$lt', (order) => order < 0),
    $lte: ordered('$lte', (order) => order <= 0),
  };
}

/**
 * mingo's own entry points merge the operators a caller passes *under* its defaults, so a
 * replacement never takes effect; the devdb builds the whole operator table itself and uses mingo's
 * base Query and Aggregator, which take the context as given.
 */
/**
 * MongoDB keeps the input document's field order in `$project` output (`_id` first, computed fields
 * after); mingo orders by the projection and puts `_id` last. Reorders each output like its input,
 * also inside embedded documents.
 */
export function inDocumentOrder(projected: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
  for (const key of Object.keys(source)) {
    if (!(key in projected)) continue;
    const value = projected[key];
    const original = source[key];
    ordered[key] = isObject(value) && isObject(original) ? inDocumentOrder(value, original) : value;
  }
  for (const key of Object.keys(projected)) if (!(key in ordered)) ordered[key] = projected[key];
  return ordered;
}

type PipelineOperator = (collection: Iterator, expr: unknown, options: Options) => Iterator;
const defaultProject = (pipelineOperators as unknown as Record<string, PipelineOperator>)['$project']!;

/** `$project` with MongoDB's field order (see inDocumentOrder); one output per input, in order. */
const $project: PipelineOperator = (collection, expr, options) =>
  collection.map((doc: Record<string, unknown>) => {
    const projected = defaultProject(Lazy([doc]), expr, options).next().value as Record<string, unknown> | undefined;
    return projected ? inDocumentOrder(projected, doc) : projected;
  });

/** The expression operator a collated `$group` key is wrapped in (see collatedGroupKey). */
export const COLLATED_KEY = '$_devdbCollatedKey';

/**
 * Under a collation, `$group` keys that the collator finds equal form one group, as in MongoDB:
 * each string in a key is replaced by the first equal string met in this run, so mingo's exact
 * grouping sees equal keys. The group's `_id` is then that first spelling.
 */
function collatedKeyOperator(spec: CollationSpec) {
  const collator = collatorOf(spec);
  const seen: string[] = [];
  const canonical = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const match = seen.find((other) => collator.compare(other, value) === 0);
      if (match !== undefined) return match;
      seen.push(value);
      return value;
    }
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, canonical(item)]));
    }
    return value;
  };
  return (obj: unknown, expr: unknown, options: Options) => canonical(evalExpr(obj, expr, options));
}

function contextWith(query: Record<string, QueryOperator>, collation?: CollationSpec): Context {
  return Context.init({
    accumulator: accumulatorOperators as never,
    expression: {
      ...(expressionOperators as never as Record<string, unknown>),
      ...(collation ? { [COLLATED_KEY]: collatedKeyOperator(collation) } : {}),
    } as never,
    pipeline: { ...(pipelineOperators as unknown as Record<string, PipelineOperator>), $project } as never,
    projection: projectionOperators as never,
    query: { ...(queryOperators as unknown as Record<string, QueryOperator>), ...query } as never,
    window: windowOperators as never,
  });
}

/**
 * `$regex` (also `{field: /re/}`), refusing patterns that can take exponential time: a JavaScript
 * regular expression cannot be interrupted, so `^(a+)+$` against 27 characters would block the
 * server for seconds. safe-regex2 flags nested quantifiers (star height > 1); such a query fails at
 * once with MaxTimeMSExpired, as it would past any reasonable time budget on MongoDB.
 */
const $regex: QueryOperator = (selector, value, options) => {
  assertSafeRegex(value);
  return (queryOperators as unknown as Record<string, QueryOperator>)['$regex']!(selector, value, options);
};

/** Throws MaxTimeMSExpired for a pattern that may backtrack exponentially. */
export function assertSafeRegex(value: unknown): void {
  const source = value instanceof RegExp ? value.source : typeof value === 'string' ? value : undefined;
  if (source !== undefined && !isSafeRegex(source)) {
    throw new CommandError(
      ErrorCode.MaxTimeMSExpired,
      `operation exceeded time limit: devdb refuses the regular expression /${source.slice(0, 100)}/, whose nested quantifiers can take exponential time`,
    );
  }
}

/**
 * In an `$in`/`$nin` list only regular expression values are patterns: a string there is matched literally,
 * so `{sku: {$in: ['(']}}` is an ordinary equality, never a refused regex.
 */
function assertSafeRegexValue(value: unknown): void {
  if (value instanceof RegExp) assertSafeRegex(value);
}

/**
 * Refuses (as assertSafeRegex) every regular expression written into a filter or pipeline: regex
 * values, `$regex` strings and the `regex` of `$regexMatch`/`$regexFind`/`$regexFindAll`. Patterns
 * computed from documents at run time are not seen here.
 */
export function assertSafeRegexesIn(value: unknown): void {
  if (value instanceof RegExp) {
    assertSafeRegex(value);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach(assertSafeRegexesIn);
    return;
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return;
  for (const [key, item] of Object.entries(value)) {
    if (key === '$regex') assertSafeRegex(item);
    else if ((key === '$regexMatch' || key === '$regexFind' || key === '$regexFindAll') && item !== null && typeof item === 'object') {
      assertSafeRegex((item as Record<string, unknown>)['regex']);
    }
    assertSafeRegexesIn(item);
  }
}

/** A value `$in` can look up in a Set with the same answer as mingo's deep equality (SameValueZero). */
function isSetComparable(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * `$in` (and so `$nin`) with the same refusal for regular expressions in its list. A list of plain strings,
 * numbers and booleans (the `$in` of every DataLoader batch) is matched through a Set built once per query:
 * mingo builds a hash map of the whole list for every document it tests, which made a 20-key batch over a
 * few hundred candidates cost more than the rest of the command. Same answers: the path's values are
 * resolved as mingo does (array elements count), a missing value matches only a `null` in the list (never
 * in such a list), and no object or array equals a primitive.
 */
const $in: QueryOperator = (selector, value, options) => {
  if (Array.isArray(value)) value.forEach(assertSafeRegexValue);
  if (Array.isArray(value) && value.length > 0 && value.every(isSetComparable)) {
    const wanted = new Set<unknown>(value);
    return (doc) => {
      const found: unknown = resolve(doc, selector, { unwrapArray: true });
      if (found === null || found === undefined) return false;
      return Array.isArray(found) ? found.some((item) => wanted.has(item)) : wanted.has(found);
    };
  }
  return (queryOperators as unknown as Record<string, QueryOperator>)['$in']!(selector, value, options);
};

const plainContext = contextWith({ $mod, $regex, $in });

/** mingo's Query with the devdb's operator table (pass options from queryOptions). */
export class Query extends BaseQuery {}

/** mingo's Aggregator with the devdb's operator table (pass options from aggregateOptions). */
export class Aggregator extends BaseAggregator {}

/** `find` over an array with the devdb's operator table. */
export function find(
  collection: readonly object[],
  condition: Record<string, unknown>,
  projection: Record<string, unknown>,
  options: Partial<Options>,
) {
  return new Query(condition, options).find(collection as object[], projection);
}

/**
 * Options for every mingo Query/Aggregator the devdb builds. Server-side JavaScript (`$where`,
 * `$function`, `$accumulator`) is disabled: a client must not run code in our process, and MongoDB
 * itself deprecates it. mingo then throws, and the client gets an error naming the operator.
 * Query operators mingo gets wrong (`$mod`) or that a collation changes are replaced.
 */
export function queryOptions(
  extra: { collation?: CollationSpec; collectionResolver?: CollectionResolver; variables?: Record<string, unknown> } = {},
): Partial<Options> {
  const context = extra.collation
    ? contextWith({ $mod, $regex, $in, ...collatedOperators(extra.collation) }, extra.collation)
    : plainContext;
  return { scriptEnabled: false, useStrictMode: true, ...extra, context };
}

/**
 * Aggregation options: CLONE_INPUT because mingo's stages (`$set` on a nested path, `$unwind` then
 * `$set`) otherwise write into the input objects, and those are our stored documents.
 */
export function aggregateOptions(
  extra: { collation?: CollationSpec; collectionResolver?: CollectionResolver; variables?: Record<string, unknown> } = {},
): Partial<Options> {
  return { ...queryOptions(extra), processingMode: ProcessingMode.CLONE_INPUT };
}
