import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The public API schema, written by `npm run compose`: what clients see, federation internals stripped. */
export const API_SCHEMA_FILE = new URL('../schema/api.graphql', import.meta.url);
/** The offline reference page generated from it. */
export const REFERENCE_PAGE_FILE = new URL('../schema/reference.html', import.meta.url);
/** The last released API schema; only `npm run schema:release` changes it. */
export const RELEASED_SCHEMA_FILE = new URL('../schema/released.graphql', import.meta.url);
/** Acknowledged breaking changes and release notes. */
export const SCHEMA_CHANGELOG_FILE = new URL('../schema/CHANGELOG.md', import.meta.url);

/**
 * The API schema of a supergraph, as the gateway serves it: `join__*`/`link__*` definitions, `@inaccessible`
 * elements and federation directives removed (the same derivation Apollo's gateway and router make).
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return lexicographicSortSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}

/** SDL of the API schema, sorted so that a diff shows only real changes. */
export function printApiSchema(supergraphSdl: string): string {
  return `${printSchema(apiSchemaOf(supergraphSdl))}\n`;
}
