import type { Doc } from './bson-values.ts';
import { isPlainObject, isWrappedNumber, keyOf, numberOf } from './bson-values.ts';
import type { Collection } from './collection.ts';
import { viewOf } from './collection.ts';

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Aggregations run on numeric views (Long, Decimal128 and integral Doubles seen as JS numbers, so
 * mingo compares and sorts them by value). This puts the original BSON values back wherever an output
 * document still carries a source document's value unchanged — matched by `_id` (also for `$lookup`ed
 * sub-documents) and then field by field. Values the pipeline computed stay JS numbers.
 */
export class TypeRestorer {
  readonly #sources = new Map<string, Doc>();
  readonly #seen = new Set<Collection>();

  /** Registers the documents of a collection the pipeline reads (only those holding wrapped numbers). */
  add(collection: Collection | undefined): void {
    if (!collection || this.#seen.has(collection)) return;
    this.#seen.add(collection);
    for (const doc of collection.documents()) {
      if (viewOf(doc) !== doc) this.#sources.set(keyOf(doc['_id']), doc);
    }
  }

  /** Rewrites the output documents in place (they are mingo's fresh copies, never stored documents). */
  restore(outputs: Doc[]): void {
    if (this.#sources.size === 0) return;
    for (const output of outputs) this.#walk(output, undefined);
  }

  #restoreValue(value: unknown, original: unknown): unknown {
    if (typeof value === 'number' && isWrappedNumber(original) && sameNumber(numberOf(original), value)) return original;
    if (isPlainObject(value) || Array.isArray(value)) {
      this.#walk(value, isPlainObject(original) || Array.isArray(original) ? original : undefined);
    }
    return value;
  }

  #walk(node: Doc | unknown[], original: Doc | unknown[] | undefined): void {
    if (Array.isArray(node)) {
      const aligned = Array.isArray(original) && original.length === node.length ? original : undefined;
      for (let i = 0; i < node.length; i++) node[i] = this.#restoreValue(node[i], aligned?.[i]);
      return;
    }
    const source = (isPlainObject(original) ? original : undefined) ?? ('_id' in node ? this.#sources.get(keyOf(node['_id'])) : undefined);
    for (const key of Object.keys(node)) node[key] = this.#restoreValue(node[key], source?.[key]);
  }
}
