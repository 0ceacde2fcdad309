import type { Doc } from '../bson-values.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { checkHint, filterOf, projectDocuments, selectDocuments } from '../select.ts';
import { updatedDocument, updateSpecOf, upsertDocument } from '../updates.ts';
import { letVariablesOf } from '../variables.ts';
import type { CommandHandler } from './context.ts';
import { booleanOf, collectionNameOf } from './names.ts';
import { arrayFiltersOf } from './update.ts';

/**
 * `findAndModify` (findOneAndUpdate / findOneAndReplace / findOneAndDelete): picks the first match in
 * `sort` order, removes or updates it (or upserts), and returns the document before or — with
 * `new` — after the change, projected by `fields`, plus `lastErrorObject`.
 */
const findAndModify: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'findAndModify' in body ? 'findAndModify' : 'findandmodify');
  const filter = filterOf(body['query'], 'query');
  const remove = booleanOf(body, 'remove', false);
  const returnNew = booleanOf(body, 'new', false);
  const upsert = booleanOf(body, 'upsert', false);
  const bypassValidation = booleanOf(body, 'bypassDocumentValidation', false);
  if (remove && body['update'] !== undefined)
    throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both an update and remove=true');
  if (!remove && body['update'] === undefined)
    throw new CommandError(ErrorCode.FailedToParse, 'Either an update or remove=true must be specified');
  if (remove && (upsert || returnNew))
    throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both upsert=true and remove=true, or new=true and remove=true');

  const existing = context.storage.find(context.database, name);
  const variables = letVariablesOf(body['let']);
  checkHint(existing, body['hint']);
  const [doc] = selectDocuments(existing, filter, { sort: body['sort'], limit: 1, collation: body['collation'], variables }).docs;
  const project = (value: Doc | undefined): Doc | null => (value ? (projectDocuments([value], body['fields'], filter)[0] ?? null) : null);

  if (remove) {
    if (doc) existing!.remove(doc);
    return { lastErrorObject: { n: doc ? 1 : 0 }, value: project(doc) };
  }
  const spec = updateSpecOf(body['update']);
  const arrayFilters = arrayFiltersOf(body['arrayFilters']);
  if (doc) {
    const next = updatedDocument(doc, spec, { filter, arrayFilters, variables });
    if (next !== doc) existing!.replace(doc, next, { bypassValidation });
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(returnNew ? next : doc) };
  }
  if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
  const { collection } = context.storage.obtain(context.database, name);
  const inserted = collection.insert(upsertDocument(filter, spec, { filter, arrayFilters, variables }), { bypassValidation });
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted['_id'] },
    value: returnNew ? project(inserted) : null,
  };
};

export const findAndModifyCommands: Record<string, CommandHandler> = { findAndModify, findandmodify: findAndModify };
