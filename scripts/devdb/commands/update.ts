import type { Doc } from '../bson-values.ts';
import { isPlainObject } from '../bson-values.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { checkHint, filterOf, selectDocuments } from '../select.ts';
import { updatedDocument, updateSpecOf, upsertDocument } from '../updates.ts';
import { letVariablesOf } from '../variables.ts';
import type { CommandContext, CommandHandler } from './context.ts';
import { booleanOf, collectionNameOf } from './names.ts';
import { runStatements, statementsOf } from './write-errors.ts';

/** Reads `arrayFilters`, which must be an array of documents. */
export function arrayFiltersOf(value: unknown): Doc[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw new CommandError(ErrorCode.TypeMismatch, 'arrayFilters must be an array of objects');
  }
  return value;
}

type Outcome = { matched: number; modified: number; upsertedId?: unknown };

/** Runs one update statement (`{ q, u, upsert, multi, arrayFilters, collation }`). */
function runUpdateStatement(
  statement: Doc,
  name: string,
  context: CommandContext,
  bypassValidation: boolean,
  variables: Record<string, unknown> | undefined,
): Outcome {
  const filter = filterOf(statement['q'], 'q');
  const spec = updateSpecOf(statement['u']);
  // `c`: constants of this statement, `$$name` in a pipeline update (and its filter's $expr).
  if (statement['c'] !== undefined) {
    if (!Array.isArray(spec)) throw new CommandError(ErrorCode.FailedToParse, 'Constant values may only be specified for pipeline updates');
    variables = { ...variables, ...letVariablesOf(statement['c']) };
  }
  const multi = statement['multi'] === true;
  const upsert = statement['upsert'] === true;
  const arrayFilters = arrayFiltersOf(statement['arrayFilters']);
  if (multi && !Array.isArray(spec) && !Object.keys(spec).some((key) => key.startsWith('$')) && Object.keys(spec).length > 0) {
    throw new CommandError(ErrorCode.FailedToParse, 'multi update is not supported for replacement-style update');
  }
  const existing = context.storage.find(context.database, name);
  checkHint(existing, statement['hint']);
  const { docs } = selectDocuments(existing, filter, { limit: multi ? 0 : 1, collation: statement['collation'], variables });
  if (docs.length === 0) {
    if (!upsert) return { matched: 0, modified: 0 };
    const { collection } = context.storage.obtain(context.database, name);
    const inserted = collection.insert(upsertDocument(filter, spec, { filter, arrayFilters, variables }), { bypassValidation });
    return { matched: 0, modified: 0, upsertedId: inserted['_id'] };
  }
  let modified = 0;
  for (const doc of docs) {
    const next = updatedDocument(doc, spec, { filter, arrayFilters, variables });
    if (next !== doc) {
      existing!.replace(doc, next, { bypassValidation });
      modified += 1;
    }
  }
  return { matched: docs.length, modified };
}

/**
 * `update`: operator, replacement and pipeline updates, `multi`, `upsert` (reported in `upserted`
 * with the statement index) and `arrayFilters`; `n` counts matched plus upserted documents.
 */
const update: CommandHandler = (body, context) => {
  const name = collectionNameOf(body, 'update');
  const statements = statementsOf(body, 'updates');
  const bypassValidation = booleanOf(body, 'bypassDocumentValidation', false);
  const variables = letVariablesOf(body['let']);
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors = runStatements(statements, booleanOf(body, 'ordered', true), (statement, index) => {
    const outcome = runUpdateStatement(statement, name, context, bypassValidation, variables);
    n += outcome.matched;
    nModified += outcome.modified;
    if (outcome.upsertedId !== undefined) {
      n += 1;
      upserted.push({ index, _id: outcome.upsertedId });
    }
  });
  return {
    n,
    nModified,
    ...(upserted.length > 0 ? { upserted } : {}),
    ...(writeErrors.length > 0 ? { writeErrors } : {}),
  };
};

export const updateCommands: Record<string, CommandHandler> = { update };
