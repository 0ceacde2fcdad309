import { ObjectId } from 'bson';
import type { Doc } from './bson-values.ts';
import { isPlainObject, toQueryView } from './bson-values.ts';
import type { Index, EntryInterval } from './indexes.ts';
import type { IndexEntry } from './key-order.ts';
import { BracketEdge, compareValues, HIGH, LOW, typeRank } from './key-order.ts';

/**
 * Index bounds: which stretches of a sorted index can hold the documents a filter matches. The
 * answer is conservative — every matching document has an entry inside the bounds — and the query
 * itself is still run on each fetched document, so bounds only decide how little is read.
 *
 * A filter's conditions on each indexed field become one value interval per field (equality is a
 * point, `$in` a set of points, `$gt`/`$lt`… a range within the value's type, as MongoDB's type
 * bracketing does); those become intervals of index entries by MongoDB's rule: points on leading fields
 * (one interval per `$in` value, so a batched lookup on a compound index's first field reads only the
 * entries of the values asked for), then at most one range, then anything. `$and` clauses merge into the
 * same conjunction; `$or` unions its branches' intervals (the keyset-pagination shape
 * `{$or: [{a: {$gt: v}}, {a: v, b: {$gt: w}}]}` becomes "entries after (v, w)").
 */

/** Values bounds are built from; anything else (regexes, arrays, documents, MinKey…) is not bounded. */
function isBoundable(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'number':
      return !Number.isNaN(value);
    case 'string':
    case 'boolean':
      return true;
    default:
      return value instanceof Date || value instanceof ObjectId;
  }
}

/**
 * An interval of one field's values, ends possibly a BracketEdge, LOW or HIGH. `points`, when present
 * (from `$in`), are the only values the field may hold: distinct, ascending, all inside the interval.
 */
type ValueInterval = { low: unknown; lowIncluded: boolean; high: unknown; highIncluded: boolean; points?: readonly unknown[] };

/** The interval that holds nothing (its low end above its high end, so it yields no entry interval). */
const NOTHING: ValueInterval = { low: HIGH, lowIncluded: false, high: LOW, highIncluded: false, points: [] };

const EVERYTHING: ValueInterval = { low: LOW, lowIncluded: true, high: HIGH, highIncluded: true };

function point(value: unknown): ValueInterval {
  return { low: value, lowIncluded: true, high: value, highIncluded: true };
}

function isPoint(interval: ValueInterval): boolean {
  return (
    interval.low !== LOW &&
    interval.high !== HIGH &&
    interval.lowIncluded &&
    interval.highIncluded &&
    !(interval.low instanceof BracketEdge) &&
    compareValues(interval.low, interval.high) === 0
  );
}

function compareEnds(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === LOW || b === HIGH) return -1;
  if (a === HIGH || b === LOW) return 1;
  return compareValues(a, b);
}

function contains(interval: ValueInterval, value: unknown): boolean {
  const low = compareEnds(interval.low, value);
  const high = compareEnds(value, interval.high);
  return (low < 0 || (low === 0 && interval.lowIncluded)) && (high < 0 || (high === 0 && interval.highIncluded));
}

function intersect(a: ValueInterval, b: ValueInterval): ValueInterval {
  const lowOrder = compareEnds(a.low, b.low);
  const highOrder = compareEnds(a.high, b.high);
  const range: ValueInterval = {
    low: lowOrder >= 0 ? a.low : b.low,
    lowIncluded: lowOrder > 0 ? a.lowIncluded : lowOrder < 0 ? b.lowIncluded : a.lowIncluded && b.lowIncluded,
    high: highOrder <= 0 ? a.high : b.high,
    highIncluded: highOrder < 0 ? a.highIncluded : highOrder > 0 ? b.highIncluded : a.highIncluded && b.highIncluded,
  };
  if (!a.points && !b.points) return range;
  // Points survive when the other condition allows them too (inside its range, and among its points).
  const points = (a.points ?? b.points!).filter(
    (value) => contains(range, value) && (!a.points || !b.points || b.points.some((other) => compareValues(other, value) === 0)),
  );
  if (points.length === 0) return NOTHING;
  return pointsInterval(points);
}

/** The interval of some distinct ascending values: a plain point for one value. */
function pointsInterval(points: readonly unknown[]): ValueInterval {
  if (points.length === 1) return point(points[0]);
  return { low: points[0], lowIncluded: true, high: points[points.length - 1], highIncluded: true, points };
}

