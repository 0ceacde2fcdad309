import type { Connection } from 'mongoose';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';
import { apiKeyModel, createApiKeyAuthenticator } from './api-keys.ts';
import type { ExplorerOptions } from './explorer.ts';
import type { PartnerEdgeOptions } from './partner-server.ts';
import { loadTrustedDocuments, manifestPathsFromEnv } from './trusted-documents.ts';

/** The gateway's own database (keys, usage): `<prefix>_gateway`, beside the subgraphs' `<prefix>_<name>`. */
export function gatewayDatabaseName(env: NodeJS.ProcessEnv = process.env): string {
  return `${env.MERIDIAN_DB_PREFIX || 'meridian'}_gateway`;
}

/** Options of {@link startPartnerServices}. */
export interface PartnerServicesOptions {
  mongodbUri: string;
  /** Environment to read `MERIDIAN_DB_PREFIX` and `MERIDIAN_TRUSTED_DOCUMENTS` from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** What the explorer opens with. */
  explorer?: ExplorerOptions;
}

/** The partner edge's options for `createGateway({ partners })`, and how to stop what backs them. */
export interface PartnerServices {
  edge: PartnerEdgeOptions;
  connection: Connection;
  stop(): Promise<void>;
}

/**
 * Connects the gateway to its own database and assembles the partner edge: API keys, trusted documents from the
 * manifests, the explorer.
 */
export async function startPartnerServices(options: PartnerServicesOptions): Promise<PartnerServices> {
  const env = options.env ?? process.env;
  const connection = await connectDatabase(options.mongodbUri, gatewayDatabaseName(env));
  const keys = apiKeyModel(connection);
  await ensureIndexes(connection);
  const trustedDocuments = loadTrustedDocuments(manifestPathsFromEnv(env));
  const edge: PartnerEdgeOptions = {
    authenticate: createApiKeyAuthenticator(keys),
    trustedDocuments,
    explorer: options.explorer ?? {},
  };
  return {
    edge,
    connection,
    async stop() {
      await connection.close();
    },
  };
}
