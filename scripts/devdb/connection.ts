import type { Socket } from 'node:net';
import type { Doc } from './bson-values.ts';
import { errorReply, toCommandError } from './errors.ts';
import type { ConnectionContext } from './run-command.ts';
import { serveCommand } from './run-command.ts';
import { encodeOpMsg, encodeOpReply, FrameReader, OpCode, parseMessage, ProtocolError } from './wire.ts';

let nextResponseId = 1;

/** Optional hook to see every command and reply (e.g. `devdb --verbose`). */
export type CommandLogger = (command: Doc, reply: Doc, connectionId: number) => void;

/**
 * Limits that keep one misbehaving client from holding the server's memory: bytes of incomplete
 * messages buffered across all connections, and how long one message may take to arrive in full.
 */
export type ConnectionLimits = {
  /** Shared by every connection of a server: bytes of incomplete messages buffered now. */
  readonly buffered: { bytes: number };
  /** Cap on `buffered.bytes`; the connection that would exceed it is closed. */
  readonly maxBufferedBytes: number;
  /** A message must arrive in full within this many ms of its first byte, or the connection is closed. */
  readonly incompleteMessageTimeoutMs: number;
};

/**
 * Serves one client socket: frames the byte stream, runs each command in arrival order and writes
 * the reply (OP_MSG, or OP_REPLY for the legacy OP_QUERY handshake; none when the client set
 * moreToCome). Anything malformed closes this socket only; the server keeps running.
 */
export function serveConnection(socket: Socket, connection: ConnectionContext, limits: ConnectionLimits, log?: CommandLogger): void {
  const reader = new FrameReader();
  socket.setNoDelay(true);
  let accounted = 0;
  let incompleteTimer: NodeJS.Timeout | undefined;
  // Keeps the shared count of buffered bytes in step with this connection's reader, and closes a
  // connection that would push it over the cap or whose message is not complete in time.
  const account = (): void => {
    limits.buffered.bytes += reader.pendingBytes - accounted;
    accounted = reader.pendingBytes;
    if (accounted === 0) {
      clearTimeout(incompleteTimer);
      incompleteTimer = undefined;
    } else if (!incompleteTimer) {
      incompleteTimer = setTimeout(() => {
        socket.destroy(new ProtocolError(`message not complete within ${limits.incompleteMessageTimeoutMs} ms`));
      }, limits.incompleteMessageTimeoutMs);
      incompleteTimer.unref();
    }
  };
  const release = (): void => {
    clearTimeout(incompleteTimer);
    limits.buffered.bytes -= accounted;
    accounted = 0;
  };
  socket.on('close', release);
  socket.on('data', (chunk: Buffer) => {
    if (socket.destroyed) return;
    if (limits.buffered.bytes + chunk.length > limits.maxBufferedBytes && reader.pendingBytes + chunk.length > 16 * 1024) {
      socket.destroy(new ProtocolError(`devdb buffers at most ${limits.maxBufferedBytes} bytes of incomplete messages`));
      return;
    }
    try {
      for (const frame of reader.push(chunk)) {
        const command = parseMessage(frame);
        const { reply, closeConnection } = serveCommand(command.body, command.database, connection);
        log?.(command.body, reply, connection.connectionId);
        if (closeConnection) {
          socket.destroy();
          return;
        }
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
      account();
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
