// Writes schema/supergraph.graphql from the subgraphs' SDL files. Run after changing any schema.graphql.
import { writeFileSync } from 'node:fs';
import { composeSupergraph } from './supergraph.ts';
import { SUPERGRAPH_FILE } from '../gateway/gateway.ts';

try {
  writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
  console.log(`Wrote ${SUPERGRAPH_FILE.pathname}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
