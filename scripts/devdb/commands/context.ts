import type { Doc } from '../bson-values.ts';
import type { CursorRegistry } from '../cursors.ts';
import type { FailPoints } from '../fail-points.ts';
import type { RetryableWrites } from '../retryable-writes.ts';
import type { Storage } from '../storage.ts';

/** What a command handler may use: the server's data and cursors, and who is asking. */
export type CommandContext = {
  readonly storage: Storage;
  readonly cursors: CursorRegistry;
  /** The database the command runs in (`$db`, or the OP_QUERY namespace). */
  readonly database: string;
  /** Sequential id of the client connection, reported by `hello`. */
  readonly connectionId: number;
  /** `host:port` of the client, for `whatsmyuri`. */
  readonly client: string;
  /** Time budget of a command without `maxTimeMS`, in ms (Infinity: none). */
  readonly defaultMaxTimeMS: number;
  /** The server's fail points (`configureFailPoint`). */
  readonly failPoints: FailPoints;
  /** The latest retryable write of each session, answered again to its retry. */
  readonly retryableWrites: RetryableWrites;
  /**
   * Set when the server presents itself as the primary of a one-member replica set of this name (so drivers
   * retry writes, as against production's replica set); `me` is the address the client reached it at.
   */
  readonly replicaSet?: { readonly name: string; readonly me: string };
  /** Per-connection state: the application name the client gave in its handshake (fail points may target it). */
  readonly peer: { appName?: string };
};

/** Runs one command; returns the reply without `ok` (added by the dispatcher) or throws a CommandError. */
export type CommandHandler = (body: Doc, context: CommandContext) => Doc;
