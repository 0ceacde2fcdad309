// `npm run documents -- <command>`: trusted documents registered in the gateway's database, so that every gateway
// instance accepts a partner's new operations without a restart or a deploy (manifest files still work too).
//   register <persisted-documents.json> --client acme [--client beta]   only these clients' keys may run them
//   register <persisted-documents.json> --all-clients                   every key may run them
//   list [--client acme]                                                 what that client may run
// Every id must be the SHA-256 of its document. Registering again adds clients, never removes any. Documents
// stored before per-client access stay their registering client's alone. Reads MONGODB_URI (the database the
// gateway uses) and MERIDIAN_DB_PREFIX. Add --json for machine output.
import { parseArgs } from 'node:util';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { migrateDocumentClients, registerDocuments, trustedDocumentModel } from '../gateway/trusted-document-store.ts';
import { readManifest } from '../gateway/trusted-documents.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    client: { type: 'string', multiple: true },
    'all-clients': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const [command, file] = positionals;
const usage = [
  'Usage: npm run documents -- register <manifest.json> (--client <name>… | --all-clients) | list [--client <name>]',
  '  register --client acme [--client beta]: only keys of these clients may run the documents (by id or APQ hash);',
  '  register --all-clients: every key may. Registering again adds clients; none is ever removed.',
  '  list --client acme: the documents acme may run (its own and those for all clients).',
].join('\n');
const uri = process.env.MONGODB_URI;
if (!uri) {
  console.error('documents: set MONGODB_URI to the database the gateway uses (with `npm run devdb`: mongodb://127.0.0.1:27017).');
  process.exit(2);
}
if (command !== 'register' && command !== 'list') {
  console.error(usage);
  process.exit(2);
}

const clients = values.client ?? [];
const forAll = values['all-clients'];
const operationOf = (document: string) => /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(document)?.[1] ?? null;
const audienceText = (record: { clients: string[]; allClients: boolean }) =>
  record.allClients ? 'all clients' : record.clients.length > 0 ? record.clients.join(',') : '(no client)';

const connection = await connectDatabase(uri, databaseNameOf('gateway'));
try {
  const model = trustedDocumentModel(connection);
  await ensureIndexes(connection);
  await migrateDocumentClients(model);
  if (command === 'register') {
    if (!file) throw new Error(`register needs a manifest file. ${usage}`);
    if (forAll === clients.length > 0) throw new Error(`register needs either --client <name> (repeatable) or --all-clients. ${usage}`);
    const manifest = readManifest(file);
    const { added, known, widened } = await registerDocuments(model, manifest, forAll ? { allClients: true } : { clients });
    const audience = forAll ? 'all clients' : clients.join(', ');
    if (values.json) console.log(JSON.stringify({ added, known, widened }));
    else
      console.log(
        `Registered ${added} new document(s) for ${audience} (${known} already known, ${widened} of them now open to ${audience} too). Gateways accept them by id at once.`,
      );
  } else {
    const filter = clients.length > 0 ? { $or: [{ clients: { $in: clients } }, { allClients: true }] } : {};
    const records = await model.find(filter).sort({ _id: 1 }).lean();
    if (values.json)
      console.log(
        JSON.stringify(
          records.map((record) => ({
            id: record._id,
            clients: record.clients,
            allClients: record.allClients,
            registeredAt: record.registeredAt,
            operation: operationOf(record.document),
          })),
        ),
      );
    else if (records.length === 0)
      console.log('No documents registered in the database (manifest files are not listed here; they are for every client).');
    else
      for (const record of records)
        console.log(
          `${record._id}  ${audienceText(record).padEnd(24)} ${operationOf(record.document) ?? '(anonymous)'}  ${record.registeredAt.toISOString()}`,
        );
  }
} catch (error) {
  console.error(`documents: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await connection.close();
}
