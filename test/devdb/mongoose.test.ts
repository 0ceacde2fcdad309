import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './server.ts';
import { startTestServer } from './server.ts';

let server: TestServer;
let connection: Connection;

const warehouseSchema = new mongoose.Schema({
  code: { type: String, required: true, unique: true },
  country: { type: String, required: true, match: /^[A-Z]{2}$/ },
});

const productSchema = new mongoose.Schema(
  {
    sku: { type: String, required: true, unique: true, trim: true },
    brand: { type: String, required: true },
    weightGrams: { type: Number, min: 0 },
    price: { type: mongoose.Schema.Types.Decimal128 },
    warehouse: { type: mongoose.Schema.Types.ObjectId, ref: 'Warehouse' },
    tags: [String],
  },
  { timestamps: true },
);
productSchema.index({ brand: 1, weightGrams: -1 });

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  connection = mongoose.createConnection(server.uri, { dbName: server.databaseName(), serverSelectionTimeoutMS: 5000 });
  await connection.asPromise();
});

const databases: Connection[] = [];

/**
 * A database of its own for one test, with the models registered and their indexes built, so that
 * no test depends on data another one left (tests may run alone or in any order).
 */
async function freshDatabase(): Promise<Connection> {
  const db = connection.useDb(server.databaseName(`t${databases.length}`), { useCache: false });
  databases.push(db);
  db.model('Warehouse', warehouseSchema);
  db.model('Product', productSchema);
  await Promise.all(Object.values(db.models).map((model) => model.init()));
  return db;
}

afterAll(async () => {
  for (const db of databases) await db.dropDatabase();
  await connection?.close();
  await server?.stop();
});

