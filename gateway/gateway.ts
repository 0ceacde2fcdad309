import type { IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { createErrorFormatter } from '../subgraphs/common/format-error.ts';
import { SHIP_TO_HEADER } from '../subgraphs/common/market-context.ts';
import type { SubgraphName } from '../subgraphs/common/config.ts';
import { createOperationLimitsRule, DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operation-limits.ts';

/** The committed supergraph, composed ahead of time by `npm run compose`. */
export const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

/** Request headers the gateway forwards to every subgraph: the shopper's market context. */
export const FORWARDED_HEADERS = ['accept-language', SHIP_TO_HEADER] as const;

/** Per-request context of the gateway: only what it forwards. */
export interface GatewayContext {
  forwardedHeaders: Partial<Record<(typeof FORWARDED_HEADERS)[number], string>>;
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
}

/**
 * Builds the gateway server (not listening): Apollo Gateway over a static supergraph, forwarding the
 * market-context headers to every subgraph.
 */
export function createGateway(options: GatewayOptions = {}) {
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: options.subgraphUrls?.[name as SubgraphName] ?? url,
        willSendRequest({ request, context }) {
          for (const [header, value] of Object.entries(context.forwardedHeaders ?? {})) {
            if (typeof value === 'string') request.http?.headers.set(header, value);
          }
        },
      }),
  });
  const exposeStackTraces = options.exposeStackTraces ?? false;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(exposeStackTraces),
    includeStacktraceInErrorResponses: exposeStackTraces,
    // Analytics teams explore the schema: introspection stays on, the contract is public.
    introspection: true,
    validationRules: [createOperationLimitsRule(options.limits ?? DEFAULT_OPERATION_LIMITS)],
    // The process owner (scripts/start.ts, run-subgraph.ts, tests) stops servers in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
  });
  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const forwardedHeaders: GatewayContext['forwardedHeaders'] = {};
    for (const header of FORWARDED_HEADERS) {
      const value = req.headers[header];
      if (typeof value === 'string' && value.length <= 256) forwardedHeaders[header] = value;
    }
    return { forwardedHeaders };
  };
  return { server, context };
}
