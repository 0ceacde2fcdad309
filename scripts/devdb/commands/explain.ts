import os from 'node:os';
import type { Doc } from '../bsonValues.ts';
import { isPlainObject } from '../bsonValues.ts';
import type { Plan } from '../collection.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { filterOf } from '../select.ts';
import { runPipeline } from './aggregate.ts';
import type { CommandContext, CommandHandler } from './context.ts';
import { runFind } from './find.ts';
import { SERVER_VERSION } from './handshake.ts';

/** The plan tree in MongoDB's classic-engine shape: FETCH over IXSCAN, IDHACK, or COLLSCAN. */
function accessStage(plan: Plan, filter: Doc): Doc {
  if (plan.stage === 'COLLSCAN') return { stage: 'COLLSCAN', filter, direction: 'forward' };
  if (plan.stage === 'IDHACK') return { stage: 'IDHACK' };
  return {
    stage: 'FETCH',
    filter,
    inputStage: {
      stage: 'IXSCAN',
      keyPattern: plan.keyPattern,
      indexName: plan.indexName,
      isMultiKey: false,
      direction: 'forward',
      indexBounds: {},
    },
  };
}

function wrap(stage: string, extra: Doc, inputStage: Doc): Doc {
  return { stage, ...extra, inputStage };
}

function findPlanTree(body: Doc, plan: Plan): Doc {
  let tree = accessStage(plan, filterOf(body['filter']));
  if (isPlainObject(body['sort']) && Object.keys(body['sort']).length > 0) tree = wrap('SORT', { sortPattern: body['sort'] }, tree);
  if (typeof body['skip'] === 'number' && body['skip'] > 0) tree = wrap('SKIP', { skipAmount: body['skip'] }, tree);
  if (typeof body['limit'] === 'number' && body['limit'] !== 0) tree = wrap('LIMIT', { limitAmount: Math.abs(body['limit']) }, tree);
  if (isPlainObject(body['projection']) && Object.keys(body['projection']).length > 0) {
    tree = wrap('PROJECTION_DEFAULT', { transformBy: body['projection'] }, tree);
  }
  return tree;
}

function serverInfo(): Doc {
  return { host: os.hostname(), version: SERVER_VERSION, gitVersion: 'devdb' };
}

function explainFind(command: Doc, verbosity: string, context: CommandContext): Doc {
  const started = performance.now();
  const { name, selection } = runFind(command, context);
  const winningPlan = findPlanTree(command, selection.plan);
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
  if (verbosity !== 'queryPlanner') {
    reply['executionStats'] = {
      executionSuccess: true,
      nReturned: selection.docs.length,
      executionTimeMillis: Math.round(performance.now() - started),
      totalKeysExamined: selection.plan.keysExamined,
      totalDocsExamined: selection.docsExamined,
      executionStages: winningPlan,
    };
  }
  return { ...reply, command, serverInfo: serverInfo() };
}

function explainAggregate(command: Doc, context: CommandContext): Doc {
  const { namespace, plan } = runPipeline(command, context);
  const pipeline = Array.isArray(command['pipeline']) ? (command['pipeline'] as Doc[]) : [];
  const leadingMatch = isPlainObject(pipeline[0]?.['$match']) ? (pipeline[0]['$match'] as Doc) : {};
  const queryPlanner = {
    namespace,
    indexFilterSet: false,
    parsedQuery: leadingMatch,
    winningPlan: plan ? accessStage(plan, leadingMatch) : { stage: 'EOF' },
    rejectedPlans: [],
  };
  return {
    explainVersion: '1',
    stages: [{ $cursor: { queryPlanner } }, ...pipeline.slice(isPlainObject(pipeline[0]?.['$match']) ? 1 : 0)],
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
  if (name === 'aggregate') return explainAggregate(command, context);
  throw new CommandError(ErrorCode.CommandNotSupported, `devdb can explain find and aggregate only, not ${String(name)}`);
};

export const explainCommands: Record<string, CommandHandler> = { explain };
