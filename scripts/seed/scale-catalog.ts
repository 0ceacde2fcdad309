import { ObjectId, type AnyBulkWriteOperation, type Db, type Document } from 'mongodb';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';

/**
 * Grows the seeded demo catalog to `target` products for scale tests (`npm run seed -- --products 100000`):
 * product N (from the 52nd on) is a copy of seeded product N mod 51 under its own SKU (`<sku>-N<n>`), id and
 * creation time, with that product's price, price-book entries, stock rows and translations, so every page of
 * the large catalog answers like the small one. Idempotent: ids derive from SKUs and every write is an upsert.
 */

/** The databases of the four subgraphs (their own, as each subgraph owns one). */
export interface CatalogDatabases {
  products: Db;
  pricing: Db;
  fulfillment: Db;
  localization: Db;
}

/**
 * The per-product collections copied with each product, and the fields that identify one row of a product.
 * `replaceRows`: many rows per product (the search index), written as the product's whole set (its rows deleted,
 * the copies inserted) rather than upserted one by one.
 */
const PER_PRODUCT: { database: keyof CatalogDatabases; collection: string; key: string[]; replaceRows?: boolean }[] = [
  { database: 'pricing', collection: 'base_prices', key: ['productId'] },
  { database: 'pricing', collection: 'price_book', key: ['productId', 'market'] },
  { database: 'fulfillment', collection: 'stock', key: ['productId', 'warehouseId'] },
  { database: 'localization', collection: 'product_translations', key: ['productId', 'locale'] },
  // The copy's text is its template's, so are its search rows (the vocabulary of terms is unchanged).
  { database: 'localization', collection: 'search_products', key: ['productId'] },
  { database: 'localization', collection: 'search_postings', key: ['productId', 'term', 'locale'], replaceRows: true },
];

const BATCH = 1_000;

/** Progress of {@link scaleCatalog}: products written so far of the target. */
export type ScaleProgress = (written: number, target: number) => void;

export async function scaleCatalog(databases: CatalogDatabases, target: number, onProgress: ScaleProgress = () => {}): Promise<number> {
  const templates = await databases.products.collection('products').find().sort({ sku: 1 }).toArray();
  if (templates.length === 0) throw new Error('Seed the demo catalog first: there is no product to copy');
  const rowsByProduct = new Map<
    string,
    { database: keyof CatalogDatabases; collection: string; key: string[]; replaceRows?: boolean; row: Document }[]
  >();
  for (const spec of PER_PRODUCT) {
    for (const row of await databases[spec.database].collection(spec.collection).find().toArray()) {
      const productId = String(row.productId);
      rowsByProduct.set(productId, [...(rowsByProduct.get(productId) ?? []), { ...spec, row }]);
    }
  }

  let written = templates.length;
  onProgress(Math.min(written, target), target);
  for (let start = templates.length; start < target; start += BATCH) {
    const end = Math.min(target, start + BATCH);
    const products: AnyBulkWriteOperation[] = [];
    const others = new Map<string, { database: keyof CatalogDatabases; collection: string; operations: AnyBulkWriteOperation[] }>();
    const replaced = new Map<string, { database: keyof CatalogDatabases; collection: string; ids: string[]; rows: Document[] }>();
    for (let n = start; n < end; n++) {
      const template = templates[n % templates.length]!;
      const sku = `${String(template.sku)}-N${n}`;
      const id = stableObjectIdHex(sku);
      const copy = { ...template, _id: new ObjectId(id), sku, createdAt: new Date(new Date(template.createdAt).getTime() + n) };
      products.push({ replaceOne: { filter: { _id: copy._id }, replacement: copy, upsert: true } });
      for (const { database, collection, key, replaceRows, row } of rowsByProduct.get(template._id.toHexString()) ?? []) {
        const { _id: _dropped, ...fields } = row;
        const replacement: Document = { ...fields, productId: id };
        if (replaceRows) {
          const group = replaced.get(`${database}.${collection}`) ?? { database, collection, ids: [], rows: [] };
          if (group.ids.at(-1) !== id) group.ids.push(id);
          group.rows.push(replacement);
          replaced.set(`${database}.${collection}`, group);
          continue;
        }
        const filter = Object.fromEntries(key.map((field) => [field, replacement[field]]));
        const group = others.get(`${database}.${collection}`) ?? { database, collection, operations: [] };
        group.operations.push({ replaceOne: { filter, replacement, upsert: true } });
        others.set(`${database}.${collection}`, group);
      }
    }
    await databases.products.collection('products').bulkWrite(products, { ordered: false });
    for (const { database, collection, operations } of others.values()) {
      await databases[database].collection(collection).bulkWrite(operations, { ordered: false });
    }
    for (const { database, collection, ids, rows } of replaced.values()) {
      await databases[database].collection(collection).deleteMany({ productId: { $in: ids } });
      await databases[database].collection(collection).insertMany(rows, { ordered: false });
    }
    written = end;
    onProgress(written, target);
  }
  return written;
}

/** A one-line progress bar for a terminal (redrawn in place), or a line per tenth elsewhere (CI logs). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ScaleProgress {
  const started = performance.now();
  let lastTenth = -1;
  return (done, total) => {
    const fraction = total === 0 ? 1 : done / total;
    const rate = Math.round(done / Math.max((performance.now() - started) / 1000, 0.001));
    const text = `${label} ${'█'.repeat(Math.round(fraction * 30)).padEnd(30, '░')} ${Math.round(fraction * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${rate.toLocaleString('en')}/s)`;
    if (stream.isTTY) {
      stream.write(`\r${text}${done >= total ? '\n' : ''}`);
    } else if (Math.floor(fraction * 10) > lastTenth || done >= total) {
      lastTenth = Math.floor(fraction * 10);
      stream.write(`${text}\n`);
    }
  };
}
