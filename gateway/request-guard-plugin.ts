import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { echoed, ErrorCode } from '../subgraphs/common/contract/errors.ts';
import { asksForSchema, introspectionRefused, withoutSuggestions } from './introspection-policy.ts';

/** Options of {@link createRequestGuardPlugin}. */
export interface RequestGuardOptions<TContext> {
  /** Whether this request may introspect and see "Did you mean" suggestions (see `canIntrospect`). */
  canIntrospect: (context: TContext) => boolean;
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } });
}

/**
 * Refuses, as the client's mistakes they are (BAD_REQUEST, HTTP 400) rather than as a 500 from deep inside
 * execution, the requests whose operation cannot be chosen or run: an `operationName` naming no operation (or
 * `""`), several operations without one, and mutations or subscriptions on a schema without them. Also
 * applies the introspection policy: a client who may not see the schema gets neither `__schema`/`__type` nor
 * the schema's names in "Did you mean" suggestions, from validation, variable coercion or anywhere else.
 */
export function createRequestGuardPlugin<TContext extends Record<string, unknown>>(
  options: RequestGuardOptions<TContext>,
): ApolloServerPlugin<TContext> {
  // Whether a document asks for the schema is a property of the document alone; Apollo's document store hands
  // back the same parsed document for the same text, so each is walked once (and forgotten with it).
  const asksForSchemaByDocument = new WeakMap<DocumentNode, boolean>();
  const documentAsksForSchema = (document: DocumentNode): boolean => {
    let asks = asksForSchemaByDocument.get(document);
    if (asks === undefined) {
      asks = asksForSchema(document);
      asksForSchemaByDocument.set(document, asks);
    }
    return asks;
  };
  return {
    async requestDidStart(started) {
      const mayIntrospect = options.canIntrospect(started.contextValue);
      return {
        async validationDidStart() {
          if (mayIntrospect) return;
          return async (errors) => {
            for (const error of errors ?? []) error.message = withoutSuggestions(error.message);
          };
        },
        // Validation is not the only source of suggestions: coercing variables (`{"f": {"categry": …}}`) and a
        // subgraph's own messages carry them too, so every error of the answer is cleaned as it leaves.
        async willSendResponse(requestContext) {
          if (mayIntrospect || requestContext.response.body.kind !== 'single') return;
          const errors = requestContext.response.body.singleResult.errors;
          if (!errors?.some((error) => error.message.includes('Did you mean'))) return;
          requestContext.response.body.singleResult.errors = errors.map((error) => ({
            ...error,
            message: withoutSuggestions(error.message),
          }));
        },
        async didResolveOperation(requestContext) {
          const { document, operation, schema } = requestContext;
          if (!document) return;
          if (!operation) {
            const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
            const operationName = requestContext.request.operationName;
            if (typeof operationName === 'string') {
              throw badRequest(`No operation named "${echoed(operationName)}" in the document`);
            }
            throw badRequest(
              operations.length === 0
                ? 'The document contains no operation'
                : 'The document contains several operations: name the one to run with "operationName"',
            );
          }
          const root =
            operation.operation === 'query'
              ? schema.getQueryType()
              : operation.operation === 'mutation'
                ? schema.getMutationType()
                : schema.getSubscriptionType();
          if (!root) throw badRequest(`This API has no ${operation.operation} operations`);
          if (!mayIntrospect && documentAsksForSchema(document)) throw introspectionRefused();
        },
      };
    },
  };
}
