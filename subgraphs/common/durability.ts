import type { Schema } from 'mongoose';

/**
 * What a write of money or security needs: acknowledged by a majority of the replica set and journaled there,
 * so a failover cannot roll it back (an FX lock a shopper paid against, a confirmation, a price, an API key or
 * its revocation, a trusted document, usage a partner is billed for).
 */
export const MAJORITY_JOURNALED = Object.freeze({ w: 'majority' as const, j: true });

/**
 * Marks a collection as holding money or security records: every write through its model (create, update,
 * findOneAndUpdate, bulkWrite) asks for {@link MAJORITY_JOURNALED} unless the call names its own write concern,
 * and its reads go to the primary whatever the connection's read preference (a revoked key, a confirmed lock
 * must be seen at once). Returns the schema.
 */
export function durableCollection<T>(schema: Schema<T>): Schema<T> {
  schema.set('writeConcern', { ...MAJORITY_JOURNALED });
  schema.set('read', 'primary');
  // mongoose applies a schema's write concern to queries and saves, not to bulkWrite.
  schema.pre('bulkWrite', (_ops: unknown, options: { writeConcern?: unknown } | undefined) => {
    if (options && options.writeConcern === undefined) options.writeConcern = { ...MAJORITY_JOURNALED };
  });
  return schema;
}

/** Read preferences a deployment may give reference and catalogue reads (`MERIDIAN_READ_PREFERENCE`). */
export const READ_PREFERENCES = ['primary', 'primaryPreferred', 'secondary', 'secondaryPreferred', 'nearest'] as const;
export type ReadPreferenceMode = (typeof READ_PREFERENCES)[number];

/**
 * Where reads of reference data and the catalogue go (`MERIDIAN_READ_PREFERENCE`, default `primary`): these
 * tolerate a replica's lag of moments, since each process already serves them from memory for up to
 * `MERIDIAN_REFERENCE_TTL_MS`. Money and security collections always read from the primary.
 */
export function readPreferenceFromEnv(env: NodeJS.ProcessEnv = process.env): ReadPreferenceMode {
  const raw = env.MERIDIAN_READ_PREFERENCE;
  if (raw === undefined || raw === '') return 'primary';
  if ((READ_PREFERENCES as readonly string[]).includes(raw)) return raw as ReadPreferenceMode;
  throw new Error(`MERIDIAN_READ_PREFERENCE must be one of ${READ_PREFERENCES.join(', ')}, got "${raw}"`);
}
