import { ProcessingMode } from 'mingo';
import type { CollationSpec, CollectionResolver, Options } from 'mingo/types';

/**
 * Options for every mingo Query/Aggregator the devdb builds. Server-side JavaScript (`$where`,
 * `$function`, `$accumulator`) is disabled: a client must not run code in our process, and MongoDB
 * itself deprecates it. mingo then throws, and the client gets an error naming the operator.
 */
export function queryOptions(extra: { collation?: CollationSpec; collectionResolver?: CollectionResolver } = {}): Partial<Options> {
  return { scriptEnabled: false, useStrictMode: true, ...extra };
}

/**
 * Aggregation options: CLONE_INPUT because mingo's stages (`$set` on a nested path, `$unwind` then
 * `$set`) otherwise write into the input objects, and those are our stored documents.
 */
export function aggregateOptions(extra: { collation?: CollationSpec; collectionResolver?: CollectionResolver; variables?: Record<string, unknown> } = {}): Partial<Options> {
  return { ...queryOptions(), processingMode: ProcessingMode.CLONE_INPUT, ...extra };
}
