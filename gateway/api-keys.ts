import { durableCollection } from '../subgraphs/common/durability.ts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Schema, type Connection, type Model } from 'mongoose';
import { createEdgeLookups, type EdgeLookups, type LookupScope } from './edge-lookups.ts';

/**
 * What a key may do. `trusted-only`: registered documents only; `schema`: the explorer in production;
 * `metrics`: `/metrics` in production (Prometheus sends it as a bearer token).
 */
export const API_KEY_SCOPES = ['schema', 'trusted-only', 'metrics', 'feeds'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Cost units per minute a key gets unless created with `--budget` (read by the rate limiter). */
export const DEFAULT_COST_BUDGET = 10_000;

/** The client behind a request, as the gateway knows it after checking its key. */
export interface ClientIdentity {
  /** The client's name (`acme`), the label of its metrics and usage. */
  client: string;
  /** Public id of the key (its first characters), safe to log. */
  keyId: string;
  scopes: readonly ApiKeyScope[];
  /** Cost units per minute this client may spend. */
  costBudget: number;
}

/** A stored key. The key itself is never stored: only its SHA-256 (keys are 256 random bits, so no salt or KDF). */
export interface ApiKeyRecord {
  keyId: string;
  keyHash: string;
  client: string;
  scopes: ApiKeyScope[];
  costBudget: number;
  createdAt: Date;
  revokedAt: Date | null;
}

const apiKeySchema = new Schema<ApiKeyRecord>(
  {
    keyId: { type: String, required: true, unique: true },
    keyHash: { type: String, required: true, unique: true },
    client: { type: String, required: true, index: true },
    scopes: { type: [String], enum: API_KEY_SCOPES, default: [] },
    costBudget: { type: Number, required: true, min: 1 },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'api_keys', versionKey: false },
);
durableCollection(apiKeySchema);

/** The key model on the gateway's own database (`<prefix>_gateway`). */
export function apiKeyModel(connection: Connection): Model<ApiKeyRecord> {
  return (connection.models.ApiKey as Model<ApiKeyRecord> | undefined) ?? connection.model<ApiKeyRecord>('ApiKey', apiKeySchema);
}

/** SHA-256 of a key, hex: what is stored and looked up. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Options of {@link createApiKey}. */
export interface CreateApiKeyOptions {
  client: string;
  scopes?: ApiKeyScope[];
  /** Cost units per minute. Default {@link DEFAULT_COST_BUDGET}. */
  costBudget?: number;
  now?: Date;
}

/** Creates a key and stores its hash; returns the key in plain — the only time it exists outside the client. */
export async function createApiKey(
  model: Model<ApiKeyRecord>,
  options: CreateApiKeyOptions,
): Promise<{ key: string; record: ApiKeyRecord }> {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(options.client)) {
    throw new Error(`Client name "${options.client.slice(0, 64)}" must be 1–64 letters, digits, '.', '_' or '-'`);
  }
  for (const scope of options.scopes ?? []) {
    if (!(API_KEY_SCOPES as readonly string[]).includes(scope)) {
      throw new Error(`Unknown scope "${String(scope).slice(0, 32)}"; scopes are ${API_KEY_SCOPES.join(', ')}`);
    }
  }
  const costBudget = options.costBudget ?? DEFAULT_COST_BUDGET;
  if (!Number.isInteger(costBudget) || costBudget < 1) throw new Error(`Cost budget must be a positive integer, got ${costBudget}`);
  const secret = randomBytes(32).toString('base64url');
  const key = `mrd_${secret}`;
  const record: ApiKeyRecord = {
    keyId: key.slice(0, 12),
    keyHash: hashApiKey(key),
    client: options.client,
    scopes: [...new Set(options.scopes ?? [])],
    costBudget,
    createdAt: options.now ?? new Date(),
    revokedAt: null,
  };
  await model.create(record);
  return { key, record };
}

