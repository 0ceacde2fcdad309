import { readFileSync } from 'node:fs';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createCompiledExecution } from './compiled-executor.ts';
import { createErrorFormatter } from './contract/format-error.ts';
import { guardEntityRepresentations } from './contract/representations.ts';
import { createFastPath, type FastPath, type SubgraphPlugin } from './fast-path.ts';
import { createOperationLimitsRule, DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../../gateway/operation-limits.ts';
import { createArmorRules, DEFAULT_ARMOR_LIMITS, type ArmorLimits } from '../../gateway/armor-rules.ts';

/**
 * The gateway's depth limit, and its field, alias and directive counts doubled: what reaches a subgraph is the
 * gateway's plan for an operation the gateway already admitted, which is never deeper than that operation but
 * adds key fields and `__typename` at each entity boundary and may alias fields. A request past these was not
 * planned by the gateway.
 */
export const SUBGRAPH_OPERATION_LIMITS: OperationLimits = {
  ...DEFAULT_OPERATION_LIMITS,
  maxFields: 2 * DEFAULT_OPERATION_LIMITS.maxFields,
};
const SUBGRAPH_ARMOR_LIMITS: ArmorLimits = {
  ...DEFAULT_ARMOR_LIMITS,
  maxAliases: 2 * DEFAULT_ARMOR_LIMITS.maxAliases,
  maxDirectives: 2 * DEFAULT_ARMOR_LIMITS.maxDirectives,
};

/** Reads a subgraph's SDL file: the SDL is the contract, read by the server and by `scripts/compose`. */
export function loadTypeDefs(schemaFile: URL): DocumentNode {
  return parse(readFileSync(schemaFile, 'utf8'));
}

/**
 * A subgraph's executable schema from its SDL and resolvers, whose `_Any` scalar refuses malformed `_entities`
 * representations as the caller's BAD_USER_INPUT before any resolver runs.
 */
export function buildGuardedSubgraphSchema<TContext>(typeDefs: DocumentNode, resolvers: GraphQLResolverMap<TContext>): GraphQLSchema {
  return guardEntityRepresentations(buildSubgraphSchema([{ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }]));
}

/** Options of {@link createSubgraphServer}. */
export interface SubgraphServerOptions<TContext extends BaseContext> {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** Include stack traces in errors (development only). Default false. */
  exposeStackTraces?: boolean;
  /** Runs of a query document on graphql-js before it is compiled (see `compiled-executor.ts`). Default 2. */
  compileAfterRuns?: number;
  /**
   * Apollo Server plugins: their request hooks run for every request, on the fast path or in Apollo Server's
   * pipeline (see {@link SubgraphPlugin} for the hooks a plugin may have). Default none.
   */
  plugins?: readonly SubgraphPlugin<TContext>[];
}

/** A subgraph's server (not listening) and the fast path `listenGraphQL` tries first for its requests. */
export interface SubgraphServer<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  fastPath: FastPath<TContext>;
}

/**
 * Builds (without listening) an Apollo Server for one subgraph from its SDL and resolvers, with the shared
 * error normaliser, and its fast path. Tests may call `executeOperation` on the server directly; `listenGraphQL`
 * serves both over HTTP (`fastPath` option).
 *
 * Every operation runs on the compiled executor (graphql-jit for repeated queries, graphql-js's answers), which
 * Apollo Server reaches through its `gateway` option. The requests the gateway sends (JSON POSTs of queries) are
 * answered by the fast path, which runs the same executor and the same plugins' hooks as Apollo Server's request
 * pipeline without that pipeline's per-request cost; every other request goes through Apollo Server.
 */
export function createSubgraphServer<TContext extends BaseContext>(options: SubgraphServerOptions<TContext>): SubgraphServer<TContext> {
  const exposeStackTraces = options.exposeStackTraces ?? false;
  const plugins = options.plugins ?? [];
  const formatError = createErrorFormatter(exposeStackTraces);
  const validationRules = [createOperationLimitsRule(SUBGRAPH_OPERATION_LIMITS), ...createArmorRules(SUBGRAPH_ARMOR_LIMITS)];
  const execution = createCompiledExecution(buildGuardedSubgraphSchema(options.typeDefs, options.resolvers), {
    compileAfterRuns: options.compileAfterRuns,
    validationRules,
  });
  const server = new ApolloServer<TContext>({
    gateway: execution,
    formatError,
    includeStacktraceInErrorResponses: exposeStackTraces,
    introspection: true,
    validationRules,
    // Federated traces are for Apollo's hosted usage reporting, which Meridian does not use; cache-control
    // hints are not set by any field, and the plugin would otherwise hook every field of every entity.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), ...plugins],
    // The process owner (scripts/start.ts, run-subgraph.ts, tests) stops servers in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
  });
  const fastPath = createFastPath({ server, execution, plugins, formatError, includeStacktraceInErrorResponses: exposeStackTraces });
  return { server, fastPath };
}

/** Options every subgraph factory takes. */
export interface SubgraphOptions {
  /** Where "now" comes from (sale windows, FX age, cut-offs). */
  clock: import('./clock.ts').Clock;
  /** Include stack traces in errors (development only). */
  exposeStackTraces?: boolean;
  /**
   * How long reference data (markets, FX, tax and duty tables, lanes, warehouses) may be served from memory
   * before it is read again, in ms. Default `MERIDIAN_REFERENCE_TTL_MS`, else 60 000.
   */
  referenceTtlMs?: number;
}

/** A built subgraph: its server (not listening) and fast path, its per-request context factory, its models. */
export interface BuiltSubgraph<TContext extends BaseContext, TModels> {
  server: ApolloServer<TContext>;
  /** Passed to `listenGraphQL` with the server: see {@link createSubgraphServer}. */
  fastPath: FastPath<TContext>;
  context: (req: import('node:http').IncomingMessage) => Promise<TContext>;
  models: TModels;
}

/**
 * What the stack needs to know of a subgraph to run it: its name and how to build it over its database
 * connection. Building never listens and never writes data: serving is `http.ts`'s job, demo data is
 * `scripts/seed/`'s.
 */
export interface SubgraphModule<TContext extends BaseContext, TModels> {
  name: import('./config.ts').SubgraphName;
  create(connection: import('mongoose').Connection, options: SubgraphOptions): BuiltSubgraph<TContext, TModels>;
}
