import { Aggregator } from 'mingo';
import type { Doc } from '../bsonValues.ts';
import { cloneValue, isPlainObject, toQueryView } from '../bsonValues.ts';
import type { Collection, Plan } from '../collection.ts';
import { viewOf } from '../collection.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { aggregateOptions } from '../mingoOptions.ts';
import { TypeRestorer } from '../restoreTypes.ts';
import { collationOf } from '../select.ts';
import type { CommandContext, CommandHandler } from './context.ts';

/** Stages mingo would accept but the devdb cannot honour (they write to other collections). */
const unsupportedStages = new Set(['$out', '$merge']);

/** Reads and checks a pipeline; `$match` values are turned into numeric views like find filters. */
export function pipelineOf(value: unknown): Doc[] {
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw new CommandError(ErrorCode.TypeMismatch, "'pipeline' must be an array of stage documents");
  }
  for (const stage of value) {
    const names = Object.keys(stage);
    if (names.length !== 1) throw new CommandError(ErrorCode.BadValue, 'A pipeline stage specification object must contain exactly one field.');
    if (unsupportedStages.has(names[0]!)) {
      throw new CommandError(ErrorCode.CommandNotSupported, `devdb does not support the ${names[0]} stage`);
    }
  }
  return value.map(matchAsView);
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

/** The candidate documents: a leading `$match` may use an index, as MongoDB's planner would. */
export function aggregateInput(collection: Collection | undefined, pipeline: Doc[]): Plan | undefined {
  if (!collection) return undefined;
  const first = pipeline[0]?.['$match'];
  return collection.plan(isPlainObject(first) ? first : {});
}

/** Runs a pipeline against a collection (or none, for `aggregate: 1` with `$documents`). */
export function runPipeline(body: Doc, context: CommandContext): { namespace: string; results: Doc[]; plan: Plan | undefined } {
  const target = body['aggregate'];
  const name = typeof target === 'string' ? target : undefined;
  if (name === undefined && target !== 1) throw new CommandError(ErrorCode.InvalidNamespace, "'aggregate' must name a collection or be 1");
  const pipeline = pipelineOf(body['pipeline']);
  const collection = name ? context.storage.find(context.database, name) : undefined;
  const restorer = new TypeRestorer();
  restorer.add(collection);
  const plan = aggregateInput(collection, pipeline);
  const collation = collationOf(body['collation']);
  const variables = isPlainObject(body['let']) ? body['let'] : undefined;
  const options = aggregateOptions({
    ...(collation ? { collation } : {}),
    ...(variables ? { variables } : {}),
    // $lookup, $graphLookup and $unionWith read sibling collections of the same database; they get
    // copies, because mingo may write into looked-up documents in later stages.
    collectionResolver: (from: string) => {
      const other = context.storage.find(context.database, from);
      restorer.add(other);
      return other ? [...other.documents()].map((doc) => cloneValue(viewOf(doc))) : [];
    },
  });
  const results = new Aggregator(pipeline, options).run<Doc>((plan?.docs ?? []).map(viewOf));
  restorer.restore(results);
  return { namespace: `${context.database}.${name ?? '$cmd.aggregate'}`, results, plan };
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
  const { namespace, results } = runPipeline(body, context);
  return { cursor: context.cursors.open(namespace, results, { batchSize: body['cursor']['batchSize'] }) };
};

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
