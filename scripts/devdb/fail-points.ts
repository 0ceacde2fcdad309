import type { Doc } from './bson-values.ts';
import { isPlainObject } from './bson-values.ts';
import { CommandError, ErrorCode } from './errors.ts';

/**
 * What an armed `failCommand` fail point does to one command, as MongoDB's own (the one drivers' test suites
 * use to stage elections and network failures):
 * https://github.com/mongodb/mongo/wiki/The-%22failCommand%22-fail-point
 */
export type InjectedFailure = {
  /** Answer `{ ok: 0, code }` without running the command. */
  readonly errorCode?: number;
  /** Labels on that error reply (`RetryableWriteError`, …). */
  readonly errorLabels?: readonly string[];
  /** Close the connection without answering (before running the command, as MongoDB does). */
  readonly closeConnection: boolean;
  /**
   * devdb's own extension: with `closeConnection`, run the command first and close the connection instead of
   * answering, so the client cannot tell whether its write landed (the reply lost in a network cut).
   */
  readonly afterExecution: boolean;
  /** Run the command, then add this `writeConcernError` to its reply (a write applied, its durability unknown). */
  readonly writeConcernError?: Doc;
};

type Armed = { mode: 'alwaysOn' } | { mode: 'times'; remaining: number } | { mode: 'skip'; skip: number };

type FailCommandPoint = {
  armed: Armed;
  commands: ReadonlySet<string>;
  appName?: string;
  failure: InjectedFailure;
};

function readMode(mode: unknown): Armed | 'off' {
  if (mode === 'off') return 'off';
  if (mode === 'alwaysOn') return { mode: 'alwaysOn' };
  if (isPlainObject(mode) && typeof mode['times'] === 'number' && mode['times'] >= 0) return { mode: 'times', remaining: mode['times'] };
  if (isPlainObject(mode) && typeof mode['skip'] === 'number' && mode['skip'] >= 0) return { mode: 'skip', skip: mode['skip'] };
  throw new CommandError(ErrorCode.BadValue, `'mode' must be "off", "alwaysOn", { times: N } or { skip: N }, got ${JSON.stringify(mode)}`);
}

function readFailure(data: Doc): InjectedFailure {
  const errorCode = data['errorCode'];
  const labels = data['errorLabels'];
  const writeConcernError = data['writeConcernError'];
  return {
    ...(typeof errorCode === 'number' ? { errorCode } : {}),
    ...(Array.isArray(labels) ? { errorLabels: labels.map(String) } : {}),
    closeConnection: data['closeConnection'] === true,
    afterExecution: data['afterExecution'] === true,
    ...(isPlainObject(writeConcernError) ? { writeConcernError } : {}),
  };
}

/**
 * The fail points of one devdb server, set by `configureFailPoint` (admin database) and consulted before each
 * command. Only `failCommand` exists: the failures a replica set produces during an election or a network cut.
 */
export class FailPoints {
  #failCommand: FailCommandPoint | undefined;

  /** `configureFailPoint: 'failCommand', mode, data: { failCommands, errorCode, errorLabels, closeConnection, … }`. */
  configure(body: Doc, database: string): Doc {
    if (database !== 'admin')
      throw new CommandError(ErrorCode.Unauthorized, 'configureFailPoint may only be run against the admin database.');
    const name = body['configureFailPoint'];
    if (name !== 'failCommand')
      throw new CommandError(ErrorCode.BadValue, `devdb has only the failCommand fail point, not '${String(name)}'`);
    const mode = readMode(body['mode']);
    if (mode === 'off') {
      this.#failCommand = undefined;
      return { count: 0 };
    }
    const data = isPlainObject(body['data']) ? body['data'] : {};
    const commands = data['failCommands'];
    if (!Array.isArray(commands) || commands.length === 0) {
      throw new CommandError(
        ErrorCode.BadValue,
        "failCommand needs data.failCommands, the names of the commands to fail (['insert', 'update'])",
      );
    }
    const appName = data['appName'];
    this.#failCommand = {
      armed: mode,
      commands: new Set(commands.map(String)),
      ...(typeof appName === 'string' ? { appName } : {}),
      failure: readFailure(data),
    };
    return { count: 0 };
  }

  /** The failure to inject into this command, counting it against the fail point's mode; none when it does not apply. */
  intercept(commandName: string, appName: string | undefined): InjectedFailure | undefined {
    const point = this.#failCommand;
    if (!point || !point.commands.has(commandName)) return undefined;
    if (point.appName !== undefined && point.appName !== appName) return undefined;
    const { armed } = point;
    if (armed.mode === 'skip') {
      if (armed.skip > 0) {
        armed.skip -= 1;
        return undefined;
      }
      return point.failure;
    }
    if (armed.mode === 'times') {
      if (armed.remaining === 0) return undefined;
      armed.remaining -= 1;
      if (armed.remaining === 0) this.#failCommand = undefined;
    }
    return point.failure;
  }
}
