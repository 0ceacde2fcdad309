import type { ClientIdentity } from './api-keys.ts';
import type { LookupScope } from './edge-lookups.ts';

/** What the partner edge (partner-server.ts) adds to every request's context. */
export interface PartnerContext {
  /** The client whose key the request carried; null for anonymous traffic (development, first-party web). */
  client: ClientIdentity | null;
  /** The registered document the operation came from, when it was sent by id or persisted-query hash. */
  documentId: string | null;
}

/** The name of the client behind a request's context (the label of its metrics, usage and logs): `anonymous` without a key. */
export function clientNameOf(context: object): string {
  return (context as Partial<PartnerContext>).client?.client ?? 'anonymous';
}

/** Until when the edge may wait for its own lookups when a context carries no deadline, in ms. */
const DEFAULT_LOOKUP_WINDOW_MS = 15_000;

/**
 * The address whose lookup budget pays for the edge's database reads, and the request's deadline, read from a
 * request's context (the gateway's carries `remoteAddress` and `deadline`, see gateway.ts).
 */
export function lookupScopeOf(context: object): LookupScope {
  const { remoteAddress, deadline } = context as { remoteAddress?: unknown; deadline?: unknown };
  return {
    address: typeof remoteAddress === 'string' ? remoteAddress : undefined,
    deadline: typeof deadline === 'number' ? deadline : performance.now() + DEFAULT_LOOKUP_WINDOW_MS,
  };
}
