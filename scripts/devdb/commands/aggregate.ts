import { Decimal128, Double, Long } from 'bson';
import { evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import type { Doc } from '../bson-values.ts';
import { cloneValue, isPlainObject, keyOf, toQueryView } from '../bson-values.ts';
import { viewOf, type Collection } from '../collection.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { Aggregator, aggregateOptions, assertSafeRegexesIn } from '../mingo-options.ts';
import { TypeRestorer } from '../restore-types.ts';
import type { Selection } from '../select.ts';
import { checkHint, collationOf, countDocuments, projectForReply, selectDocuments, topLevelInclusion } from '../select.ts';
import { checkPipelineCollation, collatedGroupKeys } from '../collation-guard.ts';
import { budgeted } from '../time-budget.ts';
import { letVariablesOf } from '../variables.ts';
import { collStatsDocument } from './admin.ts';
import type { CommandContext, CommandHandler } from './context.ts';
import { runMerge, runOut } from './write-stages.ts';

/** Stages the devdb runs itself rather than mingo: writes at the end, catalog statistics at the start. */
const lastOnlyStages = new Set(['$out', '$merge']);
const firstOnlyStages = new Set(['$collStats']);

/** Reads and checks a pipeline; `$match` values are turned into numeric views like find filters. */
export function pipelineOf(value: unknown): Doc[] {
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw new CommandError(ErrorCode.TypeMismatch, "'pipeline' must be an array of stage documents");
  }
  value.forEach((stage, position) => {
    const names = Object.keys(stage);
    if (names.length !== 1)
      throw new CommandError(ErrorCode.BadValue, 'A pipeline stage specification object must contain exactly one field.');
    if (lastOnlyStages.has(names[0]!) && position !== value.length - 1) {
      throw new CommandError(ErrorCode.StageNotLast, `${names[0]} can only be the final stage in the pipeline`);
    }
    if (firstOnlyStages.has(names[0]!) && position !== 0) {
      throw new CommandError(ErrorCode.StageNotFirst, `${names[0]} is only valid as the first stage in a pipeline`);
    }
  });
  checkNestedStages(value);
  assertSafeRegexesIn(value);
  return expandCount(value).map(matchAsView);
}

/** `$out`/`$merge`/`$collStats` inside `$facet`, `$lookup` or `$unionWith` are refused, as MongoDB does. */
function checkNestedStages(stages: readonly Doc[], nested = false): void {
  for (const stage of stages) {
    for (const [name, spec] of Object.entries(stage)) {
      if (nested && (lastOnlyStages.has(name) || firstOnlyStages.has(name))) {
        throw new CommandError(ErrorCode.BadValue, `${name} is not allowed to be used within a $facet, $lookup or $unionWith stage`);
      }
      if (name === '$facet' && isPlainObject(spec)) {
        for (const sub of Object.values(spec)) if (Array.isArray(sub)) checkNestedStages(sub.filter(isPlainObject), true);
      }
      if ((name === '$lookup' || name === '$unionWith') && isPlainObject(spec) && Array.isArray(spec['pipeline'])) {
        checkNestedStages(spec['pipeline'].filter(isPlainObject), true);
      }
    }
  }
}

/**
 * `{$count: 'n'}` as MongoDB defines it, `$group` by null then dropping `_id`: on empty input that
 * yields no document (mingo's `$count` yields `{n: 0}`). Also inside `$facet`.
 */
function expandCount(stages: readonly Doc[]): Doc[] {
  return stages.flatMap((stage): Doc[] => {
    const name = stage['$count'];
    if (typeof name === 'string' && name.length > 0 && !name.startsWith('$') && !name.includes('.')) {
      return [{ $group: { _id: null, [name]: { $sum: 1 } } }, { $project: { _id: 0 } }];
    }
    const facet = stage['$facet'];
    if (isPlainObject(facet)) {
      const expanded: Doc = {};
      for (const [key, sub] of Object.entries(facet))
        expanded[key] = Array.isArray(sub) && sub.every(isPlainObject) ? expandCount(sub) : sub;
      return [{ $facet: expanded }];
    }
    return [stage];
  });
}

function matchAsView(value: Doc): Doc {
  const copy: Doc = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '$match') copy[key] = toQueryView(item);
    else if (Array.isArray(item)) copy[key] = item.map((v) => (isPlainObject(v) ? matchAsView(v) : v));
    else copy[key] = isPlainObject(item) ? matchAsView(item) : item;
  }
  return copy;
}

