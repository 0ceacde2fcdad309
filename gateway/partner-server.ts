import {
  ApolloServer,
  type ApolloServerOptions,
  type ApolloServerPlugin,
  type BaseContext,
  type ContextThunk,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { printSchema } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeyAuthenticator, ClientIdentity } from './api-keys.ts';
import { createExplorerAssetRoute, explorerPage, wantsExplorerPage, type ExplorerOptions } from './explorer.ts';
import { lookupScopeOf, type PartnerContext } from './partner-context.ts';
import { EdgeLookupRefusal } from './edge-lookups.ts';
import { PartnerErrorCode, edgeRefusalCode, partnerErrorResponse } from './partner-errors.ts';
import { presentedApiKey } from './presented-api-key.ts';
import { requestedDocumentId, resolveTrustedDocument } from './resolve-trusted-document.ts';
import { persistedGetWithoutPreflight, withHttpCaching } from './http-caching.ts';
import { withRequestSpan } from './telemetry.ts';
import type { TrustedDocuments } from './trusted-documents.ts';

/** Options of the partner edge of the gateway: who may call, with what, and the explorer. */
export interface PartnerEdgeOptions {
  /** Checks `x-api-key`. Default: no keys are known, so any key presented is refused. */
  authenticate?: ApiKeyAuthenticator;
  /** Registered operations partners may send by id. Default: none. */
  trustedDocuments?: TrustedDocuments;
  /** Refuse requests without a key. Default: true when `NODE_ENV=production`. */
  requireApiKey?: boolean;
  /** The explorer at `GET /graphql` for browsers; false turns it off. Default on. */
  explorer?: ExplorerOptions | false;
  /** Only keys with the `schema` scope see the explorer. Default: true when `NODE_ENV=production`. */
  explorerRequiresSchemaScope?: boolean;
  /** More plugins (metrics, usage recording). */
  plugins?: ApolloServerPlugin<any>[];
  /** More HTTP routes tried before GraphQL (e.g. `/metrics`); each returns true when it answered. */
  routes?: ((req: IncomingMessage, res: ServerResponse) => boolean)[];
  /** Wraps each subgraph's fetch (latency and failure metrics, trace propagation). */
  wrapSubgraphFetch?: <TFetcher>(serviceName: string, fetcher: TFetcher) => TFetcher;
  /** Run each request in a server span continuing the caller's `traceparent` (see telemetry.ts). Default false. */
  tracing?: boolean;
  /** Told of every error the edge answers itself (metrics count them by code and client). */
  onEdgeError?: (code: string, client: string) => void;
}

/** The edge's own HTTP routes: the explorer's static files, then any extra ones (metrics). */
export function partnerRoutes(edge: PartnerEdgeOptions = {}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const routes = [...(edge.explorer === false ? [] : [createExplorerAssetRoute()]), ...(edge.routes ?? [])];
  return (req, res) => routes.some((route) => route(req, res));
}

const isProduction = () => process.env.NODE_ENV === 'production';

/**
 * The gateway's Apollo Server with the partner edge in front of every HTTP request: API key check, trusted
 * documents, and the explorer page for browsers. Apollo's own landing page (which loads from Apollo's CDN) is off.
 */
export class PartnerGatewayServer<TContext extends BaseContext> extends ApolloServer<TContext> {
  readonly #edge: PartnerEdgeOptions;
  /** `requireApiKey` and `explorerRequiresSchemaScope` with their defaults, read once (`process.env` costs per read). */
  readonly #requireApiKey: boolean;
  readonly #explorerRequiresSchemaScope: boolean;
  /** The API schema as SDL, kept current by the gateway's schema callback: the explorer's docs read it. */
  readonly #schema: { sdl: string | undefined };

  constructor(config: ApolloServerOptions<TContext>, edge: PartnerEdgeOptions = {}) {
    const schema: { sdl: string | undefined } = { sdl: undefined };
    const rememberSchema: ApolloServerPlugin<TContext> = {
      async serverWillStart() {
        return {
          schemaDidLoadOrUpdate({ apiSchema }) {
            schema.sdl = printSchema(apiSchema);
          },
        };
      },
    };
    super({
      ...config,
      plugins: [...(config.plugins ?? []), ApolloServerPluginLandingPageDisabled(), rememberSchema, ...(edge.plugins ?? [])],
    } as ApolloServerOptions<TContext>);
    this.#edge = edge;
    this.#requireApiKey = edge.requireApiKey ?? isProduction();
    this.#explorerRequiresSchemaScope = edge.explorerRequiresSchemaScope ?? isProduction();
    this.#schema = schema;
  }

