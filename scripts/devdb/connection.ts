import type { Socket } from 'node:net';
import type { Doc } from './bsonValues.ts';
import { errorReply, toCommandError } from './errors.ts';
import type { ConnectionContext } from './runCommand.ts';
import { runCommand } from './runCommand.ts';
import { encodeOpMsg, encodeOpReply, FrameReader, OpCode, parseMessage, ProtocolError } from './wire.ts';

let nextResponseId = 1;

/** Optional hook to see every command and reply (e.g. `devdb --verbose`). */
export type CommandLogger = (command: Doc, reply: Doc, connectionId: number) => void;

/**
 * Serves one client socket: frames the byte stream, runs each command in arrival order and writes
 * the reply (OP_MSG, or OP_REPLY for the legacy OP_QUERY handshake; none when the client set
 * moreToCome). Anything malformed closes this socket only; the server keeps running.
 */
export function serveConnection(socket: Socket, connection: ConnectionContext, log?: CommandLogger): void {
  const reader = new FrameReader();
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const frame of reader.push(chunk)) {
        const command = parseMessage(frame);
        const reply = runCommand(command.body, command.database, connection);
        log?.(command.body, reply, connection.connectionId);
        if (command.moreToCome || socket.destroyed) continue;
        const responseId = nextResponseId++ & 0x7fffffff;
        const encode = (doc: Doc): Buffer =>
          command.opCode === OpCode.QUERY
            ? encodeOpReply(doc, responseId, command.requestId)
            : encodeOpMsg(doc, responseId, command.requestId);
        let bytes: Buffer;
        try {
          bytes = encode(reply);
        } catch (error) {
          // e.g. a single result document larger than BSON allows: report it, keep the connection.
          bytes = encode(errorReply(toCommandError(error)));
        }
        socket.write(bytes);
      }
    } catch (error) {
      // A protocol violation or undecodable BSON: we cannot tell where the next message starts.
      const reason = error instanceof ProtocolError ? error.message : `undecodable message: ${String(error)}`;
      socket.destroy(new ProtocolError(reason));
    }
  });
  socket.on('error', () => {
    // Resets and our own destroy(reason) land here; the socket is closed either way.
  });
}
