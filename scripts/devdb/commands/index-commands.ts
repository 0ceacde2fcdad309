import type { Doc } from '../bson-values.ts';
import { isPlainObject, keyOf, toQueryView } from '../bson-values.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { parseIndexSpec } from '../indexes.ts';
import type { CommandHandler } from './context.ts';
import { collectionNameOf } from './names.ts';

/**
 * `createIndexes`: builds each index over existing documents (failing with E11000 if data already
 * breaks a unique index); identical existing indexes are left alone, as MongoDB does.
 */
const createIndexes: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'createIndexes');
  const requested = body['indexes'];
  if (!Array.isArray(requested) || requested.length === 0 || !requested.every(isPlainObject)) {
    throw new CommandError(ErrorCode.BadValue, "createIndexes needs a non-empty 'indexes' array of documents");
  }
  const specs = requested.map(parseIndexSpec);
  const { collection, created } = context.storage.obtain(context.database, name);
  const numIndexesBefore = collection.indexSpecs().length;
  let built = 0;
  for (const spec of specs) if (collection.createIndex(spec)) built += 1;
  return {
    createdCollectionAutomatically: created,
    numIndexesBefore,
    numIndexesAfter: collection.indexSpecs().length,
    ...(built === 0 ? { note: 'all indexes already exist' } : {}),
  };
};

/** `listIndexes`: the collection's index specs as a cursor; NamespaceNotFound if it does not exist. */
const listIndexes: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'listIndexes');
  const collection = context.storage.find(context.database, name);
  if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `ns does not exist: ${context.database}.${name}`);
  const batchSize = isPlainObject(body['cursor']) ? body['cursor']['batchSize'] : undefined;
  return { cursor: context.cursors.open(collection.namespace, collection.indexSpecs(), { batchSize }) };
};

/** `dropIndexes`: by name, by key pattern, a list of names, or `"*"` for all but `_id_`. */
const dropIndexes: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'dropIndexes');
  const collection = context.storage.find(context.database, name);
  if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `ns not found ${context.database}.${name}`);
  const nIndexesWas = collection.indexSpecs().length;
  const target = body['index'];
  if (target === '*') {
    collection.dropAllIndexes();
  } else if (typeof target === 'string') {
    collection.dropIndex(target);
  } else if (Array.isArray(target) && target.every((item) => typeof item === 'string')) {
    for (const indexName of target) collection.dropIndex(indexName);
  } else if (isPlainObject(target)) {
    const wanted = keyOf(toQueryView(target));
    const spec = collection.indexSpecs().find((candidate) => keyOf(candidate.key) === wanted);
    if (!spec) throw new CommandError(ErrorCode.IndexNotFound, `can't find index with key: ${JSON.stringify(target)}`);
    collection.dropIndex(spec.name);
  } else {
    throw new CommandError(ErrorCode.TypeMismatch, "dropIndexes needs 'index': a name, names, a key pattern or '*'");
  }
  return { nIndexesWas };
};

export const indexCommands: Record<string, CommandHandler> = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: (body: Doc, context) => dropIndexes({ ...body, dropIndexes: body['deleteIndexes'] }, context),
};
