import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** A generated document: typed by its result and variables, carrying its registered id (`sha256:<hex>`). */
export type RegisteredDocument<TResult, TVariables> = TypedDocumentNode<TResult, TVariables> & { __meta__?: { hash?: string } };

/** The registered id of a generated document (`sha256:<hex>`); throws when it was generated without one. */
export function registeredIdOf(document: TypedDocumentNode<any, any>): string {
  const id = (document as RegisteredDocument<unknown, unknown>).__meta__?.hash;
  if (!id) throw new Error('This document has no registered id: regenerate the client with `npm run codegen`.');
  return id;
}

/** Options of {@link createPartnerClient}. */
export interface PartnerClientOptions {
  /** The gateway, e.g. `https://api.example.com/graphql`. */
  url: string;
  /** Your key from `npm run keys -- create --client <you> --scope trusted-only`. */
  apiKey: string;
  /** Market context sent with every call, e.g. `{ 'accept-language': 'de-DE', 'x-ship-to-country': 'DE' }`. */
  headers?: Record<string, string>;
  /** The fetch to use (a proxy, a retrying one, a test spy). Default the global fetch. */
  fetch?: typeof fetch;
}

/** A GraphQL error the gateway answered with; `code` is its stable `extensions.code`. */
export class PartnerRequestError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(message: string, code: string, status: number) {
    super(message);
    this.name = 'PartnerRequestError';
    this.code = code;
    this.status = status;
  }
}

/**
 * A minimal typed client: sends only the registered document id and the variables, never the operation text,
 * so it works with a `trusted-only` key; results are typed by the generated document.
 */
export function createPartnerClient(options: PartnerClientOptions) {
  return {
    async execute<TResult, TVariables>(document: RegisteredDocument<TResult, TVariables>, variables: TVariables): Promise<TResult> {
      const documentId = registeredIdOf(document);
      const response = await (options.fetch ?? fetch)(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey, ...options.headers },
        body: JSON.stringify({ documentId, variables }),
      });
      const body = (await response.json()) as { data?: TResult; errors?: { message: string; extensions?: { code?: string } }[] };
      const [first] = body.errors ?? [];
      if (first) throw new PartnerRequestError(first.message, first.extensions?.code ?? 'UNKNOWN', response.status);
      return body.data as TResult;
    },
  };
}
