import type { Doc } from '../bson-values.ts';
import { CommandError, ErrorCode, toCommandError } from '../errors.ts';

/** A `writeErrors` entry: the failing statement's index plus MongoDB's code, message and extras. */
export function writeErrorOf(index: number, error: unknown): Doc {
  const failure = toCommandError(error);
  return { index, code: failure.code, codeName: failure.codeName, errmsg: failure.message, ...failure.extra };
}

/**
 * Runs a batch of write statements as MongoDB does: each failure becomes a `writeErrors` entry;
 * an ordered batch stops at the first failure, an unordered one carries on. Errors other than
 * CommandError (bugs) still propagate as a failed command.
 */
export function runStatements<T>(statements: readonly T[], ordered: boolean, run: (statement: T, index: number) => void): Doc[] {
  const writeErrors: Doc[] = [];
  for (let index = 0; index < statements.length; index++) {
    try {
      run(statements[index]!, index);
    } catch (error) {
      const failure = toCommandError(error);
      if (!(error instanceof CommandError) && failure.codeName === 'InternalError') throw error;
      writeErrors.push(writeErrorOf(index, failure));
      if (ordered) break;
    }
  }
  return writeErrors;
}

/** Reads a batch's statements array, refusing non-documents. */
export function statementsOf(body: Doc, field: string): Doc[] {
  const statements = body[field];
  if (!Array.isArray(statements) || !statements.every((s) => s !== null && typeof s === 'object' && !Array.isArray(s))) {
    throw new CommandError(ErrorCode.FailedToParse, `'${field}' must be an array of documents`);
  }
  if (statements.length > 100_000)
    throw new CommandError(ErrorCode.BadValue, `write batch of ${statements.length} exceeds maxWriteBatchSize 100000`);
  return statements as Doc[];
}
