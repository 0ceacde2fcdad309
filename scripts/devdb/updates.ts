import { Decimal128, Double, Long, ObjectId } from 'bson';
import { update as mingoUpdate } from 'mingo';
import { resolve, setValue } from 'mingo/util';
import type { Doc } from './bson-values.ts';
import { cloneValue, encodesAsInt32, formatValue, isPlainObject, keyOf, toQueryView } from './bson-values.ts';
import { CommandError, ErrorCode } from './errors.ts';
import { Aggregator, aggregateOptions, queryOptions } from './mingo-options.ts';
import { upsertSeed } from './query-planner.ts';

/** An update as clients send it: operator document, replacement document, or aggregation pipeline. */
export type UpdateSpec = Doc | Doc[];

/** Stages MongoDB allows in a pipeline-style update. */
const pipelineUpdateStages = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

/** Operators whose result depends on comparing or computing with the current numeric value. */
const numericOperators = new Set(['$inc', '$mul', '$min', '$max', '$bit']);

export type UpdateOptions = {
  /** The statement's filter; needed by the positional `$` operator. */
  readonly filter: Doc;
  readonly arrayFilters?: Doc[] | undefined;
  /** The command's evaluated `let` variables, for `$$name` in pipeline updates. */
  readonly variables?: Record<string, unknown> | undefined;
};

function isOperatorUpdate(update: Doc): boolean {
  const keys = Object.keys(update);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length > 0 && operators.length < keys.length) {
    throw new CommandError(
      ErrorCode.FailedToParse,
      `Unknown modifier: ${keys.find((k) => !k.startsWith('$'))}. Expected a valid update modifier or pipeline-style update`,
    );
  }
  return operators.length > 0;
}

/** Parses the `u`/`update` field of a statement. */
export function updateSpecOf(value: unknown): UpdateSpec {
  if (Array.isArray(value) && value.every(isPlainObject)) return value;
  if (isPlainObject(value)) return value;
  throw new CommandError(ErrorCode.FailedToParse, 'Update argument must be either an object or an array');
}

/**
 * Prepares `$inc`, `$mul`, `$min`, `$max` and `$bit` for mingo, which only computes with JS numbers
 * and silently skips anything else (MongoDB fails). Double-typed values (5.0) are unwrapped here and
 * re-wrapped afterwards so they stay Doubles; non-numeric targets fail with TypeMismatch as in MongoDB;
 * Long and Decimal128 are refused by name rather than computed inexactly. Returns the modifier to run
 * and the paths whose result must be a Double again.
 */
function prepareNumericOperators(doc: Doc, modifier: Doc): { modifier: Doc; doublePaths: string[] } {
  const prepared: Doc = { ...modifier };
  const doublePaths: string[] = [];
  for (const [operator, fields] of Object.entries(modifier)) {
    if (!numericOperators.has(operator) || !isPlainObject(fields)) continue;
    const operands: Doc = { ...fields };
    for (const [path, operand] of Object.entries(fields)) {
      const current: unknown = path.includes('$') ? undefined : resolve(doc, path);
      for (const value of [operand, current]) {
        if (value instanceof Long || value instanceof Decimal128) {
          throw new CommandError(
            ErrorCode.CommandNotSupported,
            `devdb cannot apply ${operator} to Long/Decimal128 values exactly (field '${path}'); read-modify-write it or use a real MongoDB`,
          );
        }
      }
      if (operand instanceof Double) operands[path] = operand.value;
      if (current instanceof Double) {
        setValue(doc, path, current.value);
        doublePaths.push(path);
      } else if (operand instanceof Double && (operator === '$inc' || operator === '$mul')) {
        doublePaths.push(path);
      } else if (current !== undefined && typeof current !== 'number' && (operator === '$inc' || operator === '$mul')) {
        throw new CommandError(
          ErrorCode.TypeMismatch,
          `Cannot apply ${operator} to a value of non-numeric type. {_id: ${formatValue(doc['_id'])}} has the field '${path}' of non-numeric type ${current === null ? 'null' : typeof current}`,
        );
      }
    }
    prepared[operator] = operands;
  }
  return { modifier: prepared, doublePaths };
}

