import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, databaseNameOf } from '../../subgraphs/common/config.ts';
import { REPO_ROOT, runNode, startProcessDatabase, type ProcessDatabase } from './processes.ts';

// The command-line tools, run as a user runs them (`npm run seed`, `npm run compose`, `npm run import:ecb`):
// real child processes against a database started here (or MONGODB_URI's server).
let db: ProcessDatabase;
let scratch: string;
beforeAll(async () => {
  db = await startProcessDatabase('cli');
  scratch = mkdtempSync(path.join(tmpdir(), 'meridian-cli-'));
});
afterAll(async () => {
  await db?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Document count of every collection of one database. */
async function countsIn(database: string): Promise<Record<string, number>> {
  const collections = await db.client.db(database).listCollections({}, { nameOnly: true }).toArray();
  const counts: Record<string, number> = {};
  for (const { name } of collections) counts[name] = await db.client.db(database).collection(name).countDocuments();
  return counts;
}

describe('node scripts/seed.ts', () => {
  it('seeds every subgraph’s own database, and a second run leaves exactly the same data', async () => {
    const prefix = `${db.prefix}_seed`;
    const env = { MONGODB_URI: db.uri, MERIDIAN_DB_PREFIX: prefix };
    const first = await runNode(['scripts/seed.ts'], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    for (const name of SUBGRAPH_NAMES) expect(first.stdout).toMatch(new RegExp(`^${name} \\{`, 'm'));
    const counts = Object.fromEntries(
      await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await countsIn(`${prefix}_${name}`)] as const)),
    );
    // 17 lines in 3 variants: 51 products; 15 categories.
    expect(counts.products).toMatchObject({ products: 51, categories: 15 });
    for (const name of SUBGRAPH_NAMES) {
      expect(Object.keys(counts[name]!).length, name).toBeGreaterThan(0);
      for (const [collection, count] of Object.entries(counts[name]!)) {
        // Pricing's outbox of price-projection marks starts empty: only its writes fill it.
        if (collection === 'price_projection_marks') expect(count).toBe(0);
        else expect(count, `${name}.${collection}`).toBeGreaterThan(0);
      }
    }

    const second = await runNode(['scripts/seed.ts'], env);
    expect(second.code).toBe(0);
    for (const name of SUBGRAPH_NAMES) expect(await countsIn(`${prefix}_${name}`), name).toEqual(counts[name]);
  });

  it('without MONGODB_URI exits 2 saying what to set', async () => {
    const finished = await runNode(['scripts/seed.ts'], { MERIDIAN_DB_PREFIX: `${db.prefix}_unset` });
    expect(finished.code).toBe(2);
    expect(finished.stderr).toContain('Set MONGODB_URI');
  });
});

/** A copy of the sources compose.ts reads (node_modules linked), in the scratch folder. */
function copyOfSources(name: string): string {
  const copy = path.join(scratch, name);
  for (const folder of ['gateway', 'scripts', 'subgraphs', 'schema'])
    cpSync(path.join(REPO_ROOT, folder), path.join(copy, folder), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(copy, 'package.json'));
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}

describe('node scripts/compose.ts', () => {
  it('composes the subgraphs into exactly the committed supergraph', async () => {
    // compose.ts writes schema/supergraph.graphql beside itself, so it runs in a copy of the sources: the
    // committed file, which other tests and the gateway read meanwhile, is never rewritten by a test.
    const copy = copyOfSources('repo');
    const output = path.join(copy, 'schema', 'supergraph.graphql');
    writeFileSync(output, '');

    const finished = await runNode([path.join(copy, 'scripts', 'compose.ts')]);
    expect(finished).toMatchObject({ code: 0, stderr: '' });
    expect(finished.stdout).toContain(`Wrote ${output}\n`);
    expect(finished.stdout).toContain('api.graphql');
    const committed = readFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8');
    expect(readFileSync(output, 'utf8') === committed, 'schema/supergraph.graphql is stale: run npm run compose and commit it').toBe(true);
  });

  it('fails with exit code 1 and the composition errors when the subgraphs do not compose', async () => {
    const copy = copyOfSources('broken');
    // Pricing redefines a products-owned field with another type: not composable.
    const schema = path.join(copy, 'subgraphs', 'pricing', 'schema.graphql');
    writeFileSync(schema, `${readFileSync(schema, 'utf8')}\nextend type Query { product(id: ID, sku: String): Int }\n`);
    const before = readFileSync(path.join(copy, 'schema', 'supergraph.graphql'), 'utf8');

    const finished = await runNode([path.join(copy, 'scripts', 'compose.ts')]);
    expect(finished.code).toBe(1);
    expect(finished.stderr).toMatch(/^Composition failed:\n- /);
    expect(readFileSync(path.join(copy, 'schema', 'supergraph.graphql'), 'utf8')).toBe(before);
  });
});

