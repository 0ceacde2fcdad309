import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../subgraphs/common/contract/errors.ts';
import { estimateCostOf, type CostMap } from './cost.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Options of {@link createDemandControlPlugin}. */
export interface DemandControlOptions<TContext> {
  /** Highest estimated cost of one operation. */
  maxCost: number;
  costMap: CostMap;
  /** Per-client budget in cost units; none: no rate limit. */
  rateLimiter?: RateLimiter;
  /** The budget the rate limiter gives a client per window, reported in `extensions.cost`. */
  unitsPerWindow?: number;
  /** Who pays for a request (API key, else IP). */
  clientOf: (context: TContext) => string;
  /** The request's own budget per window (its API key's), overriding `unitsPerWindow`; undefined: the default. */
  budgetOf?: (context: TContext) => number | undefined;
  /** Operations whose estimate is remembered (least recently used forgotten first). Default 1 000. */
  memoizedOperations?: number;
}

/** What a response reports in `extensions.cost`, after Shopify's. */
export interface CostExtension {
  requestedQueryCost: number;
  maximumQueryCost: number;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number };
}

/** An operation no wait can admit: it costs more than the client's whole budget per window (no `retry-after`). */
function exceedsBudget(cost: number, budget: number): GraphQLError {
  return new GraphQLError(
    `The operation's estimated cost ${cost} exceeds your whole budget of ${budget} per window, so no retry can admit it; ask for fewer items or split it, or ask for a larger budget.`,
    { extensions: { code: ErrorCode.COST_EXCEEDS_BUDGET, cost, budget, http: { status: 400 } } },
  );
}

/**
 * Demand control: prices each operation before anything runs ({@link estimateCost}), refuses one over
 * `maxCost` with COST_LIMIT_EXCEEDED naming cost and budget, refuses one over the client's whole
 * budget per window with COST_EXCEEDS_BUDGET, charges the cost to the client's rate limit
 * (RATE_LIMITED, HTTP 429 with `retry-after` when spent), and reports the cost in `extensions.cost` of every
 * response that got as far as an operation.
 */
export function createDemandControlPlugin<TContext extends Record<string, unknown>>(
  options: DemandControlOptions<TContext>,
): ApolloServerPlugin<TContext> {
  // The estimate is a pure function of schema, document, chosen operation and the variables it reads: an
  // estimate that read none is remembered per document text (its hash) and operation name, so a storefront's
  // fixed queries are priced once, not per request. Estimates that read variables (`first: $n`) are not kept.
  const estimates = new LRUCache<string, { schema: GraphQLSchema; cost: number }>({ max: options.memoizedOperations ?? 1_000 });
  return {
    async requestDidStart() {
      let cost: CostExtension | undefined;
      return {
        async didResolveOperation(requestContext: GraphQLRequestContext<TContext>) {
          const { document, operation, schema } = requestContext;
          if (!document || !operation) return;
          const estimateKey = `${requestContext.queryHash}\u0000${requestContext.request.operationName ?? ''}`;
          const remembered = estimates.get(estimateKey);
          let requestedQueryCost: number;
          if (remembered?.schema === schema) requestedQueryCost = remembered.cost;
          else {
            const fragments: Record<string, FragmentDefinitionNode> = {};
            for (const definition of document.definitions) {
              if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
            }
            const estimate = estimateCostOf(schema, operation, fragments, requestContext.request.variables ?? {}, options.costMap);
            requestedQueryCost = estimate.cost;
            if (!estimate.readsVariables) estimates.set(estimateKey, { schema, cost: requestedQueryCost });
          }
          cost = { requestedQueryCost, maximumQueryCost: options.maxCost };
          if (requestedQueryCost > options.maxCost) {
            throw new GraphQLError(
              `The operation's estimated cost ${requestedQueryCost} exceeds the budget of ${options.maxCost}; ask for fewer items (smaller "first", fewer aliases or lines) or split it.`,
              {
                extensions: {
                  code: ErrorCode.COST_LIMIT_EXCEEDED,
                  cost: requestedQueryCost,
                  maxCost: options.maxCost,
                  http: { status: 400 },
                },
              },
            );
          }
          if (!options.rateLimiter) return;
          const budget = options.budgetOf?.(requestContext.contextValue);
          const wholeBudget = budget ?? options.unitsPerWindow;
          if (wholeBudget !== undefined && requestedQueryCost > wholeBudget) throw exceedsBudget(requestedQueryCost, wholeBudget);
          const decision = await options.rateLimiter.consume(options.clientOf(requestContext.contextValue), requestedQueryCost, budget);
          cost.throttleStatus = { maximumAvailable: budget ?? options.unitsPerWindow ?? 0, currentlyAvailable: decision.remaining };
          if (!decision.allowed) {
            const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1_000));
            throw new GraphQLError(`Rate limit reached: this operation costs ${requestedQueryCost}; retry in ${retryAfterSeconds} s.`, {
              extensions: {
                code: ErrorCode.RATE_LIMITED,
                cost: requestedQueryCost,
                retryAfterSeconds,
                http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
              },
            });
          }
        },
        async willSendResponse(requestContext) {
          if (!cost || requestContext.response.body.kind !== 'single') return;
          const result = requestContext.response.body.singleResult;
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
