import type { ClientIdentity } from './api-keys.ts';

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
