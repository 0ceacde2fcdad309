/**
 * Work done once per request and key: the fields of one quote share one pricing, the products of one page share
 * one delivery plan. Built in the context function, so nothing outlives the request; keys are strings that
 * spell every input the work depends on.
 */
export class RequestMemo<V> {
  readonly #values = new Map<string, V>();

  /** The value for `key`, computed by `compute` the first time it is asked for in this request. */
  get(key: string, compute: () => V): V {
    let value = this.#values.get(key);
    if (value === undefined && !this.#values.has(key)) {
      value = compute();
      this.#values.set(key, value);
    }
    return value as V;
  }

  /** How many keys this request computed (tests assert work is shared). */
  get size(): number {
    return this.#values.size;
  }
}
