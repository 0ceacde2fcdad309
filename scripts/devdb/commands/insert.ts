import type { CommandHandler } from './context.ts';
import { booleanOf, collectionNameOf } from './names.ts';
import { runStatements, statementsOf } from './write-errors.ts';

/**
 * `insert`: stores each document (ObjectId `_id` added first when missing). Ordered batches stop at
 * the first error; unordered ones insert every document they can. Failures (duplicate keys,
 * validation) are per-document `writeErrors` with the statement index.
 */
const insert: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'insert');
  const documents = statementsOf(body, 'documents');
  const bypassValidation = booleanOf(body, 'bypassDocumentValidation', false);
  const { collection } = context.storage.obtain(context.database, name);
  let n = 0;
  const writeErrors = runStatements(documents, booleanOf(body, 'ordered', true), (doc) => {
    collection.insert(doc, { bypassValidation });
    n += 1;
  });
  return writeErrors.length > 0 ? { n, writeErrors } : { n };
};

export const insertCommands: Record<string, CommandHandler> = { insert };
