import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { ACCEPT_LANGUAGE_HEADER, SHIP_TO_HEADER } from '../subgraphs/common/contract/headers.ts';
import { type CacheHints, type CachePolicy, cachePolicyOf } from './cache-hints.ts';
import type { PartnerContext } from './partner-context.ts';

/** What a shared cache must key on besides the URL: the headers the graph reads, and the negotiated media type. */
export const CACHE_VARY = ['accept', ACCEPT_LANGUAGE_HEADER, SHIP_TO_HEADER].join(', ');

/** The purge keys of an answer (`xkey`/`Surrogate-Key`): `meridian`, and `meridian-<subgraph>` for each subgraph it reads. */
export function purgeKeysOf(policy: CachePolicy): string {
  return ['meridian', ...policy.graphs.map((graph) => `meridian-${graph}`)].join(' ');
}

/**
 * Marks as publicly cacheable the answers a shared cache may keep: a GET of a registered (trusted) query, without
 * an API key, answered without any error, whose fields all have a hint (see `cachePolicyOf`). Such an answer
 * depends only on its URL and the `Vary` headers (so it leaves without the caller's `extensions.cost.throttleStatus`,
 * which the demand-control plugin, registered before this one, added). Everything else is left without a policy here and leaves the
 * edge as `private, no-store` (see `withHttpCaching`).
 */
export function createCacheControlPlugin<TContext extends Partial<PartnerContext>>(hints: CacheHints): ApolloServerPlugin<TContext> {
  // Apollo's document store hands back the same parsed document for the same text, so each is walked once.
  const policies = new WeakMap<DocumentNode, CachePolicy>();
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, contextValue, operation, document, schema }) {
          if (request.http?.method !== 'GET' || contextValue.client || !contextValue.documentId) return;
          if (operation?.operation !== 'query' || !document || response.body.kind !== 'single') return;
          if (response.body.singleResult.errors?.length) return;
          let policy = policies.get(document);
          if (!policy) {
            policy = cachePolicyOf(document, schema, hints);
            policies.set(document, policy);
          }
          if (policy.maxAgeS <= 0) return;
          const keys = purgeKeysOf(policy);
          response.http.headers.set('cache-control', `public, max-age=${policy.maxAgeS}`);
          response.http.headers.set('vary', CACHE_VARY);
          response.http.headers.set('surrogate-key', keys);
          response.http.headers.set('xkey', keys);
          // The caller's remaining rate-limit budget is not content: a shared cache would show one caller's budget to
          // every other, and a figure that changes with each request would give each answer a new ETag.
          const cost = response.body.singleResult.extensions?.cost as { throttleStatus?: unknown } | undefined;
          if (cost?.throttleStatus !== undefined) {
            const { throttleStatus: _callersOwn, ...content } = cost;
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: content };
          }
        },
      };
    },
  };
}
