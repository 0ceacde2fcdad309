import { GraphQLError, visit, type DocumentNode } from 'graphql';

/** What the introspection policy needs to know of a request. */
export interface IntrospectionSubject {
  /** Scopes of the client's API key; empty for anonymous clients (API keys arrive on another branch). */
  scopes?: readonly string[];
}

/**
 * Whether this request may see the schema: introspection and "Did you mean" suggestions. Outside production
 * anyone may; in production only a client whose key carries the `schema` scope. This is the hook the API-key
 * work plugs into: it fills `scopes` in the context, nothing here changes.
 */
export function canIntrospect(subject: IntrospectionSubject, production: boolean): boolean {
  return !production || (subject.scopes?.includes('schema') ?? false);
}

/** Whether the document asks for the schema (`__schema` or `__type` anywhere; `__typename` is not). */
export function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

/** graphql-js's suggestion suffix, e.g. ` Did you mean "product"?` or `Did you mean "a", "b", or "c"?`. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** A validation message without its suggestions of schema names. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/** The error a client who may not introspect gets (HTTP 400, a validation failure like graphql-js's own). */
export function introspectionRefused(): GraphQLError {
  return new GraphQLError('Introspection is not available to this client; the schema is published as an artifact.', {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}
