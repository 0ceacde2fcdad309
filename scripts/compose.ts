// Writes schema/supergraph.graphql from the subgraphs' SDL files. Run after changing any schema.graphql.
import { writeFileSync } from 'node:fs';
import { composeSupergraph } from './supergraph.ts';
import { SUPERGRAPH_FILE } from '../gateway/gateway.ts';
import { API_SCHEMA_FILE, REFERENCE_PAGE_FILE, apiSchemaOf, printApiSchema } from './api-schema.ts';
import { renderReferencePage } from './schema-reference.ts';

try {
  const supergraphSdl = composeSupergraph();
  writeFileSync(SUPERGRAPH_FILE, supergraphSdl);
  console.log(`Wrote ${SUPERGRAPH_FILE.pathname}`);
  // The published artifacts analytics teams and partners read: the API schema and its offline reference page.
  writeFileSync(API_SCHEMA_FILE, printApiSchema(supergraphSdl));
  writeFileSync(REFERENCE_PAGE_FILE, renderReferencePage(apiSchemaOf(supergraphSdl)));
  console.log(`Wrote ${API_SCHEMA_FILE.pathname} and ${REFERENCE_PAGE_FILE.pathname}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
