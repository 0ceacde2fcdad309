// `npm run documents -- <command>`: trusted documents registered in the gateway's database, so that every gateway
// instance accepts a partner's new operations without a restart or a deploy (manifest files still work too).
//   register <persisted-documents.json> --client acme     every id must be the SHA-256 of its document
//   list [--client acme]
// Reads MONGODB_URI (the database the gateway uses) and MERIDIAN_DB_PREFIX. Add --json for machine output.
import { parseArgs } from 'node:util';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { registerDocuments, trustedDocumentModel } from '../gateway/trusted-document-store.ts';
import { readManifest } from '../gateway/trusted-documents.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { client: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const [command, file] = positionals;
const usage = 'Usage: npm run documents -- register <manifest.json> --client <name> | list [--client <name>]';
const uri = process.env.MONGODB_URI;
if (!uri) {
  console.error('documents: set MONGODB_URI to the database the gateway uses (with `npm run devdb`: mongodb://127.0.0.1:27017).');
  process.exit(2);
}
if (command !== 'register' && command !== 'list') {
  console.error(usage);
  process.exit(2);
}

const connection = await connectDatabase(uri, databaseNameOf('gateway'));
try {
  const model = trustedDocumentModel(connection);
  await ensureIndexes(connection);
  if (command === 'register') {
    if (!file || !values.client) throw new Error(`register needs a manifest file and --client. ${usage}`);
    const manifest = readManifest(file);
    const { added, known } = await registerDocuments(model, manifest, values.client);
    if (values.json) console.log(JSON.stringify({ added, known }));
    else
      console.log(`Registered ${added} new document(s) for ${values.client} (${known} already known). Gateways accept them by id at once.`);
  } else {
    const records = await model
      .find(values.client ? { client: values.client } : {})
      .sort({ client: 1, _id: 1 })
      .lean();
    if (values.json)
      console.log(
        JSON.stringify(
          records.map((record) => ({
            id: record._id,
            client: record.client,
            registeredAt: record.registeredAt,
            operation: /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(record.document)?.[1] ?? null,
          })),
        ),
      );
    else if (records.length === 0) console.log('No documents registered in the database (manifest files are not listed here).');
    else
      for (const record of records)
        console.log(
          `${record._id}  ${record.client.padEnd(16)} ${/^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(record.document)?.[1] ?? '(anonymous)'}  ${record.registeredAt.toISOString()}`,
        );
  }
} catch (error) {
  console.error(`documents: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await connection.close();
}
