import type { IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { MaxIntrospectionDepthRule } from 'graphql';
import { createErrorFormatter, FORWARDED_HEADERS } from '../subgraphs/common/contract/index.ts';
import type { SubgraphName } from '../subgraphs/common/config.ts';
import { createSubgraphAgent, SubgraphDataSource } from './subgraph-data-source.ts';
import { PartnerGatewayServer, partnerRoutes, type PartnerEdgeOptions } from './partner-server.ts';
import { createOperationLimitsRule, DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operation-limits.ts';

/** The committed supergraph, composed ahead of time by `npm run compose`. */
export const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

/** Per-request context of the gateway: only what it forwards. */
export type GatewayContext = {
  forwardedHeaders: Record<string, string>;
};

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
  /** API keys, trusted documents, explorer, metrics and usage (see gateway/partners.ts). Default: explorer only. */
  partners?: PartnerEdgeOptions;
}

/**
 * Builds the gateway server (not listening): Apollo Gateway over a static supergraph, forwarding the
 * market-context headers to every subgraph.
 */
export function createGateway(options: GatewayOptions = {}) {
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const subgraphTimeoutMs = options.subgraphTimeoutMs ?? 10_000;
  const agent = createSubgraphAgent();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource<GatewayContext>({
        name,
        url: options.subgraphUrls?.[name as SubgraphName] ?? url!,
        timeoutMs: subgraphTimeoutMs,
        agent,
        forwardedHeaders: (context) => context.forwardedHeaders ?? {},
        ...(options.partners?.wrapSubgraphFetch ? { wrapSend: (send) => options.partners!.wrapSubgraphFetch!(name, send) } : {}),
      }),
  });
  const exposeStackTraces = options.exposeStackTraces ?? false;
  const server = new PartnerGatewayServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(exposeStackTraces),
    includeStacktraceInErrorResponses: exposeStackTraces,
    // Analytics teams explore the schema: introspection stays on, the contract is public.
    introspection: true,
    // graphql-js's MaxIntrospectionDepthRule refuses the nested `fields { type { fields … } }` introspection
    // attack; our own rule budgets depth and size, introspection separately.
    validationRules: [createOperationLimitsRule(options.limits ?? DEFAULT_OPERATION_LIMITS), MaxIntrospectionDepthRule],
    // No field sets cache-control hints; the plugin would only add work to every request.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      // The subgraph connection pool closes with the server, so a stopped gateway holds no sockets.
      { serverWillStart: async () => ({ serverWillStop: () => agent.close() }) },
    ],
    // The process owner (scripts/start.ts, run-subgraph.ts, tests) stops servers in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
  }, options.partners);
  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const forwardedHeaders: GatewayContext['forwardedHeaders'] = {};
    for (const header of FORWARDED_HEADERS) {
      const value = req.headers[header];
      if (typeof value === 'string' && value.length <= 256) forwardedHeaders[header] = value;
    }
    return { forwardedHeaders };
  };
  return { server, context, extraRoutes: partnerRoutes(options.partners) };
}
