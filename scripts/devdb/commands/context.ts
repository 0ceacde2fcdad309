import type { Doc } from '../bson-values.ts';
import type { CursorRegistry } from '../cursors.ts';
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
};

/** Runs one command; returns the reply without `ok` (added by the dispatcher) or throws a CommandError. */
export type CommandHandler = (body: Doc, context: CommandContext) => Doc;
