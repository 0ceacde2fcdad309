// `npm run db:migrate [-- --commit-quorum majority] [--only pricing,gateway]`: the deploy step that prepares every
// part's database for this release — builds the indexes its models declare (with the deployment's options) and
// records the schema version, durably. Idempotent: a second run builds nothing new and records the same. It
// refuses a database a newer release migrated. Production servers only check what it recorded (README, Deploying).
import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import { RATE_LIMIT_INDEXES } from '../gateway/mongo-rate-limiter.ts';
import { migrateDocumentClients, trustedDocumentModel } from '../gateway/trusted-document-store.ts';
import { SUBGRAPH_NAMES, databaseNameOf, readConfig, type SubgraphName } from '../subgraphs/common/config.ts';
import { connectDatabase } from '../subgraphs/common/database.ts';
import type { LocalizationModels } from '../subgraphs/localization/models.ts';
import { migrateSearchIndex } from '../subgraphs/localization/services/migrate-search-index.ts';
import { rebuildTranslationShapes } from '../subgraphs/localization/services/translation-shapes.ts';
import { migrateDatabase, type MigrationResult } from './db-migrate/migrate-database.ts';
import { registerGatewayModels, registerSubgraphModels } from './db-migrate/register-models.ts';

const PARTS = [...SUBGRAPH_NAMES, 'gateway'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    'commit-quorum': { type: 'string', default: process.env.MERIDIAN_INDEX_COMMIT_QUORUM },
    only: { type: 'string' },
  },
});
const only = values.only?.split(',').map((part) => part.trim());
const unknown = only?.filter((part) => !(PARTS as readonly string[]).includes(part)) ?? [];
if (unknown.length > 0) {
  console.error(`--only takes parts among ${PARTS.join(', ')}; unknown: ${unknown.join(', ')}`);
  process.exit(2);
}
const { mongodbUri } = readConfig();
if (!mongodbUri) {
  console.error("Set MONGODB_URI (the deployment's MongoDB, or the URI `npm run devdb` prints) to migrate it.");
  process.exit(2);
}
const quorum = values['commit-quorum'];
const commitQuorum = quorum === undefined || quorum === '' ? undefined : /^\d+$/.test(quorum) ? Number(quorum) : quorum;

/** The localization models the subgraph compiled on `connection` (registerSubgraphModels), by their names. */
function localizationModelsOf(connection: Connection): LocalizationModels {
  const names: (keyof LocalizationModels)[] = [
    'ProductTranslation',
    'TranslationShape',
    'CategoryTranslation',
    'AttributeLabel',
    'Country',
    'StorefrontSite',
    'SearchPostingList',
    'SearchTerm',
    'SearchableProduct',
  ];
  return Object.fromEntries(names.map((name) => [name, connection.model(name)])) as unknown as LocalizationModels;
}

async function migratePart(part: Part, uri: string): Promise<MigrationResult> {
  // Never let mongoose build indexes on its own: this script builds them, with the deployment's options.
  const connection: Connection = await connectDatabase(uri, databaseNameOf(part), { autoIndex: false });
  try {
    if (part === 'gateway') registerGatewayModels(connection);
    else registerSubgraphModels(part as SubgraphName, connection);
    const result = await migrateDatabase(connection, { extra: part === 'gateway' ? RATE_LIMIT_INDEXES : [], commitQuorum });
    // Data the gateway's code expects in a new shape (idempotent; the gateway applies it at start as well).
    if (part === 'gateway') await migrateDocumentClients(trustedDocumentModel(connection));
    // The coverage report counts the shapes the text write path keeps; a database written before them gets them.
    // The search index moved from a row per posting to posting lists (schema version 3): rebuilt where older.
    if (part === 'localization') {
      const models = localizationModelsOf(connection);
      await rebuildTranslationShapes(models);
      const search = await migrateSearchIndex(models);
      if (search.rebuilt > 0 || search.droppedLegacy) {
        console.log(`${databaseNameOf(part)}: search index rebuilt for ${search.rebuilt.toLocaleString('en')} products`);
      }
    }
    return result;
  } finally {
    await connection.close();
  }
}

let failed = false;
for (const part of PARTS.filter((name) => !only || only.includes(name))) {
  try {
    const result = await migratePart(part, mongodbUri);
    const from = result.previousVersion === null ? 'new' : `version ${result.previousVersion}`;
    console.log(`${databaseNameOf(part)}: ${from} → version ${result.version}, ${result.indexes} indexes (${result.fingerprint})`);
  } catch (error) {
    failed = true;
    console.error(`${databaseNameOf(part)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
