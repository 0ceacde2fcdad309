import type { Doc } from './bson-values.ts';
import { isPlainObject, toQueryView } from './bson-values.ts';
import { CommandError, ErrorCode } from './errors.ts';
import { Aggregator, aggregateOptions } from './mingo-options.ts';

/**
 * A command's `let` document, evaluated: each value is an aggregation expression (`{ $add: [1, 2] }`
 * is 3, `"$$NOW"` the current date, a plain value itself), available as `$$name` in `$expr`, in
 * pipelines and in pipeline updates. Names follow MongoDB's rule for user variables.
 */
export function letVariablesOf(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'let' is the wrong type, expected type 'object'");
  for (const name of Object.keys(value)) {
    if (!/^[a-z\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*$/.test(name)) {
      throw new CommandError(ErrorCode.FailedToParse, `'${name}' starts with an invalid character for a user variable name`);
    }
  }
  if (Object.keys(value).length === 0) return {};
  const [evaluated] = new Aggregator([{ $replaceWith: toQueryView(value) }], aggregateOptions()).run<Doc>([{}]);
  return evaluated ?? {};
}
