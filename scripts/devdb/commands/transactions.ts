import { CommandError, ErrorCode } from '../errors.ts';
import type { CommandHandler } from './context.ts';

/**
 * The error for anything transactional: CommandNotSupported. Not IllegalOperation (20), which a
 * standalone MongoDB answers: the driver rewrites code 20 on writes into a misleading hint about
 * retryable writes, and our message would be lost.
 */
export function transactionsNotSupported(): CommandError {
  return new CommandError(
    ErrorCode.CommandNotSupported,
    'devdb does not support transactions (startTransaction/commitTransaction/abortTransaction): it is a standalone server; run against a MongoDB replica set to use them',
  );
}

const refuse: CommandHandler = () => {
  throw transactionsNotSupported();
};

export const transactionCommands: Record<string, CommandHandler> = { commitTransaction: refuse, abortTransaction: refuse };
