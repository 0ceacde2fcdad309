import type { Doc } from './bson-values.ts';
import { isPlainObject } from './bson-values.ts';
import { CommandError, ErrorCode } from './errors.ts';

/** The write commands a driver retries with the same `lsid` and `txnNumber` (the retryable-writes specification). */
const RETRYABLE_WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);

/** Sessions remembered at most; the oldest is forgotten first (MongoDB expires them after 30 idle minutes). */
const MAX_SESSIONS = 10_000;

type Executed = { txnNumber: bigint; reply: Doc };

/** The session id a driver sends (`lsid: { id: UUID }`) as a map key. */
function sessionKey(lsid: unknown): string | undefined {
  if (!isPlainObject(lsid)) return undefined;
  const id = lsid['id'] as { toString?: (encoding: string) => string } | undefined;
  return typeof id?.toString === 'function' ? id.toString('hex') : undefined;
}

function txnNumberOf(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  const long = value as { toBigInt?: () => bigint } | undefined;
  return typeof long?.toBigInt === 'function' ? long.toBigInt() : undefined;
}

/**
 * What makes a retried write idempotent, as on a replica set: the reply of each session's latest retryable write
 * (`lsid` + `txnNumber`), answered again — without writing again — when the same write arrives a second time
 * because its first reply was lost (a dropped connection, a write-concern error during an election).
 */
export class RetryableWrites {
  readonly #executed = new Map<string, Executed>();

  /** Runs `execute` once per (session, txnNumber); a repeat answers the first run's reply. */
  run(commandName: string, body: Doc, execute: () => Doc): Doc {
    const session = RETRYABLE_WRITE_COMMANDS.has(commandName) ? sessionKey(body['lsid']) : undefined;
    const txnNumber = session === undefined ? undefined : txnNumberOf(body['txnNumber']);
    if (session === undefined || txnNumber === undefined) return execute();
    const previous = this.#executed.get(session);
    if (previous && previous.txnNumber === txnNumber) return previous.reply;
    if (previous && previous.txnNumber > txnNumber) {
      throw new CommandError(
        ErrorCode.TransactionTooOld,
        `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${previous.txnNumber} has already started on this session.`,
      );
    }
    const reply = execute();
    // A failed write is not recorded: its retry runs it again, as MongoDB retries a write that did not happen.
    if (reply['ok'] === 1) {
      this.#executed.delete(session);
      this.#executed.set(session, { txnNumber, reply });
      if (this.#executed.size > MAX_SESSIONS) this.#executed.delete(this.#executed.keys().next().value as string);
    }
    return reply;
  }
}
