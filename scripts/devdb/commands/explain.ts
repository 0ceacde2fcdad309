import os from 'node:os';
import type { Doc } from '../bson-values.ts';
import { isPlainObject } from '../bson-values.ts';
import type { Plan } from '../collection.ts';
import type { Selection } from '../select.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { filterOf } from '../select.ts';
import { runPipeline } from './aggregate.ts';
import type { CommandContext, CommandHandler } from './context.ts';
import { runFind } from './find.ts';
import { SERVER_VERSION } from './handshake.ts';

/** The plan tree in MongoDB's classic-engine shape: FETCH over IXSCAN, IDHACK, or COLLSCAN. */
function accessStage(plan: Plan, filter: Doc): Doc {
  const direction = plan.direction === 1 ? 'forward' : 'backward';
  if (plan.stage === 'COLLSCAN') return { stage: 'COLLSCAN', filter, direction };
  if (plan.stage === 'IDHACK') return { stage: 'IDHACK' };
  return {
    stage: 'FETCH',
    filter,
    inputStage: {
      stage: 'IXSCAN',
      keyPattern: plan.keyPattern,
      indexName: plan.indexName,
      isMultiKey: plan.isMultiKey,
      direction,
      indexBounds: plan.indexBounds ?? {},
    },
  };
}

function wrap(stage: string, extra: Doc, inputStage: Doc): Doc {
  return { stage, ...extra, inputStage };
}

/** The stages above the access stage: SORT only when the index does not give the order. */
function planTree(plan: Plan, filter: Doc, sort: unknown, skip: unknown, limit: unknown, projection: unknown): Doc {
  let tree = accessStage(plan, filter);
  if (isPlainObject(sort) && Object.keys(sort).length > 0 && !plan.sorted && !('$natural' in sort)) {
    tree = wrap('SORT', { sortPattern: sort, ...(typeof limit === 'number' && limit !== 0 ? { limitAmount: Math.abs(limit) } : {}) }, tree);
  }
  if (typeof skip === 'number' && skip > 0) tree = wrap('SKIP', { skipAmount: skip }, tree);
  if (typeof limit === 'number' && limit !== 0) tree = wrap('LIMIT', { limitAmount: Math.abs(limit) }, tree);
  if (isPlainObject(projection) && Object.keys(projection).length > 0) tree = wrap('PROJECTION_DEFAULT', { transformBy: projection }, tree);
  return tree;
}

function executionStats(selection: Selection, started: number, winningPlan: Doc): Doc {
  return {
    executionSuccess: true,
    nReturned: selection.docs.length,
    executionTimeMillis: Math.round(performance.now() - started),
    totalKeysExamined: selection.plan.stats.keysExamined,
    totalDocsExamined: selection.docsExamined,
    executionStages: winningPlan,
  };
}

function serverInfo(): Doc {
  return { host: os.hostname(), version: SERVER_VERSION, gitVersion: 'devdb' };
}

function explainFind(command: Doc, verbosity: string, context: CommandContext): Doc {
  const started = performance.now();
  const { name, selection } = runFind(command, context);
  const winningPlan = planTree(
    selection.plan,
    filterOf(command['filter']),
    command['sort'],
    command['skip'],
    command['limit'],
    command['projection'],
  );
  const reply: Doc = {
    explainVersion: '1',
    queryPlanner: {
      namespace: `${context.database}.${name}`,
      indexFilterSet: false,
      parsedQuery: filterOf(command['filter']),
      winningPlan,
      rejectedPlans: [],
    },
  };
  if (verbosity !== 'queryPlanner') reply['executionStats'] = executionStats(selection, started, winningPlan);
  return { ...reply, command, serverInfo: serverInfo() };
}

/**
 * An aggregate's leading `$match`/`$sort`/`$skip`/`$limit` run as a find (see runPipeline); explain
 * shows them as the `$cursor` stage's plan and the other stages after it.
 */
function explainAggregate(command: Doc, verbosity: string, context: CommandContext): Doc {
  const started = performance.now();
  const { namespace, selection, pushedStages: pushed, unions = [] } = runPipeline(command, context, 'explain');
  const pipeline = Array.isArray(command['pipeline']) ? (command['pipeline'] as Doc[]) : [];
  const cursorStage = (stages: readonly Doc[], pushedCount: number, ns: string, read: Selection | undefined): Doc => {
    const stageArg = (name: string) => stages.slice(0, pushedCount).find((stage) => name in stage)?.[name];
    const filter = isPlainObject(stageArg('$match')) ? (stageArg('$match') as Doc) : {};
    const winningPlan = read
      ? planTree(read.plan, filter, stageArg('$sort'), stageArg('$skip'), stageArg('$limit'), undefined)
      : { stage: 'EOF' };
    const cursor: Doc = { queryPlanner: { namespace: ns, indexFilterSet: false, parsedQuery: filter, winningPlan, rejectedPlans: [] } };
    if (read && verbosity !== 'queryPlanner') cursor['executionStats'] = executionStats(read, started, winningPlan);
    return cursor;
  };
  // A `$unionWith` shows its sub-pipeline's plan in its place, as MongoDB does ({$unionWith: {coll, pipeline: [{$cursor}, …]}}).
  let unionAt = 0;
  const after = pipeline.slice(pushed).map((stage): Doc => {
    const spec = stage['$unionWith'];
    const union = spec !== undefined ? unions[unionAt++] : undefined;
    if (!union) return stage;
    const coll = typeof spec === 'string' ? spec : (spec as Doc)['coll'];
    const sub = isPlainObject(spec) && Array.isArray(spec['pipeline']) ? (spec['pipeline'] as Doc[]) : [];
    return {
      $unionWith: {
        coll,
        pipeline: [{ $cursor: cursorStage(sub, union.pushedStages, union.namespace, union.selection) }, ...sub.slice(union.pushedStages)],
      },
    };
  });
  return {
    explainVersion: '1',
    stages: [{ $cursor: cursorStage(pipeline, pushed, namespace, selection) }, ...after],
    command,
    serverInfo: serverInfo(),
  };
}

/**
 * `explain` for find and aggregate: reports whether candidates came from an index (IXSCAN, IDHACK)
 * or a full scan (COLLSCAN), and — above "queryPlanner" verbosity — keys and documents examined.
 * The same fields exist on a real MongoDB, so tests can assert index use against either.
 */
const explain: CommandHandler = (body, context) => {
  const command = body['explain'];
  if (!isPlainObject(command)) throw new CommandError(ErrorCode.TypeMismatch, "'explain' must be a command document");
  const verbosity = typeof body['verbosity'] === 'string' ? body['verbosity'] : 'allPlansExecution';
  const name = Object.keys(command)[0];
  if (name === 'find') return explainFind(command, verbosity, context);
  if (name === 'aggregate') return explainAggregate(command, verbosity, context);
  throw new CommandError(ErrorCode.CommandNotSupported, `devdb can explain find and aggregate only, not ${String(name)}`);
};

export const explainCommands: Record<string, CommandHandler> = { explain };