describe('mongoose models', () => {
  it('builds the schema indexes (syncIndexes) and reports them', async () => {
    const db = await freshDatabase();
    const Product = db.model('Product');
    await Product.syncIndexes();
    const indexes = await Product.listIndexes();
    expect(indexes.map((i) => i['name']).sort()).toEqual(['_id_', 'brand_1_weightGrams_-1', 'sku_1']);
    expect(indexes.find((i) => i['name'] === 'sku_1')).toMatchObject({ unique: true });
  });

  it('syncIndexes drops indexes no longer in the schema', async () => {
    const db = await freshDatabase();
    const Product = db.model('Product');
    await Product.collection.createIndex({ tags: 1 });
    const dropped = await Product.syncIndexes();
    expect(dropped).toEqual(['tags_1']);
  });

  it('validates on the client before anything reaches the database', async () => {
    const db = await freshDatabase();
    const Warehouse = db.model('Warehouse');
    await expect(Warehouse.create({ code: 'W1', country: 'germany' })).rejects.toThrow(/country/);
    expect(await Warehouse.countDocuments()).toBe(0);
  });

  it('inserts with insertMany, populates references and keeps Decimal128 prices', async () => {
    const db = await freshDatabase();
    const Warehouse = db.model('Warehouse');
    const Product = db.model('Product');
    const [berlin] = await Warehouse.insertMany([
      { code: 'BER', country: 'DE' },
      { code: 'PAR', country: 'FR' },
    ]);
    await Product.insertMany([
      { sku: ' P-1 ', brand: 'Acme', weightGrams: 1200, price: '19.99', warehouse: berlin!._id, tags: ['new'] },
      { sku: 'P-2', brand: 'Acme', weightGrams: 300, price: '5.00', warehouse: berlin!._id },
      { sku: 'P-3', brand: 'Bolt', weightGrams: 50, price: '0.10' },
    ]);
    const product = await Product.findOne({ sku: 'P-1' })
      .populate('warehouse')
      .lean<{ price: unknown; warehouse: { code: string }; createdAt: Date }>();
    expect(product!.warehouse.code).toBe('BER');
    expect(product!.price).toBeInstanceOf(mongoose.Types.Decimal128);
    expect(String(product!.price)).toBe('19.99');
    expect(product!.createdAt).toBeInstanceOf(Date);
    const byBrand = await Product.find({ brand: 'Acme' }).sort({ weightGrams: 1 }).select('sku -_id').lean();
    expect(byBrand).toEqual([{ sku: 'P-2' }, { sku: 'P-1' }]);
  });

  it('turns a duplicate unique key into a MongoServerError with code 11000', async () => {
    const db = await freshDatabase();
    const Product = db.model('Product');
    await Product.create({ sku: 'P-2', brand: 'Acme' });
    const error = await Product.create({ sku: 'P-2', brand: 'Other' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, keyPattern: { sku: 1 }, keyValue: { sku: 'P-2' } });
  });

  it('findOneAndUpdate with upsert and new, and countDocuments', async () => {
    const db = await freshDatabase();
    const Product = db.model('Product');
    await Product.insertMany([
      { sku: 'P-1', brand: 'Acme' },
      { sku: 'P-2', brand: 'Acme' },
      { sku: 'P-3', brand: 'Bolt' },
    ]);
    const created = await Product.findOneAndUpdate(
      { sku: 'P-9' },
      { $set: { brand: 'Nova', weightGrams: 10 } },
      { upsert: true, returnDocument: 'after', runValidators: true },
    ).lean<{ sku: string; brand: string; createdAt: Date }>();
    expect(created).toMatchObject({ sku: 'P-9', brand: 'Nova' });
    expect(created!.createdAt).toBeInstanceOf(Date);
    const updated = await Product.findOneAndUpdate({ sku: 'P-9' }, { $inc: { weightGrams: 5 } }, { returnDocument: 'after' }).lean<{
      weightGrams: number;
    }>();
    expect(updated!.weightGrams).toBe(15);
    await expect(Product.findOneAndUpdate({ sku: 'P-9' }, { weightGrams: -1 }, { runValidators: true })).rejects.toThrow(/weightGrams/);
    expect(await Product.countDocuments({ brand: { $in: ['Acme', 'Nova'] } })).toBe(3);
  });

  it('bulkWrite through a model', async () => {
    const db = await freshDatabase();
    const Warehouse = db.model('Warehouse');
    await Warehouse.insertMany([
      { code: 'BER', country: 'DE' },
      { code: 'PAR', country: 'FR' },
    ]);
    const result = await Warehouse.bulkWrite([
      { insertOne: { document: { code: 'WAW', country: 'PL' } } },
      { updateOne: { filter: { code: 'PAR' }, update: { $set: { country: 'FR' } } } },
      { updateOne: { filter: { code: 'MAD' }, update: { $set: { country: 'ES' } }, upsert: true } },
      { deleteOne: { filter: { code: 'BER' } } },
    ]);
    expect(result.insertedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    expect(result.deletedCount).toBe(1);
    expect((await Warehouse.find().sort({ code: 1 }).lean<Array<{ code: string }>>()).map((w) => w.code)).toEqual(['MAD', 'PAR', 'WAW']);
  });

  it('aggregates with $lookup through Model.aggregate', async () => {
    const db = await freshDatabase();
    const Warehouse = db.model('Warehouse');
    const Product = db.model('Product');
    const lyon = await Warehouse.create({ code: 'LYS', country: 'FR' });
    await Product.create([
      { sku: 'L-2', brand: 'Lumen', warehouse: lyon._id },
      { sku: 'L-1', brand: 'Lumen', warehouse: lyon._id },
      { sku: 'L-3', brand: 'Lumen' },
    ]);
    const rows = await Product.aggregate<{ sku: string; stock: Array<{ code: string }> }>([
      { $match: { brand: 'Lumen' } },
      { $lookup: { from: 'warehouses', localField: 'warehouse', foreignField: '_id', as: 'stock' } },
      { $sort: { sku: 1 } },
      { $project: { _id: 0, sku: 1, 'stock.code': 1 } },
    ]);
    expect(rows).toEqual([
      { sku: 'L-1', stock: [{ code: 'LYS' }] },
      { sku: 'L-2', stock: [{ code: 'LYS' }] },
      { sku: 'L-3', stock: [] },
    ]);
  });

  it('iterates a query cursor across batches', async () => {
    const db = await freshDatabase();
    const Item = db.model('Item', new mongoose.Schema({ n: Number }));
    await Item.insertMany(Array.from({ length: 75 }, (_, n) => ({ n })));
    const seen: number[] = [];
    for await (const item of Item.find().sort({ n: 1 }).batchSize(20).cursor()) seen.push(item.get('n') as number);
    expect(seen).toEqual(Array.from({ length: 75 }, (_, n) => n));
  });
});
