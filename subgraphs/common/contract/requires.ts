/**
 * Thrown when an entity representation lacks a field the resolver `@requires` from another subgraph. The
 * gateway's query plan always sends those fields, so their absence is a planning or server bug — never the
 * client's mistake: the error formatter logs it with the details and answers INTERNAL_SERVER_ERROR.
 */
export class MissingRequiredFieldsError extends Error {
  readonly typename: string;
  readonly missing: readonly string[];

  constructor(typename: string, missing: readonly string[], resolver: string) {
    super(`${resolver} got a ${typename} representation without ${missing.join(', ')} (@requires): a query planning or server bug`);
    this.name = 'MissingRequiredFieldsError';
    this.typename = typename;
    this.missing = missing;
  }
}

/**
 * Checks that every `@requires` field a resolver needs is present (not undefined or null) in an entity
 * representation, and returns it typed as having them; throws {@link MissingRequiredFieldsError} naming all
 * missing fields otherwise.
 */
export function requireFields<T extends object, K extends keyof T>(
  representation: T,
  fields: readonly K[],
  typename: string,
  resolver: string,
): T & { [P in K]-?: NonNullable<T[P]> } {
  const missing = fields.filter((field) => representation[field] === undefined || representation[field] === null);
  if (missing.length > 0) throw new MissingRequiredFieldsError(typename, missing.map(String), resolver);
  return representation as T & { [P in K]-?: NonNullable<T[P]> };
}