/** A non-negative integer stage argument (`$skip`, `$limit`), else undefined. */
function countOf(value: unknown): number | undefined {
  const view = toQueryView(value);
  return typeof view === 'number' && Number.isInteger(view) && view >= 0 ? view : undefined;
}

/**
 * The leading `$match`, `$sort`, `$skip` and `$limit` stages, which run as a find would — through
 * the planner, so an index serves them and a sort with a limit reads only the rows it returns —
 * and the stages left for mingo.
 */
function leadingFind(pipeline: Doc[], pushdown: boolean): { filter: Doc; sort?: unknown; skip?: number; limit?: number; rest: Doc[] } {
  let at = 0;
  let filter: Doc = {};
  if (pushdown && isPlainObject(pipeline[at]?.['$match'])) filter = pipeline[at++]!['$match'] as Doc;
  if (!pushdown) return { filter, rest: pipeline };
  const sort = isPlainObject(pipeline[at]?.['$sort']) ? pipeline[at++]!['$sort'] : undefined;
  const skip = pipeline[at] && '$skip' in pipeline[at]! ? countOf(pipeline[at]!['$skip']) : undefined;
  if (skip !== undefined) at++;
  const limit = pipeline[at] && '$limit' in pipeline[at]! ? countOf(pipeline[at]!['$limit']) : undefined;
  if (limit !== undefined && limit > 0) at++;
  return { filter, sort, ...(skip !== undefined ? { skip } : {}), ...(limit ? { limit } : {}), rest: pipeline.slice(at) };
}

/**
 * MongoDB's `$sum` over Int32/Long values is a Long when any input is a Long (and no input is a
 * Double or Decimal128); mingo sums the numeric views into a JS number. For a `$group` reading the
 * collection directly, each group's `{$sum: '$path'}` inputs are looked at in their stored form
 * (documents assigned to groups by evaluating the `_id` expression again) and Long sums put back.
 */
function restoreLongSums(stage: Doc | undefined, inputs: readonly Doc[], results: Doc[]): void {
  const group = stage?.['$group'];
  if (!isPlainObject(group)) return;
  const sums = Object.entries(group).flatMap(([field, accumulator]) => {
    const path = isPlainObject(accumulator) ? accumulator['$sum'] : undefined;
    return field !== '_id' && typeof path === 'string' && path.startsWith('$') && !path.startsWith('$$')
      ? [{ field, path: path.slice(1) }]
      : [];
  });
  if (sums.length === 0) return;
  const options = aggregateOptions() as Options;
  // Per group key, per summed field: whether a Long was seen, and whether a non-integer type was.
  const seen = new Map<string, Map<string, { long: boolean; other: boolean }>>();
  for (const doc of inputs) {
    const key = keyOf(evalExpr(viewOf(doc), group['_id'] ?? null, options));
    let fields = seen.get(key);
    if (!fields) seen.set(key, (fields = new Map()));
    for (const { field, path } of sums) {
      const flags = fields.get(field) ?? { long: false, other: false };
      const value: unknown = resolve(doc, path);
      if (value instanceof Long) flags.long = true;
      else if (value instanceof Double || value instanceof Decimal128 || (typeof value === 'number' && !Number.isInteger(value)))
        flags.other = true;
      fields.set(field, flags);
    }
  }
  for (const result of results) {
    const fields = seen.get(keyOf(toQueryView(result['_id'])));
    for (const { field } of sums) {
      const flags = fields?.get(field);
      const sum = result[field];
      if (flags?.long && !flags.other && typeof sum === 'number' && Number.isSafeInteger(sum)) result[field] = Long.fromNumber(sum);
    }
  }
}

/** Whether what is left after the pushed-down stages is one `$group` by a constant of `{$sum: <number>}` fields. */
function isCountGroup(pipeline: readonly Doc[], leading: { rest: Doc[]; sort?: unknown }): boolean {
  if (leading.rest.length !== 1 || leading.sort !== undefined || pipeline.length < 1) return false;
  const group = leading.rest[0]!['$group'];
  if (!isPlainObject(group)) return false;
  const id = group['_id'];
  if (!(id === null || typeof id === 'number' || (typeof id === 'string' && !id.startsWith('$')))) return false;
  return Object.entries(group).every(
    ([field, value]) => field === '_id' || (isPlainObject(value) && Object.keys(value).length === 1 && typeof value['$sum'] === 'number'),
  );
}

