import type { Doc } from './bson-values.ts';

/**
 * MongoDB server error codes the devdb answers with. Numbers and names are MongoDB's own
 * (src/mongo/base/error_codes.yml) so drivers and mongoose react exactly as they do against a real server.
 */
export const ErrorCode = {
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  DocumentValidationFailure: 121,
  InvalidPipelineOperator: 168,
  DuplicateKey: 11000,
  UnrecognizedPipelineStage: 40324,
  UnknownField: 40415,
  MaxTimeMSExpired: 50,
  DollarPrefixedFieldName: 52,
  IllegalOperation: 20,
  Unauthorized: 13,
  MergeStageNoMatchingDocument: 13113,
  MergeOnFieldsNotUnique: 51183,
  MergeOnFieldMissing: 51132,
  StageNotLast: 40601,
  StageNotFirst: 40602,
  InternalError: 1,
  HostUnreachable: 6,
  ShutdownInProgress: 91,
  PrimarySteppedDown: 189,
  TransactionTooOld: 225,
  NotWritablePrimary: 10107,
  InterruptedDueToReplStateChange: 11602,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** MongoDB's `codeName` for each code (40324 has no symbolic name upstream, hence `Location40324`). */
const codeNames: Record<number, string> = {
  2: 'BadValue',
  9: 'FailedToParse',
  14: 'TypeMismatch',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  115: 'CommandNotSupported',
  121: 'DocumentValidationFailure',
  168: 'InvalidPipelineOperator',
  11000: 'DuplicateKey',
  40324: 'Location40324',
  40415: 'Location40415',
  50: 'MaxTimeMSExpired',
  52: 'DollarPrefixedFieldName',
  20: 'IllegalOperation',
  13: 'Unauthorized',
  13113: 'MergeStageNoMatchingDocument',
  51183: 'Location51183',
  51132: 'Location51132',
  40601: 'Location40601',
  40602: 'Location40602',
  1: 'InternalError',
  6: 'HostUnreachable',
  91: 'ShutdownInProgress',
  189: 'PrimarySteppedDown',
  225: 'TransactionTooOld',
  10107: 'NotWritablePrimary',
  11602: 'InterruptedDueToReplStateChange',
};

/**
 * An error that becomes a MongoDB error reply (`{ ok: 0, errmsg, code, codeName }`) or, inside a
 * write batch, a `writeErrors` entry. `extra` carries fields such as `keyPattern`/`keyValue`.
 */
export class CommandError extends Error {
  readonly code: ErrorCode;
  readonly extra: Doc;

  constructor(code: ErrorCode, message: string, extra: Doc = {}) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    this.extra = extra;
  }

  get codeName(): string {
    return codeNames[this.code] ?? 'UnknownError';
  }
}

/** Error texts mingo throws (mostly operators it has not registered), mapped to MongoDB's code for each kind. */
const mingoErrors: ReadonlyArray<{ pattern: RegExp; code: ErrorCode; message: (name: string) => string }> = [
  {
    pattern: /unregistered pipeline operator (\$\w+)/,
    code: ErrorCode.UnrecognizedPipelineStage,
    message: (name) => `Unrecognized pipeline stage name: '${name}' (not supported by devdb)`,
  },
  {
    pattern: /unknown (?:top level |query )?operator:? (\$\w+)/i,
    code: ErrorCode.BadValue,
    message: (name) => `unknown operator: ${name} (not supported by devdb)`,
  },
  {
    pattern: /Unknown update operator: '(\$\w+)'/,
    code: ErrorCode.FailedToParse,
    message: (name) => `Unknown modifier: ${name}. Expected a valid update modifier or pipeline-style update`,
  },
  {
    pattern: /(Performing an update on the path '[^']*' would modify the immutable field '_id')/,
    code: ErrorCode.ImmutableField,
    message: (text) => text,
  },
  {
    pattern: /accumulator '(\$\w+)' is not registered/,
    code: ErrorCode.InvalidPipelineOperator,
    message: (name) => `Unrecognized expression '${name}' (not supported by devdb)`,
  },
  {
    pattern: /(\$where|\$function|\$accumulator)\b.*scriptEnabled/,
    code: ErrorCode.CommandNotSupported,
    message: (name) => `${name} is not supported by devdb (server-side JavaScript is disabled)`,
  },
];

/**
 * Turns anything thrown while running a command into a CommandError. mingo reports unknown
 * operators and malformed expressions by throwing; those become MongoDB's BadValue (2),
 * FailedToParse (9), InvalidPipelineOperator (168) or 40324 so a client sees a proper server error
 * naming the operator, never a silent wrong result.
 */
export function toCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  for (const rule of mingoErrors) {
    const match = rule.pattern.exec(message);
    if (match?.[1]) return new CommandError(rule.code, rule.message(match[1]));
  }
  if (error instanceof Error && error.constructor.name === 'MingoError') {
    return new CommandError(ErrorCode.BadValue, message);
  }
  if (error instanceof Error && error.name === 'BSONError') return new CommandError(ErrorCode.BadValue, message);
  return new CommandError(ErrorCode.InternalError, `devdb internal error: ${message}`);
}

/** The reply document for a failed command. */
export function errorReply(error: CommandError): Doc {
  return { ok: 0, errmsg: error.message, code: error.code, codeName: error.codeName, ...error.extra };
}
