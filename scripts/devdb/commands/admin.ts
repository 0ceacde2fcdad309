import os from 'node:os';
import type { Doc } from '../bson-values.ts';
import { isPlainObject } from '../bson-values.ts';
import type { Collection } from '../collection.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { Query, queryOptions } from '../mingo-options.ts';
import { toQueryView } from '../bson-values.ts';
import type { CommandContext, CommandHandler } from './context.ts';
import { booleanOf, collectionNameOf } from './names.ts';

/** Splits `db.collection` (the collection part may hold dots). */
function namespaceOf(value: unknown, field: string): { database: string; name: string } {
  if (typeof value !== 'string' || !value.includes('.')) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid namespace specified '${String(value)}' for '${field}'`);
  }
  const dot = value.indexOf('.');
  return { database: value.slice(0, dot), name: value.slice(dot + 1) };
}

/**
 * `renameCollection` (admin database only, as in MongoDB): moves a collection with its documents,
 * indexes and options, within or across databases; `dropTarget` replaces an existing target.
 */
const renameCollection: CommandHandler = (body, context) => {
  if (context.database !== 'admin') {
    throw new CommandError(ErrorCode.Unauthorized, 'renameCollection may only be run against the admin database.');
  }
  const from = namespaceOf(body['renameCollection'], 'renameCollection');
  const to = namespaceOf(body['to'], 'to');
  context.storage.rename(from.database, from.name, to.database, to.name, booleanOf(body, 'dropTarget', false));
  return {};
};

/** collMod options the devdb applies; the others (views, TTL, pre-images, time series…) are refused by name. */
const collModApplied = new Set(['validator', 'validationLevel', 'validationAction']);
const collModRequestFields = new Set([
  'collMod',
  '$db',
  'lsid',
  '$clusterTime',
  '$readPreference',
  'writeConcern',
  'comment',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'txnNumber',
  'maxTimeMS',
]);

/** `collMod`: changes a collection's validator, validationLevel and validationAction; later writes see them. */
const collMod: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'collMod');
  const collection = context.storage.find(context.database, name);
  if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `ns does not exist: ${context.database}.${name}`);
  const changes: Doc = {};
  for (const [field, value] of Object.entries(body)) {
    if (collModRequestFields.has(field)) continue;
    if (!collModApplied.has(field)) throw new CommandError(ErrorCode.CommandNotSupported, `devdb does not support collMod '${field}'`);
    changes[field] = value;
  }
  const validator = changes['validator'];
  if (validator !== undefined) {
    if (!isPlainObject(validator)) throw new CommandError(ErrorCode.TypeMismatch, "'validator' must be an object");
    if (JSON.stringify(validator).includes('"$jsonSchema"')) {
      throw new CommandError(
        ErrorCode.CommandNotSupported,
        'devdb does not support $jsonSchema validators; use query operators or a real MongoDB',
      );
    }
    new Query(toQueryView(validator), queryOptions()); // refuses an invalid validator before it is applied
  }
  const level = changes['validationLevel'];
  if (level !== undefined && level !== 'off' && level !== 'strict' && level !== 'moderate') {
    throw new CommandError(
      ErrorCode.BadValue,
      `Enumeration value '${String(level)}' for field 'collMod.validationLevel' is not a valid value.`,
    );
  }
  const action = changes['validationAction'];
  if (action !== undefined && action !== 'error' && action !== 'warn') {
    throw new CommandError(
      ErrorCode.BadValue,
      `Enumeration value '${String(action)}' for field 'collMod.validationAction' is not a valid value.`,
    );
  }
  collection.setOptions({ ...collection.options, ...changes });
  return {};
};

function scaleOf(body: Doc): number {
  const scale = toQueryView(body['scale'] ?? 1);
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 1)
    throw new CommandError(ErrorCode.BadValue, 'Scale factor must be a number greater than or equal to 1');
  return Math.trunc(scale);
}

/** The storage statistics MongoDB reports for a collection (sizes are BSON bytes; storage equals data). */
export function storageStatsOf(collection: Collection, scale: number): Doc {
  const size = collection.dataSize();
  const count = collection.size;
  const indexSizes = collection.indexSizes();
  const totalIndexSize = Object.values(indexSizes).reduce((sum, bytes) => sum + bytes, 0);
  return {
    size: Math.trunc(size / scale),
    count,
    avgObjSize: count > 0 ? Math.trunc(size / count) : 0,
    storageSize: Math.trunc(size / scale),
    freeStorageSize: 0,
    capped: false,
    nindexes: Object.keys(indexSizes).length,
    indexBuilds: [],
    totalIndexSize: Math.trunc(totalIndexSize / scale),
    totalSize: Math.trunc((size + totalIndexSize) / scale),
    indexSizes: Object.fromEntries(Object.entries(indexSizes).map(([name, bytes]) => [name, Math.trunc(bytes / scale)])),
    scaleFactor: scale,
  };
}

/** `dbStats` (mongosh `db.stats()`): collections, objects and sizes of the database. */
const dbStats: CommandHandler = (body, context: CommandContext) => {
  const scale = scaleOf(body);
  const collections = context.storage.collections(context.database);
  let objects = 0;
  let dataSize = 0;
  let indexes = 0;
  let indexSize = 0;
  for (const collection of collections) {
    objects += collection.size;
    dataSize += collection.dataSize();
    const sizes = Object.values(collection.indexSizes());
    indexes += sizes.length;
    indexSize += sizes.reduce((sum, bytes) => sum + bytes, 0);
  }
  return {
    db: context.database,
    collections: collections.length,
    views: 0,
    objects,
    avgObjSize: objects > 0 ? dataSize / objects : 0,
    dataSize: dataSize / scale,
    storageSize: dataSize / scale,
    indexes,
    indexSize: indexSize / scale,
    totalSize: (dataSize + indexSize) / scale,
    scaleFactor: scale,
    fsUsedSize: 0,
    fsTotalSize: 0,
  };
};

/** Legacy `collStats` command (deprecated in 6.2, still answered by 7.0): the storage statistics, flat. */
const collStats: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'collStats');
  const collection = context.storage.find(context.database, name);
  if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `Collection [${context.database}.${name}] not found.`);
  return { ns: collection.namespace, ...storageStatsOf(collection, scaleOf(body)) };
};

/** One `$collStats` output document: `count` and/or `storageStats`, as requested. */
export function collStatsDocument(spec: unknown, collection: Collection | undefined, namespace: string): Doc {
  if (!isPlainObject(spec)) throw new CommandError(ErrorCode.TypeMismatch, '$collStats must take a nested object');
  for (const field of Object.keys(spec)) {
    if (field !== 'count' && field !== 'storageStats')
      throw new CommandError(ErrorCode.CommandNotSupported, `devdb does not support $collStats '${field}'`);
  }
  if (!collection)
    throw new CommandError(
      ErrorCode.NamespaceNotFound,
      `Unable to retrieve storageStats in $collStats stage :: caused by :: Collection [${namespace}] not found.`,
    );
  const doc: Doc = { ns: namespace, host: `${os.hostname()}:27017`, localTime: new Date() };
  if (isPlainObject(spec['storageStats'])) doc['storageStats'] = storageStatsOf(collection, scaleOf(spec['storageStats']));
  if (isPlainObject(spec['count'])) doc['count'] = collection.size;
  return doc;
}

export const adminCommands: Record<string, CommandHandler> = {
  renameCollection,
  collMod,
  dbStats,
  dbstats: dbStats,
  collStats,
  collstats: collStats,
  configureFailPoint: (body, context) => context.failPoints.configure(body, context.database),
};
