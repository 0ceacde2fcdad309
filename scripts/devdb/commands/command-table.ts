import { adminCommands } from './admin.ts';
import { aggregateCommands } from './aggregate.ts';
import { catalogCommands } from './catalog.ts';
import type { CommandHandler } from './context.ts';
import { countCommands } from './count-distinct.ts';
import { deleteCommands } from './delete.ts';
import { explainCommands } from './explain.ts';
import { findCommands } from './find.ts';
import { findAndModifyCommands } from './find-and-modify.ts';
import { handshakeCommands } from './handshake.ts';
import { indexCommands } from './index-commands.ts';
import { insertCommands } from './insert.ts';
import { transactionCommands } from './transactions.ts';
import { updateCommands } from './update.ts';

/** Every command the devdb answers, by the name a client sends as the body's first field. */
export const commandTable: ReadonlyMap<string, CommandHandler> = new Map(
  Object.entries({
    ...handshakeCommands,
    ...findCommands,
    ...countCommands,
    ...insertCommands,
    ...updateCommands,
    ...deleteCommands,
    ...findAndModifyCommands,
    ...aggregateCommands,
    ...indexCommands,
    ...catalogCommands,
    ...adminCommands,
    ...explainCommands,
    ...transactionCommands,
  }),
);