  override async executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context,
  }: {
    httpGraphQLRequest: HTTPGraphQLRequest;
    context: ContextThunk<TContext>;
  }): Promise<HTTPGraphQLResponse> {
    const seen: { client: ClientIdentity | null } = { client: null };
    const handle = () => this.#handle(httpGraphQLRequest, context, seen);
    const response = this.#edge.tracing ? await withRequestSpan(httpGraphQLRequest.headers, handle) : await handle();
    const refusal = edgeRefusalCode(response);
    if (refusal) this.#edge.onEdgeError?.(refusal, seen.client?.client ?? 'anonymous');
    return withHttpCaching(httpGraphQLRequest, response);
  }

  async #handle(
    httpGraphQLRequest: HTTPGraphQLRequest,
    context: ContextThunk<TContext>,
    seen: { client: ClientIdentity | null },
  ): Promise<HTTPGraphQLResponse> {
    const edge = this.#edge;
    // The context is built once: the edge reads the client's address and deadline from it before Apollo runs.
    let base: Promise<TContext> | undefined;
    const contextOnce = () => (base ??= context());
    const key = presentedApiKey(httpGraphQLRequest.headers);
    let client: ClientIdentity | null = null;
    if (key !== undefined) {
      try {
        client = (await edge.authenticate?.(key, lookupScopeOf(await contextOnce()))) ?? null;
      } catch (error) {
        if (error instanceof EdgeLookupRefusal) return error.response();
        throw error;
      }
      seen.client = client;
      if (!client) {
        return partnerErrorResponse(401, PartnerErrorCode.UNAUTHENTICATED, 'The API key is not recognised or has been revoked.');
      }
    }

    const method = httpGraphQLRequest.method.toUpperCase();
    if (edge.explorer !== false && wantsExplorerPage(method, httpGraphQLRequest.headers.get('accept'), httpGraphQLRequest.search)) {
      if (this.#explorerRequiresSchemaScope) {
        if (!client) {
          return partnerErrorResponse(
            401,
            PartnerErrorCode.UNAUTHENTICATED,
            'The explorer needs an API key with the "schema" scope (as the password).',
            {
              'www-authenticate': 'Basic realm="Meridian explorer", charset="UTF-8"',
            },
          );
        }
        if (!client.scopes.includes('schema')) {
          return partnerErrorResponse(
            403,
            PartnerErrorCode.FORBIDDEN,
            `Client "${client.client}" has no "schema" scope, which the explorer needs.`,
          );
        }
      }
      return explorerPage(edge.explorer ?? {}, this.#schema.sdl);
    }

    const requestedId = requestedDocumentId(httpGraphQLRequest);
    // Without a key, a gateway that requires keys still answers a GET of a query registered for every client (what
    // a CDN caches); anything else needs a key.
    const needsKey = !client && this.#requireApiKey;
    const keyRequired = () =>
      partnerErrorResponse(401, PartnerErrorCode.UNAUTHENTICATED, 'This gateway needs an API key: send it in the x-api-key header.');
    if (needsKey && (method !== 'GET' || requestedId === undefined)) return keyRequired();

    if (requestedId !== undefined && edge.trustedDocuments?.prefetch) {
      try {
        await edge.trustedDocuments.prefetch(requestedId, client?.client ?? null, lookupScopeOf(await contextOnce()));
      } catch (error) {
        if (error instanceof EdgeLookupRefusal) return error.response();
        throw error;
      }
    }
    const resolved = resolveTrustedDocument(httpGraphQLRequest, edge.trustedDocuments, client);
    if ('refuse' in resolved) return resolved.refuse;
    if (needsKey && resolved.documentId === null) return keyRequired();
    const partner: PartnerContext = { client, documentId: resolved.documentId };
    return super.executeHTTPGraphQLRequest({
      httpGraphQLRequest: resolved.documentId === null ? resolved.request : persistedGetWithoutPreflight(resolved.request),
      context: async () => Object.assign(await contextOnce(), partner),
    });
  }
}
