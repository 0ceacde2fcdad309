// `npm start`: the whole graph on one machine — database (embedded unless MONGODB_URI is set), seed data when
// empty, four subgraphs and the gateway, each on its own port. Ctrl-C stops everything cleanly.
import { logger } from '../subgraphs/common/logger.ts';
import { startStack } from './stack.ts';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from './example-query.ts';

const stack = await startStack();
const gatewayUrl = stack.gatewayUrl;
console.log(`
Meridian is up.
  Gateway:      ${gatewayUrl}
  Subgraphs:    ${Object.entries(stack.subgraphUrls).map(([name, url]) => `${name} ${url}`).join('\n                ')}
  Explorer:     open ${gatewayUrl} in a browser (GraphiQL, offline)   Metrics: ${gatewayUrl.replace(/\/graphql$/, '/metrics')}
  Database:     ${stack.usesEmbeddedDatabase ? `embedded dev database at ${stack.mongodbUri} (data lives in memory)` : 'MONGODB_URI'}

Try the product page query:
  curl -s ${gatewayUrl} -H 'content-type: application/json' -H 'accept-language: de-DE' \\
    --data '${JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, ' ').trim(), variables: EXAMPLE_VARIABLES })}'

Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  await stack.stop();
  logger.info('stopped: gateway, subgraphs and database are closed');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