/** A `$unionWith` stage's collection and sub-pipeline (`{$unionWith: 'coll'}` or `{coll, pipeline}`), else undefined. */
function unionWithOf(stage: Doc): { coll: string; pipeline: Doc[] } | undefined {
  const spec = stage['$unionWith'];
  if (typeof spec === 'string') return { coll: spec, pipeline: [] };
  if (!isPlainObject(spec) || typeof spec['coll'] !== 'string') return undefined;
  const pipeline = spec['pipeline'];
  if (pipeline !== undefined && !(Array.isArray(pipeline) && pipeline.every(isPlainObject))) return undefined;
  return { coll: spec['coll'], pipeline: (pipeline as Doc[] | undefined) ?? [] };
}

/** How a `$unionWith`'s sub-pipeline read its collection: its leading stages run as a find (see leadingFind). */
export type UnionSelection = {
  readonly namespace: string;
  readonly collection: Collection | undefined;
  readonly filter: Doc;
  readonly selection: Selection | undefined;
  /** How many leading stages of the sub-pipeline the selection answered. */
  readonly pushedStages: number;
};

/**
 * A `$project` that keeps top-level fields only (`{_id: 0, a: 1, b: true}`): the same in a pipeline as in a find,
 * so it can be answered as a find's projection is, with bytes cut from the stored documents.
 */
function isTopLevelInclusion(stage: Doc | undefined): boolean {
  const projection = stage?.['$project'];
  return isPlainObject(projection) && topLevelInclusion(projection) !== undefined;
}

/** `[]` or `[{$project: top-level inclusion}]`: what a find with a projection does after its selection. */
function isFindTail(stages: readonly Doc[]): boolean {
  return stages.length === 0 || (stages.length === 1 && isTopLevelInclusion(stages[0]));
}

