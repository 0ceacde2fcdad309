import { CommandError, ErrorCode } from '../errors.ts';
import { checkHint, filterOf, selectDocuments } from '../select.ts';
import { letVariablesOf } from '../variables.ts';
import type { CommandHandler } from './context.ts';
import { booleanOf, collectionNameOf } from './names.ts';
import { runStatements, statementsOf } from './write-errors.ts';

/** `delete`: each statement `{ q, limit: 0 | 1, collation }` removes all or the first matching document. */
const deleteCommand: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'delete');
  const statements = statementsOf(body, 'deletes');
  const collection = context.storage.find(context.database, name);
  const variables = letVariablesOf(body['let']);
  let n = 0;
  const writeErrors = runStatements(statements, booleanOf(body, 'ordered', true), (statement) => {
    const limit = statement['limit'] ?? 0;
    if (limit !== 0 && limit !== 1)
      throw new CommandError(ErrorCode.FailedToParse, `The limit field in delete objects must be 0 or 1. Got ${String(limit)}`);
    checkHint(collection, statement['hint']);
    const { docs } = selectDocuments(collection, filterOf(statement['q'], 'q'), { limit, collation: statement['collation'], variables });
    for (const doc of docs) collection!.remove(doc);
    n += docs.length;
  });
  return writeErrors.length > 0 ? { n, writeErrors } : { n };
};

export const deleteCommands: Record<string, CommandHandler> = { delete: deleteCommand };
