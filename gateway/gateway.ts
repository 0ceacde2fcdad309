import type { IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../subgraphs/common/errors.ts';
import { createErrorFormatter } from '../subgraphs/common/format-error.ts';
import { SHIP_TO_HEADER } from '../subgraphs/common/market-context.ts';
import type { SubgraphName } from '../subgraphs/common/config.ts';
import { createOperationLimitsRule, DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operation-limits.ts';
import { PartnerGatewayServer, partnerRoutes, type PartnerEdgeOptions } from './partner-server.ts';

/** The committed supergraph, composed ahead of time by `npm run compose`. */
export const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

/** Request headers the gateway forwards to every subgraph: the shopper's market context. */
export const FORWARDED_HEADERS = ['accept-language', SHIP_TO_HEADER] as const;

/**
 * Node's own fetch (keep-alive pooled) with a deadline: a hung or unreachable subgraph fails only its part of
 * the response, with SERVICE_UNAVAILABLE naming it, instead of holding the client's request open.
 */
function createSubgraphFetcher(serviceName: string, timeoutMs: number): RemoteGraphQLDataSource['fetcher'] {
  const fetcher = async (url: string, init: RequestInit) => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new GraphQLError(
        timedOut
          ? `The ${serviceName} service did not answer within ${timeoutMs} ms; its fields are null. Retry shortly.`
          : `The ${serviceName} service is unreachable; its fields are null. Retry shortly.`,
        { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName }, originalError: error as Error },
      );
    }
  };
  return fetcher as unknown as RemoteGraphQLDataSource['fetcher'];
}

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
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: options.subgraphUrls?.[name as SubgraphName] ?? url,
        fetcher: options.partners?.wrapSubgraphFetch?.(name, createSubgraphFetcher(name, subgraphTimeoutMs)) ?? createSubgraphFetcher(name, subgraphTimeoutMs),
        willSendRequest({ request, context }) {
          for (const [header, value] of Object.entries(context.forwardedHeaders ?? {})) {
            if (typeof value === 'string') request.http?.headers.set(header, value);
          }
        },
      }),
  });
  const exposeStackTraces = options.exposeStackTraces ?? false;
  const server = new PartnerGatewayServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(exposeStackTraces),
    includeStacktraceInErrorResponses: exposeStackTraces,
    // Analytics teams explore the schema: introspection stays on, the contract is public.
    introspection: true,
    validationRules: [createOperationLimitsRule(options.limits ?? DEFAULT_OPERATION_LIMITS)],
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
