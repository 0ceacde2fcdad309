import { Binary, Decimal128, Double, Long, ObjectId, serialize } from 'bson';
import type { Db } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../scripts/devdb/bson-values.ts';
import { bsonOf, markStored, ProjectedBson } from '../../scripts/devdb/reply-encoding.ts';
import { CursorRegistry } from '../../scripts/devdb/cursors.ts';
import { encodeOpMsg } from '../../scripts/devdb/wire.ts';
import type { TestDoc } from './server.ts';
import { useTestDatabase } from './server.ts';

/** What encodeOpMsg wrote before replies were assembled from kept document bytes: header, flags, kind 0, serialize(reply). */
function serializedOpMsg(reply: Doc, requestId: number, responseTo: number): Buffer {
  const body = serialize(reply, { ignoreUndefined: true });
  const out = Buffer.alloc(21 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(2013, 12);
  out.set(body, 21);
  return out;
}

function storedDocument(i: number): Doc {
  const doc: Doc = {
    _id: new ObjectId(),
    sku: `SKU-${i}`,
    title: { en: 'Down jacket', de: 'Daunenjacke', ja: 'ダウンジャケット' },
    price: Decimal128.fromString(`${i}.95`),
    units: i,
    big: Long.fromString('9007199254740993'),
    weight: new Double(5),
    ratio: 0.1 * i,
    tags: ['a', { nested: [1, 2, null] }],
    createdAt: new Date(Date.UTC(2026, 10, 29)),
    blob: new Binary(Buffer.from([1, 2, 3])),
    gone: undefined,
  };
  markStored(doc);
  return doc;
}

describe('cursor replies assembled from kept document bytes', () => {
  it('are byte for byte what serialising the whole reply gives, for first and later batches of every size', () => {
    const cursors = new CursorRegistry();
    for (const count of [0, 1, 10, 11, 101, 250]) {
      const docs = Array.from({ length: count }, (_, i) => storedDocument(i));
      const first = { cursor: cursors.open('db.items', docs, { batchSize: 101 }), ok: 1 };
      expect(encodeOpMsg(first, 7, 3)).toEqual(serializedOpMsg(first, 7, 3));
      if (first.cursor.id.isZero()) continue;
      const next = { cursor: cursors.more(first.cursor.id, 'db.items', undefined), ok: 1 };
      expect(next.cursor.nextBatch).toHaveLength(count - 101);
      expect(encodeOpMsg(next, 8, 4)).toEqual(serializedOpMsg(next, 8, 4));
    }
  });

  it('encode fresh documents (projections) and replies of other shapes the same as before', () => {
    const fresh = { sku: 'fresh', units: 3 };
    const replies: Doc[] = [
      { cursor: { firstBatch: [fresh, storedDocument(1)], id: Long.ZERO, ns: 'db.items' }, ok: 1 },
      { cursor: { id: Long.fromNumber(42), ns: 'db.items', firstBatch: [fresh] }, ok: 1, extra: 'after' },
      { cursor: { id: Long.ZERO, ns: 'db.items', firstBatch: [fresh, 5, null] }, ok: 1 },
      { n: 1, ok: 1 },
      { ok: 1, cursor: { id: Long.ZERO, ns: 'db.items', firstBatch: [fresh] } },
      { cursor: { id: Long.ZERO, ns: 'db.items', nextBatch: [fresh], after: 1 }, ok: 1 },
      {
        cursor: { id: Long.fromString('-81985529216486895'), ns: 'dé.ñame', firstBatch: [fresh] },
        ok: 1,
        n: -2147483648,
        big: 2147483648,
        half: 0.5,
        minus0: -0,
      },
      { cursor: { id: Long.fromNumber(7), ns: 'db.items', firstBatch: [] }, ok: 1, nothing: undefined, text: 'ok' },
    ];
    for (const reply of replies) expect(encodeOpMsg(reply, 1, 2)).toEqual(serializedOpMsg(reply, 1, 2));
  });

  it('keep the bytes of stored documents only', () => {
    const stored = storedDocument(1);
    expect(bsonOf(stored)).toBe(bsonOf(stored));
    const fresh: Doc = { sku: 'fresh' };
    const before = bsonOf(fresh);
    fresh['sku'] = 'changed';
    expect(bsonOf(fresh)).not.toEqual(before);
  });
});

describe('reads after writes', () => {
  let db: Db;
  useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

  it('answer the current version of a document that was read before it changed', async () => {
    const items = db.collection<TestDoc>('items');
    await items.insertMany([
      { _id: 'a', units: 1, note: 'first' },
      { _id: 'b', units: 2 },
    ]);
    expect(await items.find({}).toArray()).toEqual([
      { _id: 'a', units: 1, note: 'first' },
      { _id: 'b', units: 2 },
    ]);
    await items.updateOne({ _id: 'a' }, { $set: { units: 5 }, $unset: { note: '' } });
    await items.replaceOne({ _id: 'b' }, { label: 'replaced' });
    expect(await items.find({}).toArray()).toEqual([
      { _id: 'a', units: 5 },
      { _id: 'b', label: 'replaced' },
    ]);
    expect(await items.find({}, { projection: { _id: 0, units: 1 } }).toArray()).toEqual([{ units: 5 }, {}]);
  });
});

describe('projections of stored documents', () => {
  it('cut their bytes from the stored bytes, equal to encoding the projected document', async () => {
    const { projectDocuments, projectForReply } = await import('../../scripts/devdb/select.ts');
    const doc = storedDocument(3);
    doc['ключ'] = 'значение';
    doc['pattern'] = /ab+c/i;
    doc['nothing'] = null;
    doc['n'.repeat(1_000_000)] = 'a field name longer than any argument list';
    const copy = { ...doc };
    markStored(copy);
    for (const projection of [
      { _id: 0, sku: 1, units: 1 },
      { sku: 1, ключ: 1, pattern: 1, nothing: 1, gone: 1 },
      { _id: 1 },
      { ['n'.repeat(1_000_000)]: 1, units: 1 },
      { title: 1, tags: 1, blob: 1, price: 1, big: 1, weight: 1, ratio: 1, createdAt: 1, missing: 1 },
    ]) {
      const {
        docs: [projected],
        encoded,
      } = projectForReply([copy], projection);
      expect(projected).toEqual(projectDocuments([{ ...doc }], projection)[0]);
      // Cut from the stored bytes (non-ASCII field names too), not encoded again.
      const cut = encoded?.[0];
      expect(cut).toBeInstanceOf(ProjectedBson);
      expect(Buffer.from((cut as ProjectedBson).toBytes())).toEqual(Buffer.from(serialize(projected!, { ignoreUndefined: true })));
      // A document no collection stores has no kept bytes to cut from.
      expect(projectForReply([{ ...doc }], projection).encoded?.[0]).toBeUndefined();
    }
  });
});