/** Revokes every live key matching a key id or a client name; returns how many. */
export async function revokeApiKeys(
  model: Model<ApiKeyRecord>,
  selector: { keyId?: string; client?: string },
  now = new Date(),
): Promise<number> {
  if (!selector.keyId && !selector.client) throw new Error('Name a key id (--key) or a client (--client) to revoke');
  const filter: Record<string, unknown> = { revokedAt: null };
  if (selector.keyId) filter.keyId = selector.keyId;
  if (selector.client) filter.client = selector.client;
  const result = await model.updateMany(filter, { $set: { revokedAt: now } });
  return result.modifiedCount;
}

/** Options of {@link createApiKeyAuthenticator}. */
export interface ApiKeyAuthenticatorOptions {
  /**
   * How long a key found is remembered, in ms: a revoked key stops working within this window.
   * Default `MERIDIAN_KEY_CACHE_MS` or 30 000.
   */
  cacheMs?: number;
  /** Most keys remembered at once (least recently used forgotten first). Default 10 000. */
  maxEntries?: number;
  /**
   * How long a key not found is answered 401 without asking again, in ms. Default `MERIDIAN_KEY_MISS_MS` or 30 000
   * (a key is 256 random bits: one that was unknown is not about to be created).
   */
  missMs?: number;
  /** Most unknown keys remembered, apart from the keys found so that a flood of them never pushes one out. Default 10 000. */
  maxMisses?: number;
  /** The per-address budget and deadline of database reads. Default: {@link createEdgeLookups}' defaults. */
  lookups?: EdgeLookups;
}

/**
 * Resolves a presented key to its client, or null when unknown or revoked. Throws an `EdgeLookupRefusal` when
 * the key is not remembered and the address's lookup budget is spent (429) or the database does not answer (503).
 */
export type ApiKeyAuthenticator = (key: string, scope: LookupScope) => Promise<ClientIdentity | null>;

/**
 * Looks keys up by hash in MongoDB, remembering answers briefly so a partner's traffic costs one database read
 * per key per window, not one per request. Keys found and keys not found are remembered apart: unknown keys
 * never evict a partner's. Concurrent requests with the same unremembered key share one read.
 */
export function createApiKeyAuthenticator(model: Model<ApiKeyRecord>, options: ApiKeyAuthenticatorOptions = {}): ApiKeyAuthenticator {
  const cacheMs = options.cacheMs ?? Number(process.env.MERIDIAN_KEY_CACHE_MS ?? 30_000);
  const missMs = options.missMs ?? Number(process.env.MERIDIAN_KEY_MISS_MS ?? 30_000);
  const lookups = options.lookups ?? createEdgeLookups();
  const found = new LRUCache<string, { identity: ClientIdentity; expires: number }>({ max: options.maxEntries ?? 10_000 });
  const unknown = new LRUCache<string, number>({ max: options.maxMisses ?? 10_000 });
  const reading = new Map<string, Promise<ClientIdentity | null>>();
  const read = async (keyHash: string): Promise<ClientIdentity | null> => {
    const record = await model.findOne({ keyHash, revokedAt: null }).lean();
    // Compare the hash in constant time anyway: the lookup itself is by index, this guards a sloppy store.
    const identity =
      record && timingSafeEqual(Buffer.from(record.keyHash), Buffer.from(keyHash))
        ? { client: record.client, keyId: record.keyId, scopes: record.scopes, costBudget: record.costBudget }
        : null;
    if (identity) {
      found.set(keyHash, { identity, expires: Date.now() + cacheMs });
      unknown.delete(keyHash);
    } else {
      found.delete(keyHash);
      unknown.set(keyHash, Date.now() + missMs);
    }
    return identity;
  };
  return async (key, scope) => {
    if (key.length < 8 || key.length > 200) return null;
    const keyHash = hashApiKey(key);
    const cached = found.get(keyHash);
    if (cached && cached.expires > Date.now()) return cached.identity;
    const unknownUntil = unknown.get(keyHash);
    if (unknownUntil !== undefined && unknownUntil > Date.now()) return null;
    return lookups.read(scope, 'API key lookup', () => {
      let pending = reading.get(keyHash);
      if (!pending) {
        pending = read(keyHash).finally(() => reading.delete(keyHash));
        reading.set(keyHash, pending);
      }
      return pending;
    });
  };
}
