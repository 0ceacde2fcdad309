import type { IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { MaxIntrospectionDepthRule } from 'graphql';
import { createErrorFormatter, FORWARDED_HEADERS } from '../subgraphs/common/contract/index.ts';
import type { SubgraphName } from '../subgraphs/common/config.ts';
import { clientAddressOf, parseTrustedProxies, type TrustedProxies } from '../subgraphs/common/client-address.ts';
import { signBody } from '../subgraphs/common/request-signature.ts';
import type { ClientIdentity } from './api-keys.ts';
import { createSubgraphAgent, SubgraphDataSource } from './subgraph-data-source.ts';
import { PartnerGatewayServer, partnerRoutes, type PartnerEdgeOptions } from './partner-server.ts';
import { createOperationLimitsRule, DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operation-limits.ts';
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.ts';
import { DEFAULT_COST_MAP, DEFAULT_MAX_COST } from './cost-map.ts';
import type { CostMap } from './cost.ts';
import { createDemandControlPlugin } from './demand-control-plugin.ts';
import { canIntrospect } from './introspection-policy.ts';
import { createRequestGuardPlugin } from './request-guard-plugin.ts';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { createArmorRules, DEFAULT_ARMOR_LIMITS, type ArmorLimits } from './armor-rules.ts';
import { cacheHintsFromSupergraph, DEFAULT_CACHE_TIERS, type CacheTiers } from './cache-hints.ts';
import { createCacheControlPlugin } from './cache-control-plugin.ts';

/** The committed supergraph, composed ahead of time by `npm run compose`. */
export const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

/** Per-request context of the gateway: what it forwards, who pays, and when the answer is due. */
export type GatewayContext = {
  forwardedHeaders: Record<string, string>;
  /**
   * The client whose API key the partner edge verified (`gateway/partner-server.ts` sets it before any plugin
   * runs); null for anonymous traffic. An `x-api-key` header is never trusted on its own: a client could send a
   * new made-up key with every request and never run out of budget.
   */
  client?: ClientIdentity | null;
  /** The caller's address (from `X-Forwarded-For` only behind a trusted proxy): the rate limit's identity of anonymous clients. */
  remoteAddress: string | undefined;
  /** When the whole request must be answered, in `performance.now()` ms: no subgraph fetch runs past it. */
  deadline: number;
};

/** The rate limit's identity of a client: its verified API key, else its address. */
export function rateLimitClientOf(apiKeyId: string | undefined, remoteAddress: string | undefined): string {
  return apiKeyId ? `key:${apiKeyId}` : `ip:${remoteAddress ?? 'unknown'}`;
}

/** Scopes of the request's verified key (none for anonymous clients); `schema` allows introspection in production. */
function scopesOf(context: GatewayContext): readonly string[] {
  return context.client?.scopes ?? [];
}

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** Supergraph SDL. Default: the committed `schema/supergraph.graphql`. */
  supergraphSdl?: string;
  /**
   * Subgraph URLs that replace the ones recorded in the supergraph (e.g. when tests listen on free ports, or
   * a deployment names other hosts). Default: the supergraph's own URLs.
   */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** Include stack traces in errors (development only). Default false. */
  exposeStackTraces?: boolean;
  /** Depth and size limits of client operations. Default {@link DEFAULT_OPERATION_LIMITS}. */
  limits?: OperationLimits;
  /** How long one subgraph fetch may take before the gateway gives up on it, in ms. Default 10 000. */
  subgraphTimeoutMs?: number;
  /**
   * Identical subgraph queries in flight at the same time share one fetch (`GATEWAY_DEDUPLICATE_SUBGRAPH_QUERIES`,
   * default true); mutations never do.
   */
  deduplicateSubgraphQueries?: boolean;
  /** API keys, trusted documents, explorer, metrics and usage (see gateway/partners.ts). Default: explorer only. */
  partners?: PartnerEdgeOptions;
  /**
   * How long a whole request may take, in ms, from when its body is read: subgraph fetches get what is left of
   * it, and one that would start past it does not start. Default 15 000.
   */
  requestDeadlineMs?: number;
  /** Each subgraph's circuit breaker. Default: open after 5 consecutive failures, probe after 5 s. */
  circuitBreaker?: Omit<CircuitBreakerOptions, 'now'>;
  /** Highest estimated cost of one operation. Default {@link DEFAULT_MAX_COST}. */
  maxCost?: number;
  /** Weights and list sizes of the cost estimate. Default {@link DEFAULT_COST_MAP}. */
  costMap?: CostMap;
  /** Per-client cost budget. Default: in memory, 50 000 units a minute; `false`: no rate limit. */
  rateLimit?: { unitsPerWindow: number; windowMs: number; limiter?: RateLimiter } | false;
  /** Alias, directive and token limits. Default {@link DEFAULT_ARMOR_LIMITS}. */
  armor?: ArmorLimits;
  /**
   * Production posture: introspection and "Did you mean" suggestions only for clients allowed by
   * `canIntrospect` (keys with the `schema` scope). Default `NODE_ENV === 'production'`.
   */
  production?: boolean;
  /**
   * How long shared caches may keep anonymous GETs of registered queries, by what they read (prices and stock,
   * content). Default {@link DEFAULT_CACHE_TIERS}.
   */
  cacheTiers?: Partial<CacheTiers>;
  /** Load balancers whose `X-Forwarded-For` names the client (rate limit per address). Default: none, the peer is the client. */
  trustedProxies?: TrustedProxies;
  /** The secret every subgraph request is signed with (`SUBGRAPH_SHARED_SECRET`). Default: unsigned. */
  subgraphSecret?: string;
}

/**
 * Turns off Apollo's own telemetry unless an operator set `APOLLO_TELEMETRY_DISABLED` on purpose: @apollo/gateway
 * otherwise sends usage metrics to Apollo's servers and probes cloud metadata endpoints from every gateway
 * process, and Meridian is self-hosted and may run offline. `new ApolloGateway` reads it, so call this first.
 */
export function disableApolloTelemetryByDefault(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED ??= 'true';
}

/**
 * Builds the gateway server (not listening): Apollo Gateway over a static supergraph, forwarding the
 * market-context headers to every subgraph.
 */
export function createGateway(options: GatewayOptions = {}) {
  disableApolloTelemetryByDefault();
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const subgraphTimeoutMs = options.subgraphTimeoutMs ?? 10_000;
  const requestDeadlineMs = options.requestDeadlineMs ?? 15_000;
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const agent = createSubgraphAgent();
  const subgraphSecret = options.subgraphSecret;
  const trustedProxies = options.trustedProxies ?? parseTrustedProxies(undefined);
  const breakers = new Map<string, CircuitBreaker>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const breaker = new CircuitBreaker(options.circuitBreaker);
      breakers.set(name, breaker);
      return new SubgraphDataSource<GatewayContext>({
        name,
        url: options.subgraphUrls?.[name as SubgraphName] ?? url!,
        timeoutMs: subgraphTimeoutMs,
        agent,
        breaker,
        forwardedHeaders: (context) => context.forwardedHeaders ?? {},
        ...(options.partners?.wrapSubgraphFetch ? { wrapSend: (send) => options.partners!.wrapSubgraphFetch!(name, send) } : {}),
        deadline: (context) => context.deadline,
        deduplicateQueries: options.deduplicateSubgraphQueries ?? true,
        ...(subgraphSecret !== undefined && { signBody: (body: string) => signBody(subgraphSecret, body) }),
      });
    },
  });
  const rateLimit = options.rateLimit === false ? undefined : (options.rateLimit ?? { unitsPerWindow: 50_000, windowMs: 60_000 });
  const rateLimiter = rateLimit && (rateLimit.limiter ?? createMemoryRateLimiter(rateLimit));
  const exposeStackTraces = options.exposeStackTraces ?? false;
  const server = new PartnerGatewayServer<GatewayContext>(
    {
      gateway,
      formatError: createErrorFormatter(exposeStackTraces),
      includeStacktraceInErrorResponses: exposeStackTraces,
      // Introspection is decided per request by the request guard (`canIntrospect`): on outside production, in
      // production only for keys with the `schema` scope.
      introspection: true,
      // The parser stops at a token budget. (Deep nesting is refused before parsing, by `listenGraphQL`.)
      parseOptions: { maxTokens: (options.armor ?? DEFAULT_ARMOR_LIMITS).maxTokens },
      // graphql-js's MaxIntrospectionDepthRule refuses the nested `fields { type { fields … } }` introspection
      // attack; our own rule budgets depth and size, introspection separately; graphql-armor's count aliases and
      // directives.
      validationRules: [
        createOperationLimitsRule(options.limits ?? DEFAULT_OPERATION_LIMITS),
        MaxIntrospectionDepthRule,
        ...createArmorRules(options.armor ?? DEFAULT_ARMOR_LIMITS),
      ],
      plugins: [
        createRequestGuardPlugin<GatewayContext>({ canIntrospect: (context) => canIntrospect({ scopes: scopesOf(context) }, production) }),
        createDemandControlPlugin<GatewayContext>({
          maxCost: options.maxCost ?? DEFAULT_MAX_COST,
          costMap: options.costMap ?? DEFAULT_COST_MAP,
          rateLimiter,
          unitsPerWindow: rateLimit ? rateLimit.unitsPerWindow : undefined,
          clientOf: (context) => rateLimitClientOf(context.client?.keyId, context.remoteAddress),
          // A key's budget is in cost units per minute (`npm run keys -- create --budget`); scaled to the window.
          budgetOf: (context) =>
            context.client && rateLimit ? Math.max(1, Math.round((context.client.costBudget * rateLimit.windowMs) / 60_000)) : undefined,
        }),
        // Cache hints come from the supergraph (cache-hints.ts), not from @cacheControl in subgraph SDL, so Apollo's
        // own plugin would only add work to every request.
        ApolloServerPluginCacheControlDisabled(),
        createCacheControlPlugin<GatewayContext>(
          cacheHintsFromSupergraph(supergraphSdl, { ...DEFAULT_CACHE_TIERS, ...options.cacheTiers }),
        ),
        // Inline traces are a subgraph's answer to its gateway; Apollo Server would still ask every request whether to
        // record one (the gateway's API schema is no subgraph, so it never does).
        ApolloServerPluginInlineTraceDisabled(),
        // The subgraph connection pool closes with the server, so a stopped gateway holds no sockets.
        { serverWillStart: async () => ({ serverWillStop: () => agent.close() }) },
      ],
      // The process owner (scripts/start.ts, run-subgraph.ts, tests) stops servers in order on SIGINT/SIGTERM.
      stopOnTerminationSignals: false,
    },
    options.partners,
  );
  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const forwardedHeaders: GatewayContext['forwardedHeaders'] = {};
    for (const header of FORWARDED_HEADERS) {
      const value = req.headers[header];
      if (typeof value === 'string' && value.length <= 256) forwardedHeaders[header] = value;
    }
    // The partner edge adds `client` (the verified key) to this context before any plugin runs.
    return { forwardedHeaders, remoteAddress: clientAddressOf(req, trustedProxies), deadline: performance.now() + requestDeadlineMs };
  };
  /** The state of each subgraph's circuit, for readiness and tests. */
  const circuits = (): Record<string, CircuitState> => Object.fromEntries([...breakers].map(([name, breaker]) => [name, breaker.state]));
  return { server, context, circuits, extraRoutes: partnerRoutes(options.partners) };
}
