import { durableCollection } from '../subgraphs/common/durability.ts';
import { LRUCache } from 'lru-cache';
import { Schema, type Connection, type Model } from 'mongoose';
import { createEdgeLookups, type EdgeLookups, type LookupScope } from './edge-lookups.ts';
import { documentIdOf, type TrustedDocuments } from './trusted-documents.ts';

/** A trusted document registered in MongoDB (`npm run documents -- register`), shared by every gateway instance. */
export interface TrustedDocumentRecord {
  /** `sha256:<hex>` of `document`. */
  _id: string;
  document: string;
  /** The clients whose keys may run it (`register --client`, repeatable; registering again adds clients). */
  clients: string[];
  /** Registered `--all-clients`: every key may run it (as manifest files shipped with the gateway). */
  allClients: boolean;
  /** Who registered it, as stored before documents had `clients`: read once by {@link migrateDocumentClients}. */
  client?: string;
  registeredAt: Date;
}

const trustedDocumentSchema = new Schema<TrustedDocumentRecord>(
  {
    _id: { type: String, required: true },
    document: { type: String, required: true },
    // Multikey: `list --client` reads by client; the gateway reads by `_id`.
    clients: { type: [String], default: [], index: true },
    allClients: { type: Boolean, default: false },
    client: { type: String },
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

/**
 * Gives documents stored before per-client access their `clients`, never widening access: a document registered
 * by a client stays that client's alone; one without a client becomes nobody's (not everybody's) until it is
 * registered again with `--client` or `--all-clients`. Idempotent; returns how many documents it changed.
 */
export async function migrateDocumentClients(model: Model<TrustedDocumentRecord>): Promise<number> {
  const unmigrated = { clients: { $exists: false } };
  const names = (await model.distinct('client', unmigrated)).filter((name): name is string => typeof name === 'string' && name !== '');
  let changed = 0;
  for (const name of names) {
    changed += (await model.updateMany({ ...unmigrated, client: name }, { $set: { clients: [name], allClients: false } })).modifiedCount;
  }
  changed += (await model.updateMany(unmigrated, { $set: { clients: [], allClients: false } })).modifiedCount;
  return changed;
}

/** Whom a registration is for: named clients, or every client. */
export type DocumentAudience = { clients: readonly string[] } | { allClients: true };

/**
 * Stores a manifest's documents for its audience. A hash names one text, so an id already stored keeps its text
 * and gains the audience (its clients are added to, `allClients` set); nothing registered is ever narrowed here.
 */
export async function registerDocuments(
  model: Model<TrustedDocumentRecord>,
  manifest: Map<string, string>,
  audience: DocumentAudience,
  now = new Date(),
): Promise<{ added: number; known: number; widened: number }> {
  if (manifest.size === 0) return { added: 0, known: 0, widened: 0 };
  const forAll = 'allClients' in audience;
  if (!forAll && audience.clients.length === 0) throw new Error('Name at least one client (--client) or --all-clients');
  const update = forAll
    ? { $setOnInsert: { registeredAt: now, clients: [] }, $set: { allClients: true } }
    : { $setOnInsert: { registeredAt: now, allClients: false }, $addToSet: { clients: { $each: [...audience.clients] } } };
  const result = await model.bulkWrite(
    [...manifest].map(([id, document]) => ({
      updateOne: { filter: { _id: id }, update: { ...update, $setOnInsert: { ...update.$setOnInsert, document } }, upsert: true },
    })),
    { ordered: false },
  );
  return { added: result.upsertedCount, known: manifest.size - result.upsertedCount, widened: result.modifiedCount };
}

/** Trusted documents from manifest files, then from MongoDB on a miss; `prefetch` must run before `get`. */
export interface LayeredTrustedDocuments extends TrustedDocuments {
  /** Loads an id from MongoDB unless known enough to answer `client`, so that a following `get` finds it. */
  prefetch(documentId: string, client: string | null, scope: LookupScope): Promise<void>;
}

/** Options of {@link createLayeredTrustedDocuments}. */
export interface LayeredTrustedDocumentsOptions {
  /** Most documents (and most unknown ids) remembered from MongoDB, least recently used forgotten first. Default 10 000. */
  maxCached?: number;
  /**
   * How long an id MongoDB does not have (or has, not for the asking client) is not asked for again, in ms.
   * Default `MERIDIAN_DOCUMENT_MISS_MS` or 5 000.
   */
  missTtlMs?: number;
  /** The per-address budget and deadline of database reads. Default: {@link createEdgeLookups}' defaults. */
  lookups?: EdgeLookups;
}

interface StoredDocument {
  document: string;
  clients: readonly string[];
  allClients: boolean;
  /** When it was read (`Date.now()`): a client it does not name asks again after the miss TTL. */
  readAt: number;
}

function allows(stored: StoredDocument, client: string | null): boolean {
  return stored.allClients || (client !== null && stored.clients.includes(client));
}

/**
 * Manifest files first (loaded at start, for every client: the operator ships them with the gateway), then the
 * documents registered in MongoDB for named clients or all, looked up on first use and remembered (a document
 * never changes under its hash; who may run it is read again when a client it does not name asks after the miss
 * TTL). Unknown ids are remembered briefly, and reads are charged to the address's lookup budget.
 */
export function createLayeredTrustedDocuments(
  files: TrustedDocuments,
  model: Model<TrustedDocumentRecord>,
  options: LayeredTrustedDocumentsOptions = {},
): LayeredTrustedDocuments {
  const maxCached = options.maxCached ?? 10_000;
  const missTtlMs = options.missTtlMs ?? Number(process.env.MERIDIAN_DOCUMENT_MISS_MS ?? 5_000);
  const lookups = options.lookups ?? createEdgeLookups();
  const stored = new LRUCache<string, StoredDocument>({ max: maxCached });
  const misses = new LRUCache<string, number>({ max: maxCached });
  const normalise = (id: string) => (id.startsWith('sha256:') ? id : `sha256:${id}`);
  const storedFor = (id: string, client: string | null) => {
    const known = stored.get(normalise(id));
    return known && allows(known, client) ? known.document : undefined;
  };
  return {
    get: (documentId, client) => files.get(documentId, client) ?? storedFor(documentId, client),
    get size() {
      return files.size + stored.size;
    },
    entries: () => new Map([...files.entries(), ...[...stored].map(([id, known]) => [id, known.document] as const)]).entries(),
    async prefetch(documentId, client, scope) {
      const id = normalise(documentId);
      if (!/^sha256:[0-9a-f]{64}$/.test(id) || files.get(id, client) !== undefined) return;
      const known = stored.get(id);
      if (known && (allows(known, client) || Date.now() - known.readAt < missTtlMs)) return;
      const missedAt = misses.get(id);
      if (missedAt !== undefined && Date.now() - missedAt < missTtlMs) return;
      const record = await lookups.read(scope, 'trusted document lookup', () =>
        model.findById(id, { document: 1, clients: 1, allClients: 1 }).lean(),
      );
      if (record && documentIdOf(record.document) === id) {
        stored.set(id, {
          document: record.document,
          clients: record.clients ?? [],
          allClients: record.allClients === true,
          readAt: Date.now(),
        });
        misses.delete(id);
      } else {
        misses.set(id, Date.now());
      }
    },
  };
}
