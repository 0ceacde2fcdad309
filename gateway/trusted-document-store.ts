import { durableCollection } from '../subgraphs/common/durability.ts';
import { LRUCache } from 'lru-cache';
import { Schema, type Connection, type Model } from 'mongoose';
import { documentIdOf, type TrustedDocuments } from './trusted-documents.ts';

/** A trusted document registered in MongoDB (`npm run documents -- register`), shared by every gateway instance. */
export interface TrustedDocumentRecord {
  /** `sha256:<hex>` of `document`. */
  _id: string;
  document: string;
  /** Who registered it. */
  client: string;
  registeredAt: Date;
}

const trustedDocumentSchema = new Schema<TrustedDocumentRecord>(
  {
    _id: { type: String, required: true },
    document: { type: String, required: true },
    client: { type: String, required: true, index: true },
    registeredAt: { type: Date, required: true },
  },
  { collection: 'trusted_documents', versionKey: false },
);
durableCollection(trustedDocumentSchema);

/** The trusted document model on the gateway's own database. */
export function trustedDocumentModel(connection: Connection): Model<TrustedDocumentRecord> {
  return (
    (connection.models.TrustedDocument as Model<TrustedDocumentRecord> | undefined) ??
    connection.model<TrustedDocumentRecord>('TrustedDocument', trustedDocumentSchema)
  );
}

/** Stores a manifest's documents for a client; existing ids are left as they are (a hash names one text). */
export async function registerDocuments(
  model: Model<TrustedDocumentRecord>,
  manifest: Map<string, string>,
  client: string,
  now = new Date(),
): Promise<{ added: number; known: number }> {
  if (manifest.size === 0) return { added: 0, known: 0 };
  const result = await model.bulkWrite(
    [...manifest].map(([id, document]) => ({
      updateOne: { filter: { _id: id }, update: { $setOnInsert: { document, client, registeredAt: now } }, upsert: true },
    })),
    { ordered: false },
  );
  return { added: result.upsertedCount, known: manifest.size - result.upsertedCount };
}

/** Trusted documents from manifest files, then from MongoDB on a miss; `prefetch` must run before `get`. */
export interface LayeredTrustedDocuments extends TrustedDocuments {
  /** Loads an id from MongoDB unless already known, so that a following `get` finds it. */
  prefetch(documentId: string): Promise<void>;
}

/** Options of {@link createLayeredTrustedDocuments}. */
export interface LayeredTrustedDocumentsOptions {
  /** Most documents (and most unknown ids) remembered from MongoDB, least recently used forgotten first. Default 10 000. */
  maxCached?: number;
  /** How long an id MongoDB does not have is not asked for again, in ms. Default `MERIDIAN_DOCUMENT_MISS_MS` or 5 000. */
  missTtlMs?: number;
}

/**
 * Manifest files first (loaded at start), then the documents registered in MongoDB, looked up on first use and
 * remembered (a document never changes under its hash; unknown ids are remembered briefly, so a client retrying
 * an unknown id costs one read per few seconds, not one per request).
 */
export function createLayeredTrustedDocuments(
  files: TrustedDocuments,
  model: Model<TrustedDocumentRecord>,
  options: LayeredTrustedDocumentsOptions = {},
): LayeredTrustedDocuments {
  const maxCached = options.maxCached ?? 10_000;
  const missTtlMs = options.missTtlMs ?? Number(process.env.MERIDIAN_DOCUMENT_MISS_MS ?? 5_000);
  const stored = new LRUCache<string, string>({ max: maxCached });
  const misses = new LRUCache<string, number>({ max: maxCached });
  const normalise = (id: string) => (id.startsWith('sha256:') ? id : `sha256:${id}`);
  return {
    get: (documentId) => files.get(documentId) ?? stored.get(normalise(documentId)),
    get size() {
      return files.size + stored.size;
    },
    entries: () => new Map([...files.entries(), ...stored]).entries(),
    async prefetch(documentId) {
      const id = normalise(documentId);
      if (!/^sha256:[0-9a-f]{64}$/.test(id) || files.get(id) !== undefined || stored.has(id)) return;
      const missedAt = misses.get(id);
      if (missedAt !== undefined && Date.now() - missedAt < missTtlMs) return;
      const record = await model.findById(id).lean();
      if (record && documentIdOf(record.document) === id) {
        stored.set(id, record.document);
        misses.delete(id);
      } else {
        misses.set(id, Date.now());
      }
    },
  };
}