/** The interval one operator condition allows, or undefined when it does not bound the field. */
function operatorInterval(operator: string, operand: unknown): ValueInterval | undefined {
  const value = toQueryView(operand);
  switch (operator) {
    case '$eq':
      return isBoundable(value) ? point(value) : undefined;
    case '$in': {
      if (!Array.isArray(value) || value.length === 0 || !value.every(isBoundable)) return undefined;
      const sorted = [...value].sort(compareValues);
      return pointsInterval(sorted.filter((item, i) => i === 0 || compareValues(sorted[i - 1], item) !== 0));
    }
    case '$gt':
    case '$gte':
      if (!isBoundable(value) || value === null) return undefined;
      return { low: value, lowIncluded: operator === '$gte', high: new BracketEdge(typeRank(value), 1), highIncluded: true };
    case '$lt':
    case '$lte':
      if (!isBoundable(value) || value === null) return undefined;
      return { low: new BracketEdge(typeRank(value), -1), lowIncluded: true, high: value, highIncluded: operator === '$lte' };
    default:
      return undefined;
  }
}

/**
 * Adds a field's condition to `fields`. On a multikey field different conditions may be met by
 * different array elements, so there only the first point-like condition is kept, never intersected.
 */
function addCondition(fields: Map<string, ValueInterval>, path: string, condition: unknown, multikey: boolean): void {
  const conditions: ValueInterval[] = [];
  if (isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'))) {
    for (const [operator, operand] of Object.entries(condition)) {
      const interval = operatorInterval(operator, operand);
      if (interval && (!multikey || operator === '$eq' || operator === '$in')) conditions.push(interval);
    }
  } else if (isBoundable(toQueryView(condition))) {
    conditions.push(point(toQueryView(condition)));
  }
  if (conditions.length === 0) return;
  if (multikey) {
    if (!fields.has(path)) fields.set(path, conditions[0]!);
    return;
  }
  fields.set(path, conditions.reduce(intersect, fields.get(path) ?? EVERYTHING));
}

/** Flattens a conjunction (nested `$and`s) into per-field intervals, collecting its `$or`s. */
function gather(filter: Doc, index: Index, fields: Map<string, ValueInterval>, ors: Doc[][]): void {
  for (const [path, condition] of Object.entries(filter)) {
    if (path === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) gather(clause, index, fields, ors);
    } else if (path === '$or' && Array.isArray(condition) && condition.every(isPlainObject)) {
      ors.push(condition);
    } else if (!path.startsWith('$') && index.fields.includes(path)) {
      addCondition(fields, path, condition, index.multikeyFields.has(path));
    }
  }
}

/** At most this many separate intervals are kept; beyond, they merge into one spanning all. */
const MAX_INTERVALS = 1024;

/**
 * The intervals of entries for per-field intervals: points on leading fields (each combination of
 * `$in` values its own interval, unless there would be more than MAX_INTERVALS), then one range.
 */
function entryIntervals(index: Index, fields: Map<string, ValueInterval>): EntryInterval[] {
  let combinations = 1;
  for (const field of index.fields) {
    const interval = fields.get(field);
    if (!interval || !(interval.points || isPoint(interval))) break;
    combinations *= interval.points?.length ?? 1;
  }
  const splitPoints = combinations <= MAX_INTERVALS;
  const intervals: EntryInterval[] = [];
  const build = (from: number, low: IndexEntry, high: IndexEntry): void => {
    const interval = fields.get(index.fields[from]!);
    if (splitPoints && interval?.points && from < index.fields.length) {
      for (const value of interval.points) build(from + 1, [...low, value], [...high, value]);
      return;
    }
    intervals.push(entryInterval(index, fields, from, low, high));
  };
  build(0, [], []);
  return intervals;
}

/** One interval of entries, from field `from` on, after the leading values already in `low` and `high`. */
function entryInterval(index: Index, fields: Map<string, ValueInterval>, from: number, low: IndexEntry, high: IndexEntry): EntryInterval {
  const slots = index.fields.length + 1; // the fields, then the `_id` key
  for (let i = from; i < index.fields.length; i++) {
    const interval = fields.get(index.fields[i]!);
    if (!interval || (interval.low === LOW && interval.high === HIGH)) break;
    if (isPoint(interval)) {
      low.push(interval.low);
      high.push(interval.high);
      continue;
    }
    if (interval.points?.length === 0) return { low: [HIGH], high: [LOW] }; // nothing can match
    // In a descending field the index holds values from high to low.
    const ascending = index.directions[i] === 1;
    const first = ascending ? interval.low : interval.high;
    const firstIncluded = ascending ? interval.lowIncluded : interval.highIncluded;
    const last = ascending ? interval.high : interval.low;
    const lastIncluded = ascending ? interval.highIncluded : interval.lowIncluded;
    low.push(first);
    high.push(last);
    // "> v" starts after every entry holding v; "≥ v" at the first of them.
    while (low.length < slots) low.push(firstIncluded ? LOW : HIGH);
    while (high.length < slots) high.push(lastIncluded ? HIGH : LOW);
    return { low, high };
  }
  while (low.length < slots) low.push(LOW);
  while (high.length < slots) high.push(HIGH);
  return { low, high };
}

