import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { apiKeyModel } from '../../gateway/api-keys.ts';
import { trustedDocumentModel } from '../../gateway/trusted-document-store.ts';
import { fieldUsageModel } from '../../gateway/usage-recorder.ts';
import { clockFromEnv } from '../../subgraphs/common/clock.ts';
import type { SubgraphName } from '../../subgraphs/common/config.ts';
import { SUBGRAPH_MODULES } from '../subgraph-modules.ts';

/**
 * Compiles a subgraph's models on `connection` exactly as its server does (by building it, without listening), so
 * the migration builds — and fingerprints — the very indexes the server will check for.
 */
export function registerSubgraphModels(name: SubgraphName, connection: Connection): void {
  // Building the products subgraph also asks for its personal-data secret, which a migration never uses (it
  // seals nothing): where none is set, a random one stands in while the models compile.
  const unset = process.env.MERIDIAN_PERSONAL_DATA_SECRET === undefined;
  if (unset) process.env.MERIDIAN_PERSONAL_DATA_SECRET = randomBytes(24).toString('base64url');
  try {
    SUBGRAPH_MODULES[name].create(connection, { clock: clockFromEnv(), exposeStackTraces: false });
  } finally {
    if (unset) delete process.env.MERIDIAN_PERSONAL_DATA_SECRET;
  }
}

/** The gateway's own collections, as its partner services compile them (keys, usage, trusted documents). */
export function registerGatewayModels(connection: Connection): void {
  apiKeyModel(connection);
  fieldUsageModel(connection);
  trustedDocumentModel(connection);
}
