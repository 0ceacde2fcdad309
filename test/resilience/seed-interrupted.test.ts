import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProducts } from '../../scripts/seed/catalog.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { unpackPostings } from '../../subgraphs/localization/domain/index.ts';
import { postingBytesOf } from '../../subgraphs/localization/services/search-documents.ts';
import { ObjectId } from 'mongodb';
import { runNode, startNode, startProcessDatabase, type ProcessDatabase } from '../e2e/processes.ts';

// `npm run seed -- --products N` interrupted (Ctrl-C) part-way, with the leftovers an older seed could leave (a
// product without price or text, a copy of a copy, a product beyond N), then run again: it converges to exactly N
// products, each the one its index names, each priced and titled. Small N here; the same holds at 100,000.
const TARGET = 2_600;
let db: ProcessDatabase;
beforeAll(async () => {
  db = await startProcessDatabase('seedrerun');
});
afterAll(async () => {
  await db?.stop();
});

const seedEnv = () => ({ MONGODB_URI: db.uri, MERIDIAN_DB_PREFIX: db.prefix });

describe('an interrupted `npm run seed -- --products N`, run again', () => {
  it('converges to exactly N valid products, every one priced and titled', async () => {
    const first = startNode(['scripts/seed.ts', '--products', String(TARGET)], seedEnv());
    // Interrupted once its first batch of copies is written, while it writes the next.
    await new Promise<void>((resolve) => {
      first.process.stderr!.on('data', (chunk: Buffer) => {
        if (/[1-9],\d{3}\/2,600/.test(chunk.toString())) resolve();
      });
      void first.exited.then(() => resolve());
    });
    first.process.kill('SIGINT');
    const interrupted = await first.exited;
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stderr).toContain('run the same command again to complete it');

    const products = db.client.db(`${db.prefix}_products`).collection('products');
    const demo = seedProducts().sort((a, b) => (a.sku < b.sku ? -1 : 1));
    const leftover = async (sku: string) => {
      const template = await products.findOne({ sku: demo[0]!.sku });
      await products.replaceOne({ sku }, { ...template, _id: new ObjectId(stableObjectIdHex(sku)), sku }, { upsert: true });
    };
    // What an older seed left behind: a copy of a copy, and a product beyond N; neither has a price or a text.
    await leftover(`${demo[0]!.sku}-N60-N2500`);
    await leftover(`${demo[0]!.sku}-N${TARGET + 7}`);

    const rerun = await runNode(['scripts/seed.ts', '--products', String(TARGET)], seedEnv());
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`catalog: ${TARGET.toLocaleString('en')} products`);

    // Exactly the products 1…N: the demo catalog, then copy n of demo product n mod 51 (in SKU order).
    const expected = [
      ...demo.map((product) => product.sku),
      ...Array.from({ length: TARGET - demo.length }, (_, index) => {
        const n = demo.length + index;
        return `${demo[n % demo.length]!.sku}-N${n}`;
      }),
    ].sort();
    const skus = (await products.find({}, { projection: { sku: 1 } }).toArray()).map((product) => String(product.sku)).sort();
    expect(skus).toEqual(expected);

    const ids = (await products.find({}, { projection: { _id: 1 } }).toArray()).map((product) => product._id.toHexString());
    const priced = new Set(await db.client.db(`${db.prefix}_pricing`).collection('base_prices').distinct('productId'));
    expect(ids.filter((id) => !priced.has(id))).toEqual([]);
    const titled = new Set(
      await db.client
        .db(`${db.prefix}_localization`)
        .collection('product_translations')
        .distinct('productId', { locale: 'en', title: { $type: 'string', $ne: '' } }),
    );
    expect(ids.filter((id) => !titled.has(id))).toEqual([]);
    // Search finds every one: each product is in the posting lists rewritten at the end, and no removed one is.
    const listed = new Set<string>();
    for await (const list of db.client.db(`${db.prefix}_localization`).collection('search_posting_lists').find()) {
      for (const posting of unpackPostings(postingBytesOf(list.postings))) listed.add(posting.productId);
    }
    expect([...listed].sort()).toEqual([...ids].sort());
    // And the price projector is told to list them: a mark for the whole catalog, due now, in pricing's outbox.
    const marks = await db.client.db(`${db.prefix}_pricing`).collection('price_projection_marks').find({ productId: null }).toArray();
    expect(marks.map((mark) => mark.reason)).toContain('catalog-grown');
    expect(marks.every((mark) => mark.country === null && mark.dueAt.getTime() <= Date.now())).toBe(true);
  }, 240_000);
});
