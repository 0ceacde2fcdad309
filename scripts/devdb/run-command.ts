import type { Doc } from './bson-values.ts';
import { checkCommandFields } from './commands/command-fields.ts';
import { commandTable } from './commands/command-table.ts';
import type { CommandContext } from './commands/context.ts';
import { transactionsNotSupported } from './commands/transactions.ts';
import { CommandError, ErrorCode, errorReply, toCommandError } from './errors.ts';
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
    return { ...withTimeBudget(budget, () => handler(body, { ...connection, database: db })), ok: 1 };
  } catch (error) {
    return errorReply(toCommandError(error));
  }
}
