import { ObjectId } from 'bson';
import type { Doc } from '../bson-values.ts';
import { isPlainObject, keyOf } from '../bson-values.ts';
import { Collection } from '../collection.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { selectDocuments } from '../select.ts';
import { updatedDocument } from '../updates.ts';
import type { CommandContext } from './context.ts';

/** The database and collection a `$out`/`$merge` writes to: a name in this database, or `{db, coll}`. */
function targetOf(value: unknown, stage: string, database: string): { database: string; name: string } {
  if (typeof value === 'string') return { database, name: value };
  if (isPlainObject(value) && typeof value['coll'] === 'string') {
    return { database: typeof value['db'] === 'string' ? value['db'] : database, name: value['coll'] };
  }
  throw new CommandError(ErrorCode.FailedToParse, `${stage} needs a collection name or a {db, coll} document`);
}

function withId(doc: Doc): Doc {
  return '_id' in doc ? doc : { _id: new ObjectId(), ...doc };
}

/**
 * `$out`: replaces the target collection's documents by the pipeline's results, keeping its options
 * and indexes. The new contents are built aside and swapped in whole, so a failure (a duplicate key)
 * leaves the target as it was, as in MongoDB.
 */
export function runOut(spec: unknown, results: readonly Doc[], context: CommandContext, bypassValidation: boolean): void {
  const target = targetOf(spec, '$out', context.database);
  const existing = context.storage.find(target.database, target.name);
  const replacement = new Collection(target.database, target.name, existing?.options ?? {});
  for (const index of existing?.indexSpecs().slice(1) ?? []) replacement.createIndex(index);
  for (const doc of results) replacement.insert(withId(doc), { bypassValidation });
  context.storage.put(target.database, target.name, replacement);
}

const whenMatchedModes = new Set(['replace', 'keepExisting', 'merge', 'fail']);
const whenNotMatchedModes = new Set(['insert', 'discard', 'fail']);

/**
 * `$merge`: each result is matched to a target document by the `on` fields (`_id` by default; other
 * fields need a unique index on exactly them, as MongoDB requires), then replaced, kept, merged, failed
 * or updated by a pipeline (`$$new` is the result), or — unmatched — inserted, discarded or failed.
 */
export function runMerge(spec: unknown, results: readonly Doc[], context: CommandContext, bypassValidation: boolean): void {
  const options: Doc = typeof spec === 'string' ? { into: spec } : isPlainObject(spec) ? spec : {};
  if (options['into'] === undefined) throw new CommandError(ErrorCode.FailedToParse, "$merge needs an 'into' collection");
  for (const field of Object.keys(options)) {
    if (!['into', 'on', 'let', 'whenMatched', 'whenNotMatched'].includes(field)) {
      throw new CommandError(ErrorCode.UnknownField, `BSON field '$merge.${field}' is an unknown field.`);
    }
  }
  const target = targetOf(options['into'], '$merge', context.database);
  const on = options['on'] === undefined ? ['_id'] : Array.isArray(options['on']) ? options['on'] : [options['on']];
  if (on.length === 0 || !on.every((field): field is string => typeof field === 'string')) {
    throw new CommandError(ErrorCode.FailedToParse, "$merge 'on' must be a field name or an array of them");
  }
  const whenMatched = options['whenMatched'] ?? 'merge';
  const whenNotMatched = options['whenNotMatched'] ?? 'insert';
  if (!Array.isArray(whenMatched) && !whenMatchedModes.has(whenMatched as string)) {
    throw new CommandError(ErrorCode.BadValue, `Enumeration value '${String(whenMatched)}' for field 'whenMatched' is not a valid value.`);
  }
  if (!whenNotMatchedModes.has(whenNotMatched as string)) {
    throw new CommandError(
      ErrorCode.BadValue,
      `Enumeration value '${String(whenNotMatched)}' for field 'whenNotMatched' is not a valid value.`,
    );
  }
  const { collection } = context.storage.obtain(target.database, target.name);
  const onKey = keyOf([...on].sort());
  if (
    !(on.length === 1 && on[0] === '_id') &&
    !collection.indexSpecs().some((index) => index.unique && keyOf(Object.keys(index.key).sort()) === onKey)
  ) {
    throw new CommandError(ErrorCode.MergeOnFieldsNotUnique, 'Cannot find index to verify that join fields will be unique');
  }
  const letVariables = isPlainObject(options['let']) ? options['let'] : undefined;
  for (const result of results) {
    const filter: Doc = {};
    for (const field of on) {
      const value = field.split('.').reduce<unknown>((node, part) => (isPlainObject(node) ? node[part] : undefined), result);
      if (value === undefined || value === null || Array.isArray(value)) {
        throw new CommandError(
          ErrorCode.MergeOnFieldMissing,
          `$merge write error: 'on' field '${field}' cannot be missing, null, undefined or an array`,
        );
      }
      filter[field] = value;
    }
    const [match] = selectDocuments(collection, filter, { limit: 1 }).docs;
    if (!match) {
      if (whenNotMatched === 'insert') collection.insert(withId(result), { bypassValidation });
      else if (whenNotMatched === 'fail') {
        throw new CommandError(
          ErrorCode.MergeStageNoMatchingDocument,
          '$merge could not find a matching document in the target collection for at least one document in the source collection',
        );
      }
      continue;
    }
    if (whenMatched === 'keepExisting') continue;
    if (whenMatched === 'fail') {
      throw new CommandError(
        ErrorCode.DuplicateKey,
        `$merge with whenMatched: 'fail' found an existing document with the same values for the 'on' field: ${JSON.stringify(filter)}`,
      );
    }
    let next: Doc;
    if (Array.isArray(whenMatched)) {
      next = updatedDocument(match, whenMatched as Doc[], { filter: {}, variables: { new: result, ...(letVariables ?? {}) } });
    } else if (whenMatched === 'replace') {
      next = { _id: match['_id'], ...result };
    } else {
      next = { ...match, ...result, _id: match['_id'] };
    }
    if ('_id' in result && keyOf(result['_id']) !== keyOf(match['_id'])) {
      throw new CommandError(
        ErrorCode.ImmutableField,
        '$merge failed to update the matching document, did you attempt to modify the _id or the shard key?',
      );
    }
    if (next !== match) collection.replace(match, next, { bypassValidation });
  }
}
