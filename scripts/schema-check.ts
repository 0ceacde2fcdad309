// `npm run schema:check`: compares the API schema the subgraphs compose to now with the last released one
// (schema/released.graphql) using @graphql-inspector/core, and validates every trusted document and example
// operation against the new schema — Apollo's schema and operation checks, offline. Exit code 1 when a breaking
// change is not acknowledged in schema/CHANGELOG.md ("## Unreleased", naming the coordinate in backticks) or
// when a registered operation would no longer run.
//
//   npm run schema:check [-- --schema new-api.graphql] [--released file] [--changelog file]
//                           [--documents manifest.json,dir/] [--operations dir] [--usage-days 30]
// With MONGODB_URI set, the documents registered in the gateway's database are validated too, and each breaking
// change also names the clients whose traffic used it in the last
// --usage-days days (the gateway's field usage), as Apollo's checks against recent operations do.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildSchema } from 'graphql';
import { RELEASED_SCHEMA_FILE, SCHEMA_CHANGELOG_FILE, apiSchemaOf } from './api-schema.ts';
import { EXAMPLE_OPERATIONS_DIR, checkSchema, formatSchemaCheck } from './schema-checks.ts';
import { composeSupergraph } from './supergraph.ts';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { trustedDocumentModel } from '../gateway/trusted-document-store.ts';
import { manifestPathsFromEnv } from '../gateway/trusted-documents.ts';
import { fieldUsageModel } from '../gateway/usage-recorder.ts';
import { connectDatabase } from '../subgraphs/common/database.ts';

const { values } = parseArgs({
  options: {
    schema: { type: 'string' },
    released: { type: 'string' },
    changelog: { type: 'string' },
    documents: { type: 'string' },
    operations: { type: 'string' },
    'usage-days': { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
  },
});

/**
 * From the gateway's database: the trusted documents registered there, and the clients per field (`Type.field`)
 * in the usage records of the last `days` days.
 */
async function readFromGateway(
  uri: string,
  days: number,
): Promise<{ recentUsage: Map<string, string[]>; storedDocuments: [string, string][] }> {
  const connection = await connectDatabase(uri, databaseNameOf('gateway'));
  try {
    const storedDocuments = (await trustedDocumentModel(connection).find({}).lean()).map((record): [string, string] => [
      record._id,
      record.document,
    ]);
    const since = new Date(Date.now() - days * 24 * 3600 * 1000);
    const rows = (await fieldUsageModel(connection).aggregate([
      { $match: { hour: { $gte: since } } },
      { $group: { _id: '$field', clients: { $addToSet: '$client' } } },
    ])) as { _id: string; clients: string[] }[];
    return { recentUsage: new Map(rows.map((row) => [row._id, [...row.clients].sort()])), storedDocuments };
  } finally {
    await connection.close();
  }
}

try {
  const newSchema = values.schema ? buildSchema(readFileSync(values.schema, 'utf8')) : apiSchemaOf(composeSupergraph());
  const result = await checkSchema({
    newSchema,
    releasedSdl: readFileSync(values.released ?? RELEASED_SCHEMA_FILE, 'utf8'),
    changelog: readFileSync(values.changelog ?? SCHEMA_CHANGELOG_FILE, 'utf8'),
    manifestPaths: values.documents ? values.documents.split(',') : manifestPathsFromEnv(),
    operationsDir: values.operations ?? EXAMPLE_OPERATIONS_DIR,
    ...(process.env.MONGODB_URI ? await readFromGateway(process.env.MONGODB_URI, Number(values['usage-days'])) : {}),
  });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatSchemaCheck(result));
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(`schema:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
