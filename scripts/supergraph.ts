import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES, readConfig } from '../subgraphs/common/config.ts';

/**
 * Composes the four subgraphs' SDL files into the supergraph SDL with @apollo/composition, the same library
 * Rover uses. The URLs recorded are the default local ports; deployments override them in the gateway.
 * Throws with every composition error when the subgraphs do not compose.
 */
export function composeSupergraph(): string {
  const { host, subgraphPorts } = readConfig({});
  const services = SUBGRAPH_NAMES.map((name) => ({
    name,
    url: `http://${host}:${subgraphPorts[name]}/graphql`,
    typeDefs: parse(readFileSync(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl + (result.supergraphSdl.endsWith('\n') ? '' : '\n');
}
