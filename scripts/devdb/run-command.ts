import type { Doc } from './bson-values.ts';
import { checkCommandFields } from './commands/command-fields.ts';
import { commandTable } from './commands/command-table.ts';
import type { CommandContext } from './commands/context.ts';
import { transactionsNotSupported } from './commands/transactions.ts';
import { CommandError, ErrorCode, errorReply, toCommandError } from './errors.ts';
import type { InjectedFailure } from './fail-points.ts';
import { maxTimeMSOf, withTimeBudget } from './time-budget.ts';

/** Who sent a command and where: everything but the database, which each command names itself. */
export type ConnectionContext = Omit<CommandContext, 'database'>;

/**
 * Runs one command document and returns the reply, `ok: 1` on success or MongoDB's error shape
 * (`ok: 0, errmsg, code, codeName`) on failure. Never throws. Session and routing fields (`lsid`,
 * `$db`, `$readPreference`, `txnNumber`, `apiVersion`, `$clusterTime`) are accepted and ignored;
 * starting a transaction is refused as a standalone MongoDB refuses it.
 */
export function runCommand(body: Doc, database: string | undefined, connection: ConnectionContext): Doc {
  try {
    const name = Object.keys(body)[0];
    if (name === undefined) throw new CommandError(ErrorCode.FailedToParse, 'empty command document');
    const db = typeof body['$db'] === 'string' ? body['$db'] : database;
    if (db === undefined) throw new CommandError(ErrorCode.FailedToParse, `command ${name} has no '$db' field`);
    if (body['startTransaction'] === true || body['autocommit'] === false) throw transactionsNotSupported();
    const handler = commandTable.get(name);
    if (!handler) throw new CommandError(ErrorCode.CommandNotFound, `no such command: '${name}' (not supported by devdb)`);
    checkCommandFields(name, body);
    const budget = maxTimeMSOf(body['maxTimeMS']) ?? connection.defaultMaxTimeMS;
    return connection.retryableWrites.run(name, body, () => ({
      ...withTimeBudget(budget, () => handler(body, { ...connection, database: db })),
      ok: 1,
    }));
  } catch (error) {
    return errorReply(toCommandError(error));
  }
}

/** A command's reply, or that the connection is to be closed instead of answering (an injected network cut). */
export type CommandOutcome = { readonly reply: Doc; readonly closeConnection: boolean };

function injectedError(failure: InjectedFailure & { errorCode: number }, name: string): Doc {
  const reply = errorReply(new CommandError(failure.errorCode as ErrorCode, `Failing command ${name} via 'failCommand' failpoint`));
  return failure.errorLabels ? { ...reply, errorLabels: [...failure.errorLabels] } : reply;
}

/** A write-concern error goes on a reply whose write was applied; its labels travel at the top level, as MongoDB sends them. */
function withWriteConcernError(reply: Doc, writeConcernError: Doc): Doc {
  const { errorLabels, ...error } = writeConcernError;
  return {
    ...reply,
    writeConcernError: { errmsg: 'Failing command via failCommand failpoint', ...error },
    ...(Array.isArray(errorLabels) ? { errorLabels } : {}),
  };
}

/**
 * Runs one command as {@link runCommand} does, after the `failCommand` fail point has had its say: an error
 * reply instead of running it, a closed connection before or after running it, or a write-concern error on its
 * reply. The handshake records the client's application name, which a fail point may target.
 */
export function serveCommand(body: Doc, database: string | undefined, connection: ConnectionContext): CommandOutcome {
  const name = Object.keys(body)[0] ?? '';
  const client = body['client'] as { application?: { name?: unknown } } | undefined;
  if (typeof client?.application?.name === 'string') connection.peer.appName = client.application.name;
  const failure = connection.failPoints.intercept(name, connection.peer.appName);
  if (!failure) return { reply: runCommand(body, database, connection), closeConnection: false };
  if (failure.closeConnection && !failure.afterExecution) return { reply: {}, closeConnection: true };
  const { errorCode } = failure;
  if (errorCode !== undefined && !failure.closeConnection)
    return { reply: injectedError({ ...failure, errorCode }, name), closeConnection: false };
  const reply = runCommand(body, database, connection);
  if (failure.closeConnection) return { reply, closeConnection: true };
  return { reply: failure.writeConcernError ? withWriteConcernError(reply, failure.writeConcernError) : reply, closeConnection: false };
}
