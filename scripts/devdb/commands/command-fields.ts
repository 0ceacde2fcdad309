import type { Doc } from '../bson-values.ts';
import { isPlainObject } from '../bson-values.ts';
import { CommandError, ErrorCode } from '../errors.ts';

/**
 * The fields MongoDB 7.0's command parsers accept, so that an option the devdb does not know is
 * refused as MongoDB refuses it (code 40415, "BSON field 'update.updates.sort' is an unknown
 * field.") instead of being silently ignored. Fields every command accepts come first.
 */
const genericFields = [
  '$db',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  '$clusterTime',
  '$readPreference',
  'readConcern',
  'writeConcern',
  'maxTimeMS',
  'comment',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  '$audit',
  '$client',
  'clientOperationKey',
  'mayBypassWriteBlocking',
  '$configServerState',
  '$configTime',
  '$topologyTime',
  '$oplogQueryData',
  '$replData',
  '$gleStats',
  'databaseVersion',
  'shardVersion',
  'allowImplicitCollectionCreation',
  'maxTimeMSOpOnly',
  'usesDefaultMaxTimeMS',
  'readOnly',
  'tracking_info',
  'coordinator',
];

const commandFields: Record<string, { canonical: string; fields: string[] }> = {
  find: {
    canonical: 'find',
    fields: [
      'find',
      'filter',
      'projection',
      'sort',
      'hint',
      'skip',
      'limit',
      'batchSize',
      'singleBatch',
      'max',
      'min',
      'returnKey',
      'showRecordId',
      'tailable',
      'oplogReplay',
      'noCursorTimeout',
      'awaitData',
      'allowPartialResults',
      'collation',
      'allowDiskUse',
      'let',
      'term',
      'readOnce',
      '$_requestResumeToken',
      '$_resumeAfter',
      'encryptionInformation',
    ],
  },
  insert: {
    canonical: 'insert',
    fields: ['insert', 'documents', 'ordered', 'bypassDocumentValidation', 'stmtId', 'stmtIds', 'encryptionInformation'],
  },
  update: {
    canonical: 'update',
    fields: ['update', 'updates', 'ordered', 'bypassDocumentValidation', 'let', 'stmtId', 'stmtIds', 'encryptionInformation'],
  },
  delete: { canonical: 'delete', fields: ['delete', 'deletes', 'ordered', 'let', 'stmtId', 'stmtIds', 'encryptionInformation'] },
  findAndModify: {
    canonical: 'findAndModify',
    fields: [
      'findAndModify',
      'findandmodify',
      'query',
      'fields',
      'sort',
      'remove',
      'update',
      'new',
      'upsert',
      'bypassDocumentValidation',
      'collation',
      'arrayFilters',
      'hint',
      'let',
      'stmtId',
      'encryptionInformation',
    ],
  },
  aggregate: {
    canonical: 'aggregate',
    fields: [
      'aggregate',
      'pipeline',
      'explain',
      'allowDiskUse',
      'cursor',
      'bypassDocumentValidation',
      'collation',
      'hint',
      'let',
      'exchange',
      'isMapReduceCommand',
      'needsMerge',
      'fromMongos',
      'collectionUUID',
      'encryptionInformation',
      '$_requestReshardingResumeToken',
      '$_generateV2ResumeTokens',
    ],
  },
  count: { canonical: 'count', fields: ['count', 'query', 'limit', 'skip', 'hint', 'collation', 'fields', 'encryptionInformation'] },
  distinct: { canonical: 'distinct', fields: ['distinct', 'key', 'query', 'collation', 'hint', 'encryptionInformation'] },
  getMore: {
    canonical: 'getMore',
    fields: ['getMore', 'collection', 'batchSize', 'term', 'lastKnownCommittedOpTime', 'includeQueryStatsMetrics'],
  },
  killCursors: { canonical: 'killCursors', fields: ['killCursors', 'cursors'] },
  create: {
    canonical: 'create',
    fields: [
      'create',
      'capped',
      'autoIndexId',
      'idIndex',
      'size',
      'max',
      'storageEngine',
      'validator',
      'validationLevel',
      'validationAction',
      'indexOptionDefaults',
      'viewOn',
      'pipeline',
      'collation',
      'changeStreamPreAndPostImages',
      'clusteredIndex',
      'timeseries',
      'expireAfterSeconds',
      'encryptedFields',
      'temp',
      'flags',
    ],
  },
  drop: { canonical: 'drop', fields: ['drop', 'collectionUUID'] },
  dropDatabase: { canonical: 'dropDatabase', fields: ['dropDatabase'] },
  createIndexes: {
    canonical: 'createIndexes',
    fields: ['createIndexes', 'indexes', 'commitQuorum', 'ignoreUnknownIndexOptions', 'isTimeseriesNamespace', 'collectionUUID'],
  },
  dropIndexes: { canonical: 'dropIndexes', fields: ['dropIndexes', 'index', 'collectionUUID', 'isTimeseriesNamespace'] },
  listIndexes: {
    canonical: 'listIndexes',
    fields: ['listIndexes', 'cursor', 'includeBuildUUIDs', 'includeIndexBuildInfo', 'collectionUUID', 'isTimeseriesNamespace'],
  },
  listCollections: {
    canonical: 'listCollections',
    fields: ['listCollections', 'filter', 'nameOnly', 'authorizedCollections', 'cursor', 'includePendingDrops'],
  },
  renameCollection: { canonical: 'renameCollection', fields: ['renameCollection', 'to', 'dropTarget', 'stayTemp', 'collectionUUID'] },
  dbStats: { canonical: 'dbStats', fields: ['dbStats', 'scale', 'freeStorage'] },
};
commandFields['findandmodify'] = commandFields['findAndModify']!;

const statementFields: Record<string, { array: string; fields: Set<string> }> = {
  update: {
    array: 'updates',
    fields: new Set(['q', 'u', 'c', 'arrayFilters', 'hint', 'multi', 'upsert', 'upsertSupplied', 'collation', 'sampleId']),
  },
  delete: { array: 'deletes', fields: new Set(['q', 'limit', 'hint', 'collation', 'sampleId']) },
};

const allowed = new Map(
  Object.entries(commandFields).map(([name, { canonical, fields }]) => [
    name,
    { canonical, fields: new Set([...genericFields, ...fields]) },
  ]),
);

function unknownField(path: string): CommandError {
  return new CommandError(ErrorCode.UnknownField, `BSON field '${path}' is an unknown field.`);
}

/** Throws MongoDB's IDLUnknownField error for a field the named command (or one of its statements) does not accept. */
export function checkCommandFields(name: string, body: Doc): void {
  const spec = allowed.get(name);
  if (!spec) return;
  for (const field of Object.keys(body)) if (!spec.fields.has(field)) throw unknownField(`${spec.canonical}.${field}`);
  const statements = statementFields[name];
  if (!statements || !Array.isArray(body[statements.array])) return;
  for (const statement of body[statements.array] as unknown[]) {
    if (!isPlainObject(statement)) continue;
    for (const field of Object.keys(statement)) {
      if (!statements.fields.has(field)) throw unknownField(`${spec.canonical}.${statements.array}.${field}`);
    }
  }
}
