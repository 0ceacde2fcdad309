// `npm run usage [-- --days 30] [--client acme] [--schema schema/api.graphql] [--json]`: which fields each client
// uses (from the hourly counters the gateway writes), when each was last used, the fields no client used in the
// last N days (candidates to deprecate), and how deprecated fields are still used.
// Reads MONGODB_URI (the gateway's database) and MERIDIAN_DB_PREFIX.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildSchema, isInterfaceType, isIntrospectionType, isObjectType } from 'graphql';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { fieldUsageModel } from '../gateway/usage-recorder.ts';
import { connectDatabase } from '../subgraphs/common/database.ts';
import { API_SCHEMA_FILE } from './api-schema.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    client: { type: 'string' },
    schema: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const days = Number(values.days);
if (!Number.isFinite(days) || days <= 0) {
  console.error(`usage: --days must be a positive number, got "${values.days}"`);
  process.exit(2);
}
const uri = process.env.MONGODB_URI;
if (!uri) {
  console.error('usage: set MONGODB_URI to the database the gateway uses (with `npm run devdb`: mongodb://127.0.0.1:27017).');
  process.exit(2);
}

const schema = buildSchema(readFileSync(values.schema ?? API_SCHEMA_FILE, 'utf8'));
const schemaFields = new Map<string, { deprecationReason: string | null }>();
for (const type of Object.values(schema.getTypeMap())) {
  if (isIntrospectionType(type) || !(isObjectType(type) || isInterfaceType(type))) continue;
  for (const field of Object.values(type.getFields())) {
    schemaFields.set(`${type.name}.${field.name}`, { deprecationReason: field.deprecationReason ?? null });
  }
}

const connection = await connectDatabase(uri, databaseNameOf('gateway'));
try {
  const since = new Date(Date.now() - days * 24 * 3600 * 1000);
  process.stderr.write(`Reading field usage since ${since.toISOString()}…\n`);
  const rows = (await fieldUsageModel(connection).aggregate([
    { $match: { ...(values.client ? { client: values.client } : {}) } },
    {
      $group: {
        _id: { client: '$client', field: '$field' },
        count: { $sum: '$count' },
        recent: { $sum: { $cond: [{ $gte: ['$hour', since] }, '$count', 0] } },
        lastSeen: { $max: '$lastSeen' },
      },
    },
  ])) as { _id: { client: string; field: string }; count: number; recent: number; lastSeen: Date }[];

  const byClient = new Map<string, { field: string; count: number; recent: number; lastSeen: Date }[]>();
  const lastSeenByField = new Map<string, Date>();
  const clientsByField = new Map<string, Set<string>>();
  for (const row of rows) {
    const list = byClient.get(row._id.client) ?? [];
    list.push({ field: row._id.field, count: row.count, recent: row.recent, lastSeen: row.lastSeen });
    byClient.set(row._id.client, list);
    const previous = lastSeenByField.get(row._id.field);
    if (!previous || previous < row.lastSeen) lastSeenByField.set(row._id.field, row.lastSeen);
    if (row.lastSeen >= since)
      (clientsByField.get(row._id.field) ?? clientsByField.set(row._id.field, new Set()).get(row._id.field)!).add(row._id.client);
  }
  const unused = [...schemaFields.keys()].filter((field) => !clientsByField.has(field)).sort();
  const deprecated = [...schemaFields]
    .filter(([, info]) => info.deprecationReason !== null)
    .map(([field, info]) => ({
      field,
      reason: info.deprecationReason,
      lastSeen: lastSeenByField.get(field)?.toISOString() ?? null,
      clients: [...(clientsByField.get(field) ?? [])].sort(),
    }));
  const clients = [...byClient.keys()].sort().map((client) => ({
    client,
    fields: byClient
      .get(client)!
      .sort((a, b) => b.count - a.count || a.field.localeCompare(b.field))
      .map((usage) => ({ field: usage.field, count: usage.count, countInWindow: usage.recent, lastSeen: usage.lastSeen.toISOString() })),
  }));

  if (values.json) {
    console.log(JSON.stringify({ days, since: since.toISOString(), clients, unusedFields: unused, deprecatedFields: deprecated }, null, 2));
  } else {
    console.log(`Field usage by client (all retained history; "${days} d" = within the last ${days} days)`);
    if (clients.length === 0) console.log('  No usage recorded yet: the gateway writes it every 10 s (MERIDIAN_USAGE_FLUSH_MS).');
    for (const { client, fields } of clients) {
      console.log(`\n  ${client}`);
      for (const usage of fields) {
        console.log(
          `    ${usage.field.padEnd(44)} ${String(usage.count).padStart(8)} total ${String(usage.countInWindow).padStart(8)} in ${days} d   last used ${usage.lastSeen}`,
        );
      }
    }
    console.log(`\nFields no client used in the last ${days} days (${unused.length} of ${schemaFields.size}; candidates to deprecate):`);
    for (const field of unused)
      console.log(
        `  ${field}${lastSeenByField.has(field) ? `   last used ${lastSeenByField.get(field)!.toISOString()}` : '   never used'}`,
      );
    console.log(`\nDeprecated fields (${deprecated.length}):`);
    if (deprecated.length === 0) console.log('  none');
    for (const entry of deprecated) {
      console.log(
        `  ${entry.field}: ${entry.reason}. ${entry.clients.length > 0 ? `Still used by ${entry.clients.join(', ')}; last ${entry.lastSeen}` : entry.lastSeen ? `Unused for ${days} days (last ${entry.lastSeen}): safe to remove` : 'Never used: safe to remove'}`,
      );
    }
  }
} finally {
  await connection.close();
}
