// Replays the listing's database commands N times against a running devdb and reports the devdb's CPU per listing.
import { MongoClient } from 'mongodb';
import { readFileSync } from 'node:fs';
const [uri, pid, nArg] = process.argv.slice(2);
const n = Number(nArg ?? 200);
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const client = await MongoClient.connect(uri!);
const ids = (await client.db('meridian_products').collection('products').find({}, { sort: { sku: 1 }, limit: 20 }).toArray()).map((p) => String(p._id));
async function listing() {
  await client.db('meridian_products').collection('products').find({}, { sort: { sku: 1 }, limit: 21 }).toArray();
  await Promise.all([
    client.db('meridian_localization').collection('product_translations').find({ productId: { $in: ids } }, { batchSize: 5000 }).toArray(),
    client.db('meridian_pricing').collection('base_prices').find({ productId: { $in: ids } }, { batchSize: 1000 }).toArray(),
    client.db('meridian_pricing').collection('price_book').find({ productId: { $in: ids } }, { batchSize: 1000 }).toArray(),
    client.db('meridian_fulfillment').collection('stock').find({ productId: { $in: ids } }, { batchSize: 5000, projection: { _id: 0, productId: 1, warehouseId: 1, units: 1 } }).toArray(),
  ]);
}
for (let i = 0; i < 30; i++) await listing();
const sizes = await Promise.all([
  client.db('meridian_localization').collection('product_translations').countDocuments({ productId: { $in: ids } }),
  client.db('meridian_pricing').collection('price_book').countDocuments({ productId: { $in: ids } }),
  client.db('meridian_fulfillment').collection('stock').countDocuments({ productId: { $in: ids } }),
]);
const c0 = cpu(); const t0 = performance.now();
for (let i = 0; i < n; i++) await listing();
const c1 = cpu(); const t1 = performance.now();
console.log(`rows translations/price_book/stock ${sizes.join('/')}; devdb CPU ${((c1 - c0) / n).toFixed(2)} ms per listing; wall ${((t1 - t0) / n).toFixed(2)} ms`);
await client.close();