/** Runs a pipeline against a collection (or none, for `aggregate: 1` with `$documents`). */
export function runPipeline(
  body: Doc,
  context: CommandContext,
  mode: 'run' | 'explain' = 'run',
): {
  namespace: string;
  results: Doc[];
  /** The results' BSON where it was cut from the stored documents (see projectForReply), for the cursor. */
  encoded?: ReturnType<typeof projectForReply>['encoded'];
  selection: Selection | undefined;
  pushedStages: number;
  /** The selections of the pipeline's top-level `$unionWith` stages, in order (for explain). */
  unions?: UnionSelection[];
  /** A final `$out` or `$merge`, which the caller applies to the results. */
  writeStage: Doc | undefined;
} {
  const target = body['aggregate'];
  const name = typeof target === 'string' ? target : undefined;
  if (name === undefined && target !== 1) throw new CommandError(ErrorCode.InvalidNamespace, "'aggregate' must name a collection or be 1");
  const fullPipeline = pipelineOf(body['pipeline']);
  const last = fullPipeline[fullPipeline.length - 1];
  const writeStage = last && lastOnlyStages.has(Object.keys(last)[0]!) ? last : undefined;
  const pipeline = writeStage ? fullPipeline.slice(0, -1) : fullPipeline;
  const collection = name ? context.storage.find(context.database, name) : undefined;
  checkHint(collection, body['hint']);
  // countDocuments' pipeline ($match, $skip, $limit, then a constant $group of {$sum: 1}): counted
  // without building the documents, from an index where one fits (see countDocuments).
  if (mode === 'run' && collection && !writeStage && body['let'] === undefined && isCountGroup(pipeline, leadingFind(pipeline, true))) {
    const leading = leadingFind(pipeline, true);
    const group = leading.rest[0]!['$group'] as Doc;
    const n = countDocuments(collection, leading.filter, { skip: leading.skip, limit: leading.limit, collation: body['collation'] });
    const results =
      n === 0
        ? []
        : [
            Object.fromEntries(
              Object.keys(group).map((field) => [field, field === '_id' ? group['_id'] : n * (group[field] as { $sum: number }).$sum]),
            ),
          ];
    return { namespace: `${context.database}.${name}`, results, selection: undefined, pushedStages: pipeline.length - 1, writeStage };
  }
  const collation = collationOf(body['collation']);
  if (collation) checkPipelineCollation(pipeline);
  const stages = collation ? collatedGroupKeys(pipeline) : pipeline;
  const variables = letVariablesOf(body['let']);
  const statistics = stages[0]?.['$collStats'];
  const leading = statistics !== undefined ? { filter: {}, rest: stages.slice(1) } : leadingFind(stages, collection !== undefined);
  const selectOptions = { collation: body['collation'], variables };
  const selection =
    collection && statistics === undefined
      ? selectDocuments(collection, leading.filter, { ...selectOptions, sort: leading.sort, skip: leading.skip, limit: leading.limit })
      : undefined;
  // A `$unionWith` reads its collection as MongoDB does: the sub-pipeline's leading $match/$sort/$skip/$limit
  // through the planner (an index, not a scan of the other collection), the rest of it in mingo.
  const unions: UnionSelection[] = [];
  const rest = leading.rest.map((stage): Doc => {
    const union = unionWithOf(stage);
    if (!union) return stage;
    const other = context.storage.find(context.database, union.coll);
    const sub = leadingFind(union.pipeline, other !== undefined);
    const subSelection = other
      ? selectDocuments(other, sub.filter, { ...selectOptions, sort: sub.sort, skip: sub.skip, limit: sub.limit })
      : undefined;
    unions.push({
      namespace: `${context.database}.${union.coll}`,
      collection: other,
      filter: sub.filter,
      selection: subSelection,
      pushedStages: union.pipeline.length - sub.rest.length,
    });
    return { $unionWith: { coll: subSelection?.docs ?? [], pipeline: sub.rest } };
  });
  const namespace = `${context.database}.${name ?? '$cmd.aggregate'}`;
  const pushedStages = statistics !== undefined ? 0 : pipeline.length - leading.rest.length;

  // Finds joined by `$unionWith` (each a $match with at most a top-level $project, e.g. two collections read by
  // one key list): answered as finds are, from the stored documents with bytes cut from them, no mingo.
  const projected = isTopLevelInclusion(rest[0]);
  const unionStages = rest.slice(projected ? 1 : 0).map((stage) => stage['$unionWith'] as { coll: unknown; pipeline: Doc[] } | undefined);
  if (
    selection &&
    !writeStage &&
    !collation &&
    !variables &&
    unionStages.every((union) => Array.isArray(union?.coll) && isFindTail(union.pipeline))
  ) {
    const parts = [
      projectForReply(selection.docs, projected ? rest[0]!['$project'] : undefined),
      ...unions.map((union, index) => projectForReply(union.selection?.docs ?? [], unionStages[index]!.pipeline[0]?.['$project'])),
    ];
    const results = parts.flatMap((part) => part.docs);
    const encoded = parts.flatMap((part) => part.encoded ?? part.docs.map(() => undefined));
    return { namespace, results, encoded, selection, pushedStages, unions, writeStage };
  }

  const restorer = new TypeRestorer();
  restorer.add(collection);
  const options = aggregateOptions({
    ...(collation ? { collation } : {}),
    ...(variables ? { variables } : {}),
    // $lookup and $graphLookup read sibling collections of the same database; they get copies, because mingo
    // may write into looked-up documents in later stages. ($unionWith was given its documents above.)
    collectionResolver: (from: string) => {
      const other = context.storage.find(context.database, from);
      restorer.add(other);
      return other ? [...other.documents()].map((doc) => cloneValue(viewOf(doc))) : [];
    },
  });
  for (const union of unions) restorer.add(union.collection);
  const unionInputs = rest.map((stage) => {
    const union = stage['$unionWith'] as { coll: Doc[]; pipeline: Doc[] } | undefined;
    return union ? { $unionWith: { coll: union.coll.map((doc) => cloneValue(viewOf(doc))), pipeline: union.pipeline } } : stage;
  });
  const input =
    statistics !== undefined
      ? [collStatsDocument(statistics, collection, `${context.database}.${name ?? ''}`)]
      : (selection?.docs ?? []).map(viewOf);
  const results = unionInputs.length === 0 ? input.map(cloneValue) : new Aggregator(unionInputs, options).run<Doc>(budgeted(input));
  restorer.restore(results);
  if (selection && !collation) restoreLongSums(leading.rest[0], selection.docs, results);
  return { namespace, results, encoded: undefined, selection, pushedStages, unions, writeStage };
}

/**
 * `aggregate` (cursor form): mingo's Aggregator runs the pipeline — `$match $group $sort $limit $skip
 * $project $addFields/$set $unwind $lookup $count $facet` and the rest mingo implements — over the
 * collection; results are served through a cursor honouring `cursor.batchSize`.
 */
const aggregate: CommandHandler = (body, context) => {
  if (!isPlainObject(body['cursor'])) {
    throw new CommandError(ErrorCode.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  const { namespace, results, encoded, writeStage } = runPipeline(body, context);
  if (writeStage) {
    const bypassValidation = body['bypassDocumentValidation'] === true;
    if ('$out' in writeStage) runOut(writeStage['$out'], results, context, bypassValidation);
    else runMerge(writeStage['$merge'], results, context, bypassValidation);
    return { cursor: context.cursors.open(namespace, [], { batchSize: body['cursor']['batchSize'] }) };
  }
  return { cursor: context.cursors.open(namespace, results, { batchSize: body['cursor']['batchSize'], encoded }) };
};

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