/** Sorts intervals, drops empty ones and merges overlapping ones, so a scan reads each entry once. */
function normalise(index: Index, intervals: EntryInterval[]): EntryInterval[] {
  const compare = index.compareEntries;
  const nonEmpty = intervals.filter(({ low, high }) => compare(low, high) <= 0).sort((a, b) => compare(a.low, b.low));
  const merged: EntryInterval[] = [];
  for (const interval of nonEmpty) {
    const last = merged[merged.length - 1];
    if (last && compare(interval.low, last.high) <= 0) {
      if (compare(interval.high, last.high) > 0) merged[merged.length - 1] = { low: last.low, high: interval.high };
    } else {
      merged.push(interval);
    }
  }
  if (merged.length <= MAX_INTERVALS) return merged;
  return [{ low: merged[0]!.low, high: merged[merged.length - 1]!.high }];
}

/** Beyond this many pairs, two interval lists intersect as their hulls (still every match, read less finely). */
const MAX_INTERSECTED_PAIRS = 4096;

function hull(intervals: readonly EntryInterval[]): EntryInterval[] {
  return intervals.length <= 1 ? [...intervals] : [{ low: intervals[0]!.low, high: intervals[intervals.length - 1]!.high }];
}

function intersectAll(index: Index, a: readonly EntryInterval[], b: readonly EntryInterval[]): EntryInterval[] {
  if (a.length * b.length > MAX_INTERSECTED_PAIRS) return intersectAll(index, hull(a), hull(b));
  const compare = index.compareEntries;
  const result: EntryInterval[] = [];
  for (const x of a) {
    for (const y of b) {
      result.push({
        low: compare(x.low, y.low) >= 0 ? x.low : y.low,
        high: compare(x.high, y.high) <= 0 ? x.high : y.high,
      });
    }
  }
  return normalise(index, result);
}

/** The intervals a filter allows in `index`, normalised (see normalise). */
function intervalsOf(filter: Doc, index: Index, inherited: ReadonlyMap<string, ValueInterval>): EntryInterval[] {
  const fields = new Map(inherited);
  const ors: Doc[][] = [];
  gather(filter, index, fields, ors);
  let intervals = normalise(index, entryIntervals(index, fields));
  for (const branches of ors) {
    const union = normalise(
      index,
      branches.flatMap((branch) => intervalsOf(branch, index, fields)),
    );
    intervals = intersectAll(index, intervals, union);
  }
  return intervals;
}

/**
 * The stretches of `index` a scan must read to find every document `filter` may match: sorted,
 * non-overlapping, possibly none (the filter cannot match).
 */
export function indexIntervals(filter: Doc, index: Index): EntryInterval[] {
  return stringPointIntervals(filter, index) ?? generalIndexIntervals(filter, index);
}

/** indexIntervals by the general interval algebra, whatever the filter (the string-points path is checked against it). */
export function generalIndexIntervals(filter: Doc, index: Index): EntryInterval[] {
  return intervalsOf(filter, index, new Map()); // already sorted, non-empty and merged
}

/** Operators that bound a field (see operatorInterval); any other operator leaves it unbounded. */
const boundingOperators = new Set(['$eq', '$in', '$gt', '$gte', '$lt', '$lte']);

/**
 * The strings a condition pins a field to (`'x'`, `{$eq: 'x'}`, `{$in: [...strings]}`, beside operators
 * that do not bound, such as `$nin`), distinct and ascending; `[]` when it does not bound the field; undefined
 * for any other condition (the general path then decides).
 */
function stringPointsOf(condition: unknown): readonly string[] | undefined {
  if (condition === undefined) return [];
  if (typeof condition === 'string') return [condition];
  if (!isPlainObject(condition)) return undefined;
  let points: readonly string[] = [];
  let operators = false;
  for (const operator in condition) {
    if (!operator.startsWith('$')) continue;
    operators = true;
    if (!boundingOperators.has(operator)) continue;
    if (points.length > 0) return undefined; // two bounding conditions: intersected by the general path
    const operand = condition[operator];
    if (operator === '$eq' && typeof operand === 'string') {
      points = [operand];
    } else if (operator === '$in' && Array.isArray(operand) && operand.length > 0 && operand.every((value) => typeof value === 'string')) {
      // Strings order by their UTF-16 code units here, as compareValues orders them.
      const sorted = (operand as string[]).slice().sort();
      points = sorted.filter((value, i) => i === 0 || sorted[i - 1] !== value);
    } else {
      return undefined;
    }
  }
  return operators ? points : []; // a document literal is not bounded
}

