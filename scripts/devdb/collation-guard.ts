import type { Doc } from './bson-values.ts';
import { isPlainObject } from './bson-values.ts';
import { CommandError, ErrorCode } from './errors.ts';
import { COLLATED_KEY } from './mingo-options.ts';

/**
 * Under a collation, devdb compares strings with Intl.Collator in query operators (`$eq`, `$in`,
 * `$gt`… in filters and `$match`), in sorts and in `distinct`. Aggregation expressions and stages
 * that compare or group strings by other means would silently ignore it, so they are refused by name.
 */
const expressionComparisons = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$cmp',
  '$in',
  '$indexOfArray',
  '$setUnion',
  '$setIntersection',
  '$setDifference',
  '$setEquals',
  '$setIsSubset',
  '$addToSet',
  '$strcasecmp',
  '$max',
  '$min',
  '$maxN',
  '$minN',
  '$top',
  '$topN',
  '$bottom',
  '$bottomN',
  '$firstN',
  '$lastN',
  '$sortArray',
]);
const groupingStages = new Set([
  '$bucket',
  '$bucketAuto',
  '$sortByCount',
  '$lookup',
  '$graphLookup',
  '$setWindowFields',
  '$densify',
  '$fill',
]);

function refuse(name: string): never {
  throw new CommandError(ErrorCode.CommandNotSupported, `devdb does not support ${name} together with a non-simple collation`);
}

/** Throws if an expression (anything inside `$expr`, `$project`, accumulators…) compares strings. */
function checkExpression(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(checkExpression);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key === '$literal') continue;
    if (expressionComparisons.has(key)) refuse(key);
    checkExpression(item);
  }
}

/** Throws if a query filter holds an `$expr` (or `$where`) that compares strings. */
export function checkFilterCollation(filter: unknown): void {
  if (Array.isArray(filter)) {
    filter.forEach(checkFilterCollation);
    return;
  }
  if (!isPlainObject(filter)) return;
  for (const [key, item] of Object.entries(filter)) {
    if (key === '$expr') checkExpression(item);
    else if (key === '$elemMatch' || key === '$and' || key === '$or' || key === '$nor' || key === '$not') checkFilterCollation(item);
    else if (isPlainObject(item)) checkFilterCollation(item);
  }
}

/**
 * The pipeline with each `$group` key (also inside `$facet`) wrapped so that keys the collation finds
 * equal group together (see mingo-options.ts' collated key operator).
 */
export function collatedGroupKeys(pipeline: readonly Doc[]): Doc[] {
  return pipeline.map((stage) => {
    const group = stage['$group'];
    if (isPlainObject(group) && '_id' in group) return { $group: { ...group, _id: { [COLLATED_KEY]: group['_id'] } } };
    const facet = stage['$facet'];
    if (isPlainObject(facet)) {
      return {
        $facet: Object.fromEntries(
          Object.entries(facet).map(([key, sub]) => [key, Array.isArray(sub) ? collatedGroupKeys(sub.filter(isPlainObject)) : sub]),
        ),
      };
    }
    return stage;
  });
}

/** Throws for pipeline stages and expressions whose string comparisons would ignore the collation. */
export function checkPipelineCollation(pipeline: readonly Doc[]): void {
  for (const stage of pipeline) {
    const [name, spec] = Object.entries(stage)[0] ?? [];
    if (name === undefined) continue;
    if (groupingStages.has(name)) refuse(name);
    if (name === '$match') checkFilterCollation(spec);
    else if (name === '$group' && isPlainObject(spec)) {
      // The key is collated (collatedGroupKey); accumulators must not compare strings.
      checkExpression(Object.fromEntries(Object.entries(spec).filter(([field]) => field !== '_id')));
    } else if (name === '$facet' && isPlainObject(spec)) {
      for (const sub of Object.values(spec)) if (Array.isArray(sub)) checkPipelineCollation(sub.filter(isPlainObject));
    } else if (name === '$unionWith' && isPlainObject(spec) && Array.isArray(spec['pipeline'])) {
      checkPipelineCollation(spec['pipeline'].filter(isPlainObject));
    } else if (name !== '$sort') {
      checkExpression(spec);
    }
  }
}
