import type { Doc } from './bson-values.ts';
import { isPlainObject, keyOf } from './bson-values.ts';
import type { IndexSpec } from './indexes.ts';
import type { JournalRecord } from './journal.ts';
import type { Storage } from './storage.ts';

function text(record: JournalRecord, field: string): string {
  const value = record[field];
  if (typeof value !== 'string') throw new Error(`devdb journal: record '${record.op}' lacks '${field}'`);
  return value;
}

/**
 * Re-applies one journal record to the storage being rebuilt at start (the journal is not attached
 * yet, so nothing is recorded twice). Validators are bypassed: the write was valid when made.
 */
export function applyRecord(storage: Storage, record: JournalRecord): void {
  const db = text(record, 'db');
  const collectionOf = () => storage.obtain(db, text(record, 'coll')).collection;
  switch (record.op) {
    case 'create':
      storage.create(db, text(record, 'coll'), isPlainObject(record['options']) ? record['options'] : {});
      return;
    case 'drop':
      storage.drop(db, text(record, 'coll'));
      return;
    case 'dropDatabase':
      storage.dropDatabase(db);
      return;
    case 'rename':
      storage.rename(db, text(record, 'coll'), text(record, 'toDb'), text(record, 'to'), true);
      return;
    case 'options':
      collectionOf().setOptions(isPlainObject(record['options']) ? record['options'] : {});
      return;
    case 'insert':
      collectionOf().insert(record['doc'] as Doc, { bypassValidation: true });
      return;
    case 'replace': {
      const next = record['doc'] as Doc;
      const collection = collectionOf();
      const current = collection.get(keyOf(next['_id']));
      if (current) collection.replace(current, next, { bypassValidation: true });
      return;
    }
    case 'remove': {
      const collection = collectionOf();
      const current = collection.get(keyOf(record['id']));
      if (current) collection.remove(current);
      return;
    }
    case 'createIndex':
      collectionOf().createIndex(record['spec'] as IndexSpec);
      return;
    case 'dropIndex':
      collectionOf().dropIndex(text(record, 'name'));
      return;
    case 'dropIndexes':
      collectionOf().dropAllIndexes();
      return;
    default:
      throw new Error(`devdb journal: unknown record '${record.op}'`);
  }
}
