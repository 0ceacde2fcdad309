// `npm run keys -- <command>`: API keys of partner clients, stored hashed in the gateway's database.
//   create --client acme [--scope trusted-only] [--scope schema] [--budget 10000]   prints the key once
//   list [--client acme]                                                              never prints keys
//   revoke --key mrd_AbCdEfGh | --client acme
// Reads MONGODB_URI (the database the gateway uses) and MERIDIAN_DB_PREFIX. Add --json for machine output.
import { parseArgs } from 'node:util';
import { API_KEY_SCOPES, apiKeyModel, createApiKey, revokeApiKeys, type ApiKeyScope } from '../gateway/api-keys.ts';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    client: { type: 'string' },
    scope: { type: 'string', multiple: true, default: [] },
    budget: { type: 'string' },
    key: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const [command] = positionals;
const usage =
  'Usage: npm run keys -- create --client <name> [--scope trusted-only|schema|metrics|feeds]… [--budget <cost per minute>] | list [--client <name>] | revoke --key <key id> | --client <name>';

const uri = process.env.MONGODB_URI;
if (!uri) {
  console.error('keys: set MONGODB_URI to the database the gateway uses (with `npm run devdb`: mongodb://127.0.0.1:27017).');
  process.exit(2);
}
if (!command || !['create', 'list', 'revoke'].includes(command)) {
  console.error(usage);
  process.exit(2);
}

const connection = await connectDatabase(uri, databaseNameOf('gateway'));
try {
  const model = apiKeyModel(connection);
  await ensureIndexes(connection);
  if (command === 'create') {
    if (!values.client) throw new Error(`create needs --client. ${usage}`);
    const scopes = values.scope.flatMap((scope) => scope.split(',')).filter(Boolean);
    const unknown = scopes.filter((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
    if (unknown.length > 0) throw new Error(`Unknown scope ${unknown.join(', ')}; scopes are ${API_KEY_SCOPES.join(', ')}`);
    const { key, record } = await createApiKey(model, {
      client: values.client,
      scopes: scopes as ApiKeyScope[],
      ...(values.budget !== undefined ? { costBudget: Number(values.budget) } : {}),
    });
    if (values.json)
      console.log(
        JSON.stringify({ key, keyId: record.keyId, client: record.client, scopes: record.scopes, costBudget: record.costBudget }),
      );
    else {
      console.log(
        `Created a key for ${record.client} (id ${record.keyId}, scopes: ${record.scopes.join(', ') || 'none'}, budget ${record.costBudget} cost/min).`,
      );
      console.log('Store it now, it is not shown again (only its SHA-256 is stored):');
      console.log(key);
    }
  } else if (command === 'list') {
    const records = await model
      .find(values.client ? { client: values.client } : {}, { keyHash: 0, _id: 0 })
      .sort({ client: 1, createdAt: 1 })
      .lean();
    if (values.json) console.log(JSON.stringify(records));
    else if (records.length === 0) console.log('No keys.');
    else {
      for (const record of records) {
        console.log(
          `${record.keyId}  ${record.client.padEnd(16)} ${(record.scopes.join(',') || '-').padEnd(24)} budget ${String(record.costBudget).padStart(6)}  created ${record.createdAt.toISOString()}  ${record.revokedAt ? `REVOKED ${record.revokedAt.toISOString()}` : 'active'}`,
        );
      }
    }
  } else {
    const revoked = await revokeApiKeys(model, {
      ...(values.key ? { keyId: values.key.slice(0, 12) } : {}),
      ...(values.client ? { client: values.client } : {}),
    });
    if (values.json) console.log(JSON.stringify({ revoked }));
    else
      console.log(
        revoked === 0
          ? 'No active key matched.'
          : `Revoked ${revoked} key(s); the gateway refuses them within its key cache window (MERIDIAN_KEY_CACHE_MS, 30 s).`,
      );
    if (revoked === 0) process.exitCode = 1;
  }
} catch (error) {
  console.error(`keys: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await connection.close();
}
