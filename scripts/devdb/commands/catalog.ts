import { calculateObjectSize } from 'bson';
import type { Doc } from '../bson-values.ts';
import { isPlainObject, toQueryView } from '../bson-values.ts';
import { ID_INDEX } from '../collection.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { Query, queryOptions } from '../mingo-options.ts';
import { filterOf } from '../select.ts';
import type { CommandHandler } from './context.ts';
import { booleanOf, collectionNameOf } from './names.ts';

/** `create` options that change what a collection is (capped, views, time series…): refused by name. */
const unsupportedCreateOptions = ['capped', 'viewOn', 'pipeline', 'timeseries', 'clusteredIndex', 'collation', 'expireAfterSeconds'];

function containsKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((item) => containsKey(item, key));
  return isPlainObject(value) && Object.entries(value).some(([k, v]) => k === key || containsKey(v, key));
}

/** Fields of a command that are about the request, not the collection being created. */
const requestFields = new Set([
  'create',
  'lsid',
  '$db',
  '$readPreference',
  '$clusterTime',
  'writeConcern',
  'comment',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'txnNumber',
]);

/**
 * `create`: an explicit collection, optionally with a query-operator `validator` enforced on writes
 * (unless validationLevel "off" or validationAction "warn"). Creating it again with the same options
 * succeeds, with different ones fails with NamespaceExists, as MongoDB 7 does.
 */
const create: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'create');
  for (const option of unsupportedCreateOptions) {
    if (body[option] !== undefined && body[option] !== false) {
      throw new CommandError(ErrorCode.CommandNotSupported, `devdb does not support collections created with '${option}'`);
    }
  }
  const options = Object.fromEntries(Object.entries(body).filter(([field]) => !requestFields.has(field)));
  const validator = options['validator'];
  if (validator !== undefined && !isPlainObject(validator)) throw new CommandError(ErrorCode.TypeMismatch, "'validator' must be an object");
  if (containsKey(validator, '$jsonSchema')) {
    throw new CommandError(
      ErrorCode.CommandNotSupported,
      'devdb does not support $jsonSchema validators; use query operators or a real MongoDB',
    );
  }
  context.storage.create(context.database, name, options);
  return {};
};

/** `drop`: removes a collection and its indexes (MongoDB 7 answers ok for a missing one too). */
const drop: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'drop');
  const collection = context.storage.find(context.database, name);
  const nIndexesWas = collection?.indexSpecs().length ?? 0;
  context.storage.drop(context.database, name);
  return { ns: `${context.database}.${name}`, nIndexesWas };
};

const dropDatabase: CommandHandler = (_body, context) => {
  context.storage.dropDatabase(context.database);
  return { dropped: context.database };
};

/** `listCollections` with `filter` (mingo over the descriptions) and `nameOnly`, as a cursor. */
const listCollections: CommandHandler = (body, context) => {
  const nameOnly = booleanOf(body, 'nameOnly', false);
  const filter = new Query(toQueryView(filterOf(body['filter'])), queryOptions());
  const descriptions = context.storage
    .collections(context.database)
    .map(
      (collection): Doc =>
        nameOnly
          ? { name: collection.name, type: 'collection' }
          : {
              name: collection.name,
              type: 'collection',
              options: { ...collection.options },
              info: { readOnly: false, uuid: collection.uuid },
              idIndex: ID_INDEX,
            },
    )
    .filter((description) => filter.test(description));
  const batchSize = isPlainObject(body['cursor']) ? body['cursor']['batchSize'] : undefined;
  return { cursor: context.cursors.open(`${context.database}.$cmd.listCollections`, descriptions, { batchSize }) };
};

/** `listDatabases` with `filter` and `nameOnly`; sizes are the BSON size of the stored documents. */
const listDatabases: CommandHandler = (body, context) => {
  const nameOnly = booleanOf(body, 'nameOnly', false);
  const filter = new Query(toQueryView(filterOf(body['filter'])), queryOptions());
  const databases = context.storage
    .databaseNames()
    .map((name): Doc => {
      if (nameOnly) return { name };
      let sizeOnDisk = 0;
      for (const collection of context.storage.collections(name)) {
        for (const doc of collection.documents()) sizeOnDisk += calculateObjectSize(doc);
      }
      return { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    })
    .filter((description) => filter.test(description));
  const totalSize = databases.reduce((sum, db) => sum + (typeof db['sizeOnDisk'] === 'number' ? db['sizeOnDisk'] : 0), 0);
  return nameOnly ? { databases } : { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1024 / 1024) };
};

export const catalogCommands: Record<string, CommandHandler> = { create, drop, dropDatabase, listCollections, listDatabases };
