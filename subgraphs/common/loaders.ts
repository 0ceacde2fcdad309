import DataLoader from 'dataloader';

/** Largest `$in` list one batch sends; bigger batches are split by DataLoader. */
export const MAX_IN_BATCH = 500;

/**
 * A per-request DataLoader over one `$in` query: `fetchMany` receives the distinct keys of a tick and may
 * return the matching records in any order; the loader hands each caller its own record, or null when
 * there is none, in key order (DataLoader's contract).
 */
export function createKeyedLoader<V>(
  fetchMany: (keys: readonly string[]) => Promise<readonly V[]>,
  keyOf: (value: V) => string,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    async (keys) => {
      const found = new Map<string, V>();
      for (const value of await fetchMany(keys)) found.set(keyOf(value), value);
      return keys.map((key) => found.get(key) ?? null);
    },
    { maxBatchSize: MAX_IN_BATCH },
  );
}

/** Like {@link createKeyedLoader}, for one-to-many lookups: each key gets every record that matches it. */
export function createGroupedLoader<V>(
  fetchMany: (keys: readonly string[]) => Promise<readonly V[]>,
  keyOf: (value: V) => string,
): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(
    async (keys) => {
      const groups = new Map<string, V[]>();
      for (const value of await fetchMany(keys)) {
        const key = keyOf(value);
        const group = groups.get(key);
        if (group) group.push(value);
        else groups.set(key, [value]);
      }
      return keys.map((key) => groups.get(key) ?? []);
    },
    { maxBatchSize: MAX_IN_BATCH },
  );
}