describe('node scripts/import-ecb.ts', () => {
  const fixture = (day: string, rates: Record<string, string>) => `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
  <Cube>
    <Cube time='${day}'>
${Object.entries(rates)
  .map(([currency, rate]) => `      <Cube currency='${currency}' rate='${rate}'/>`)
  .join('\n')}
    </Cube>
  </Cube>
</gesmes:Envelope>
`;

  it('imports a day of reference rates into the pricing database, once however often it runs', async () => {
    const prefix = `${db.prefix}_ecb`;
    const file = path.join(scratch, 'eurofxref-daily.xml');
    writeFileSync(file, fixture('2026-11-27', { USD: '1.1601', JPY: '181.05', GBP: '0.87950' }));
    const env = { MONGODB_URI: db.uri, MERIDIAN_DB_PREFIX: prefix };
    const first = await runNode(['scripts/import-ecb.ts', file], env);
    // Fixed at 16:00 Frankfurt time, 15:00 UTC in winter.
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(
      /^Imported 3 ECB reference rates of 1 day \(2026-11-27\): 3 new, 0 corrected, 0 unchanged, 0 malformed rows skipped; /,
    );
    const second = await runNode(['scripts/import-ecb.ts', file], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(': 0 new, 0 corrected, 3 unchanged, 0 malformed rows skipped;');
    const stored = await db.client
      .db(databaseNameOf('pricing', { MERIDIAN_DB_PREFIX: prefix }))
      .collection('fx_rates')
      .find({}, { projection: { _id: 0, base: 1, quote: 1, rate: 1, source: 1, asOf: 1 } })
      .sort({ quote: 1 })
      .toArray();
    expect(stored).toEqual(
      [
        ['GBP', '0.87950'],
        ['JPY', '181.05'],
        ['USD', '1.1601'],
      ].map(([quote, rate]) => ({ base: 'EUR', quote, rate, source: 'ECB', asOf: new Date('2026-11-27T15:00:00.000Z') })),
    );
  });

  it('refuses a file that is not an ECB reference-rate file with exit code 1, storing nothing', async () => {
    const prefix = `${db.prefix}_ecbbad`;
    const file = path.join(scratch, 'error-page.xml');
    writeFileSync(file, '<html><body>Service unavailable</body></html>');
    const finished = await runNode(['scripts/import-ecb.ts', file], { MONGODB_URI: db.uri, MERIDIAN_DB_PREFIX: prefix });
    expect(finished.code).toBe(1);
    expect(finished.stderr).toMatch(/ECB/);
    expect(
      await db.client
        .db(databaseNameOf('pricing', { MERIDIAN_DB_PREFIX: prefix }))
        .collection('fx_rates')
        .countDocuments(),
    ).toBe(0);
  });

  it('without a file prints its usage and exits 2', async () => {
    const finished = await runNode(['scripts/import-ecb.ts'], { MONGODB_URI: db.uri, MERIDIAN_DB_PREFIX: `${db.prefix}_ecbusage` });
    expect(finished.code).toBe(2);
    expect(finished.stderr).toContain('Usage: MONGODB_URI=mongodb://… npm run import:ecb -- eurofxref-daily.xml');
  });
});
