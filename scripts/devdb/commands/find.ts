import { Long } from 'bson';
import type { Doc } from '../bson-values.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { checkHint, filterOf, projectForReply, selectDocuments } from '../select.ts';
import { letVariablesOf } from '../variables.ts';
import type { CommandContext, CommandHandler } from './context.ts';
import { booleanOf, collectionNameOf } from './names.ts';

/** Options of `find` that would change results in ways the devdb cannot honour; refused by name. */
const unsupportedFindOptions = ['tailable', 'awaitData', 'min', 'max', 'returnKey', 'showRecordId', 'oplogReplay'];

/** Runs the selection part of a find (shared with explain). */
export function runFind(body: Doc, context: CommandContext) {
  const name = collectionNameOf(body, 'find');
  for (const option of unsupportedFindOptions) {
    if (body[option] !== undefined && body[option] !== false) {
      throw new CommandError(ErrorCode.CommandNotSupported, `devdb does not support the find option '${option}'`);
    }
  }
  checkHint(context.storage.find(context.database, name), body['hint']);
  const rawLimit = body['limit'];
  const negativeLimit = typeof rawLimit === 'number' && rawLimit < 0;
  const selection = selectDocuments(context.storage.find(context.database, name), filterOf(body['filter']), {
    sort: body['sort'],
    skip: body['skip'],
    limit: negativeLimit ? -rawLimit : rawLimit,
    collation: body['collation'],
    variables: letVariablesOf(body['let']),
  });
  return { name, selection, singleBatch: negativeLimit || booleanOf(body, 'singleBatch', false) };
}

/** `find`: filter, sort, skip, limit, projection, batchSize and singleBatch, answered with a cursor. */
const find: CommandHandler = (body, context) => {
  const { name, selection, singleBatch } = runFind(body, context);
  const { docs, encoded } = projectForReply(selection.docs, body['projection'], filterOf(body['filter']));
  const cursor = context.cursors.open(`${context.database}.${name}`, docs, { batchSize: body['batchSize'], singleBatch, encoded });
  return { cursor };
};

function cursorIdOf(value: unknown): Long {
  if (value instanceof Long) return value;
  if (typeof value === 'number' && Number.isInteger(value)) return Long.fromNumber(value);
  throw new CommandError(ErrorCode.TypeMismatch, 'cursor id must be a 64-bit integer');
}

/** `getMore`: the next batch of a cursor opened by find, aggregate, listCollections or listIndexes. */
const getMore: CommandHandler = (body, context) => {
  const name = body['collection'];
  if (typeof name !== 'string') throw new CommandError(ErrorCode.TypeMismatch, "getMore needs a 'collection' string");
  return { cursor: context.cursors.more(cursorIdOf(body['getMore']), `${context.database}.${name}`, body['batchSize']) };
};

/** `killCursors`: closes cursors the client abandons (e.g. a `limit` reached client-side). */
const killCursors: CommandHandler = (body, context) => {
  collectionNameOf(body, 'killCursors');
  const ids = body['cursors'];
  if (!Array.isArray(ids)) throw new CommandError(ErrorCode.TypeMismatch, "killCursors needs a 'cursors' array");
  const { cursorsKilled, cursorsNotFound } = context.cursors.kill(ids.map(cursorIdOf));
  return { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [] };
};

export const findCommands: Record<string, CommandHandler> = { find, getMore, killCursors };
