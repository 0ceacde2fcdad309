import { createHash } from 'node:crypto';
import type { HTTPGraphQLRequest, HTTPGraphQLResponse } from '@apollo/server';
import type { ClientIdentity } from './api-keys.ts';
import { PartnerErrorCode, partnerErrorResponse } from './partner-errors.ts';
import type { TrustedDocuments } from './trusted-documents.ts';

/** The document id or APQ hash a request names, if any (to load it from storage before resolving). */
export function requestedDocumentId(request: HTTPGraphQLRequest): string | undefined {
  let fields: Record<string, any> | undefined;
  if (request.method.toUpperCase() === 'GET') {
    const params = new URLSearchParams(request.search);
    const documentId = params.get('documentId');
    if (documentId) return documentId;
    try {
      fields = { extensions: JSON.parse(params.get('extensions') ?? 'null') };
    } catch {
      return undefined;
    }
  } else if (request.body && typeof request.body === 'object' && !Array.isArray(request.body)) {
    fields = request.body as Record<string, any>;
  }
  const id = fields?.documentId ?? fields?.extensions?.persistedQuery?.sha256Hash;
  return typeof id === 'string' ? id : undefined;
}

/** Whether an APQ hash (bare hex, or `sha256:`-prefixed as some clients send it) is the SHA-256 of `query`. */
function sameHash(apqHash: string, query: string): boolean {
  return apqHash.replace(/^sha256:/, '').toLowerCase() === createHash('sha256').update(query, 'utf8').digest('hex');
}

type Resolved = { request: HTTPGraphQLRequest; documentId: string | null } | { refuse: HTTPGraphQLResponse };

function shortId(id: string): string {
  return id.length > 80 ? `${id.slice(0, 77)}…` : id;
}

/**
 * Turns `{"documentId": "sha256:…"}` and Apollo's `extensions.persistedQuery` (when its hash is a registered
 * document) into the operation text, and refuses anything else from a `trusted-only` client.
 */
export function resolveTrustedDocument(
  request: HTTPGraphQLRequest,
  documents: TrustedDocuments | undefined,
  client: ClientIdentity | null,
): Resolved {
  const trustedOnly = client?.scopes.includes('trusted-only') ?? false;
  const clientName = client?.client ?? null;
  const who = client ? `Client "${client.client}"` : 'This client';
  const notTrusted = (): Resolved => ({
    refuse: partnerErrorResponse(
      403,
      PartnerErrorCode.OPERATION_NOT_TRUSTED,
      `${who} may only send registered operations: send {"documentId": "sha256:…"} from your generated manifest instead of the operation text.`,
    ),
  });
  const notFound = (id: string): Resolved => ({
    refuse: partnerErrorResponse(
      400,
      PartnerErrorCode.PERSISTED_QUERY_NOT_FOUND,
      `No registered operation${client ? ` for client "${client.client}"` : ''} has id "${shortId(id)}". Regenerate your client and have its manifest registered with the gateway for your client.`,
    ),
  });

  const isGet = request.method === 'GET';
  let fields: Record<string, unknown>;
  if (isGet) {
    const params = new URLSearchParams(request.search);
    fields = Object.fromEntries(params);
    if (typeof fields.extensions === 'string') {
      try {
        fields.extensions = JSON.parse(fields.extensions);
      } catch {
        // Apollo Server answers malformed extensions itself.
      }
    }
  } else if (request.body && typeof request.body === 'object' && !Array.isArray(request.body)) {
    fields = request.body as Record<string, unknown>;
  } else {
    return trustedOnly ? notTrusted() : { request, documentId: null };
  }

  const query = typeof fields.query === 'string' && fields.query.length > 0 ? fields.query : undefined;
  const documentId = typeof fields.documentId === 'string' ? fields.documentId : undefined;
  const extensions = fields.extensions && typeof fields.extensions === 'object' ? (fields.extensions as Record<string, any>) : undefined;
  const apqHash = typeof extensions?.persistedQuery?.sha256Hash === 'string' ? (extensions.persistedQuery.sha256Hash as string) : undefined;

  let trustedId: string | undefined;
  let text: string | undefined;
  if (documentId !== undefined) {
    if (query !== undefined) {
      return { refuse: partnerErrorResponse(400, PartnerErrorCode.BAD_REQUEST, 'Send either "documentId" or "query", not both.') };
    }
    text = documents?.get(documentId, clientName);
    if (text === undefined) return notFound(documentId);
    trustedId = documentId.startsWith('sha256:') ? documentId : `sha256:${documentId}`;
  } else if (apqHash !== undefined) {
    if (query !== undefined && !sameHash(apqHash, query)) {
      return {
        refuse: partnerErrorResponse(
          400,
          PartnerErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
          'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it: hash the exact text (UTF-8, lowercase hex).',
        ),
      };
    }
    const registered = documents?.get(apqHash, clientName);
    if (registered !== undefined && (query === undefined || query === registered)) {
      text = registered;
      trustedId = `sha256:${apqHash.replace(/^sha256:/, '')}`;
    } else if (trustedOnly) {
      return query === undefined ? notFound(apqHash) : notTrusted();
    } else {
      // An ordinary automatic persisted query: Apollo Server's own APQ cache handles it.
      return { request, documentId: null };
    }
  } else if (trustedOnly) {
    return notTrusted();
  } else {
    return { request, documentId: null };
  }

  // Hand Apollo Server a plain operation: the text in `query`, our ids and the APQ extension removed.
  const { documentId: _id, query: _query, ...rest } = fields;
  const restExtensions = { ...(extensions ?? {}) };
  delete restExtensions.persistedQuery;
  const rewritten: Record<string, unknown> = { ...rest, query: text };
  if (Object.keys(restExtensions).length > 0) rewritten.extensions = restExtensions;
  else delete rewritten.extensions;
  if (isGet) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(rewritten)) params.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    return { request: { ...request, search: `?${params}` }, documentId: trustedId };
  }
  return { request: { ...request, body: rewritten }, documentId: trustedId };
}