/**
 * indexIntervals for the common filter of string points (`{productId: {$in: [...]}, locale: {$nin: [...]}}`):
 * the same intervals the general path gives — one per combination of the leading `$in` values, then one
 * span — built directly, in index order, without the general interval algebra. Undefined for any other filter.
 */
function stringPointIntervals(filter: Doc, index: Index): EntryInterval[] | undefined {
  for (const path in filter) if (path.startsWith('$')) return undefined;
  const fields = index.fields;
  const pointsPerField: (readonly string[])[] = [];
  for (const field of fields) {
    const points = stringPointsOf(filter[field]);
    if (!points) return undefined;
    pointsPerField.push(points);
  }
  let combinations = 1;
  for (const points of pointsPerField) {
    if (points.length === 0) break;
    combinations *= points.length;
  }
  const splitPoints = combinations <= MAX_INTERVALS;
  const slots = fields.length + 1;
  const intervals: EntryInterval[] = [];
  const build = (from: number, low: IndexEntry, high: IndexEntry): void => {
    const points = pointsPerField[from];
    if (splitPoints && points !== undefined && points.length > 1) {
      // In a descending field the index holds values from high to low.
      const ascending = index.directions[from] === 1;
      for (let k = 0; k < points.length; k++) {
        const value = points[ascending ? k : points.length - 1 - k]!;
        build(from + 1, [...low, value], [...high, value]);
      }
      return;
    }
    for (let i = from; i < fields.length; i++) {
      const here = pointsPerField[i]!;
      if (here.length === 0) break;
      if (here.length === 1) {
        low.push(here[0]);
        high.push(here[0]);
        continue;
      }
      // Several values not split into intervals: the span from the first to the last, in index order.
      const ascending = index.directions[i] === 1;
      low.push(ascending ? here[0] : here[here.length - 1]);
      high.push(ascending ? here[here.length - 1] : here[0]);
      break;
    }
    while (low.length < slots) low.push(LOW);
    while (high.length < slots) high.push(HIGH);
    intervals.push({ low, high });
  };
  build(0, [], []);
  return intervals;
}

/**
 * How many leading index fields the intervals pin to one value each (the same in every interval),
 * and whether the next field is bounded further: the planner's measure of selectivity.
 */
export function boundedness(index: Index, intervals: readonly EntryInterval[]): { points: number; ranged: boolean } {
  if (intervals.length === 0) return { points: index.fields.length, ranged: false };
  let points = 0;
  const first = intervals[0]!;
  for (; points < index.fields.length; points++) {
    const value = first.low[points];
    if (value === LOW || value === HIGH || value instanceof BracketEdge) break;
    const pinned = intervals.every(
      ({ low, high }) =>
        low[points] !== LOW &&
        low[points] !== HIGH &&
        !(low[points] instanceof BracketEdge) &&
        compareValues(low[points], value) === 0 &&
        high[points] !== LOW &&
        high[points] !== HIGH &&
        !(high[points] instanceof BracketEdge) &&
        compareValues(high[points], value) === 0,
    );
    if (!pinned) break;
  }
  const ranged = points < index.fields.length && intervals.every(({ low, high }) => low[points] !== LOW || high[points] !== HIGH);
  return { points, ranged };
}

/** MongoDB's `indexBounds` for explain: one string interval list per field (only for a single interval). */
export function describeBounds(index: Index, intervals: readonly EntryInterval[]): Doc {
  const bounds: Doc = {};
  index.fields.forEach((field, i) => {
    bounds[field] = intervals.map(({ low, high }) => `[${describeEnd(low[i], 'low')}, ${describeEnd(high[i], 'high')}]`);
  });
  return bounds;
}

function describeEnd(value: unknown, end: 'low' | 'high'): string {
  if (value === LOW) return end === 'low' ? 'MinKey' : 'MinKey';
  if (value === HIGH) return 'MaxKey';
  if (value instanceof BracketEdge) return value.side === -1 ? `start of type ${value.rank}` : `end of type ${value.rank}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  return String(value);
}

/** A value a plain range may end at: a string, number or date (what index bounds compare as MongoDB does). */
function isRangeEnd(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || value instanceof Date;
}

/** `{$gt/$gte/$lt/$lte: scalar}`, one or two of them: a range index bounds express exactly. */
export function isPlainRange(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const operators = Object.keys(value);
  return (
    operators.length > 0 &&
    operators.length <= 2 &&
    operators.every((operator) => ['$gt', '$gte', '$lt', '$lte'].includes(operator) && isRangeEnd(value[operator]))
  );
}