function applyOperators(target: Doc, modifier: Doc, options: UpdateOptions): boolean {
  if (Object.keys(modifier).length === 0) return false;
  const before = keyOf(target);
  const prepared = prepareNumericOperators(target, modifier);
  const positional = Object.values(modifier).some(
    (fields) => isPlainObject(fields) && Object.keys(fields).some((path) => /(^|\.)\$(\.|$)/.test(path)),
  );
  mingoUpdate(target, prepared.modifier, options.arrayFilters?.map(toQueryView), positional ? toQueryView(options.filter) : undefined, {
    cloneMode: 'deep',
    queryOptions: queryOptions(),
  });
  for (const path of prepared.doublePaths) {
    const value: unknown = resolve(target, path);
    if (typeof value === 'number' && encodesAsInt32(value)) setValue(target, path, new Double(value));
  }
  return keyOf(target) !== before;
}

function applyPipeline(doc: Doc, pipeline: Doc[], variables: Record<string, unknown> | undefined): Doc {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] ?? '';
    if (!pipelineUpdateStages.has(name)) {
      throw new CommandError(ErrorCode.InvalidOptions, `${name} is not allowed to be used within an update`);
    }
  }
  const [result] = new Aggregator(pipeline, aggregateOptions(variables ? { variables } : {})).run([doc]);
  if (!result) throw new CommandError(ErrorCode.InternalError, 'pipeline update produced no document');
  return result;
}

/** Puts `_id` first, as MongoDB stores it. */
function withIdFirst(doc: Doc, id: unknown): Doc {
  const { _id: _ignored, ...rest } = doc;
  return { _id: id, ...rest };
}

/**
 * Applies an update to a stored document and returns the new version, or the same object when
 * nothing changed. The stored document itself is never touched (copy on write). Operator updates and
 * pipelines run in mingo; replacements keep the `_id`; changing `_id` fails with ImmutableField.
 */
export function updatedDocument(current: Doc, update: UpdateSpec, options: UpdateOptions): Doc {
  const id = current['_id'];
  let next: Doc;
  if (Array.isArray(update)) {
    next = applyPipeline(current, update, options.variables);
    if (!('_id' in next)) next = withIdFirst(next, id);
  } else if (isOperatorUpdate(update)) {
    const { $setOnInsert: _onInsertOnly, ...modifier } = update;
    next = cloneValue(current);
    if (!applyOperators(next, modifier, options)) return current;
  } else {
    if ('_id' in update && keyOf(update['_id']) !== keyOf(id)) {
      throw new CommandError(
        ErrorCode.ImmutableField,
        "After applying the update, the (immutable) field '_id' was found to have been altered",
      );
    }
    next = withIdFirst(cloneValue(update), id);
  }
  if (keyOf(next['_id']) !== keyOf(id)) {
    throw new CommandError(ErrorCode.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return keyOf(next) === keyOf(current) ? current : next;
}

/**
 * The document an upsert inserts when nothing matched: the filter's equality fields, then the update
 * applied with `$setOnInsert` counted as `$set`; a replacement is taken as is. `_id` comes first,
 * from the filter/update or a new ObjectId.
 */
export function upsertDocument(filter: Doc, update: UpdateSpec, options: UpdateOptions): Doc {
  const seed = cloneValue(upsertSeed(filter));
  let doc: Doc;
  if (Array.isArray(update)) {
    doc = applyPipeline(seed, update, options.variables);
  } else if (isOperatorUpdate(update)) {
    const { $setOnInsert: onInsert, ...modifier } = update;
    if (isPlainObject(onInsert)) {
      const set = isPlainObject(modifier['$set']) ? modifier['$set'] : {};
      for (const path of Object.keys(onInsert)) {
        if (path in set) throw new CommandError(ErrorCode.BadValue, `Updating the path '${path}' would create a conflict at '${path}'`);
      }
      modifier['$set'] = { ...set, ...onInsert };
    }
    doc = seed;
    applyOperators(doc, modifier, { ...options, filter: {} });
    if ('_id' in seed && keyOf(doc['_id']) !== keyOf(upsertSeed(filter)['_id'])) {
      throw new CommandError(ErrorCode.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
  } else {
    doc = cloneValue(update);
    if (!('_id' in doc) && '_id' in seed) doc['_id'] = seed['_id'];
  }
  return withIdFirst(doc, '_id' in doc ? doc['_id'] : new ObjectId());
}
