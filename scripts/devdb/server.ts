import net from 'node:net';
import type { Socket } from 'node:net';
import type { CommandLogger } from './connection.ts';
import { serveConnection } from './connection.ts';
import { CursorRegistry } from './cursors.ts';
import { Storage } from './storage.ts';

/** Options for `startDevDb`. */
export type DevDbOptions = {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** How often expired TTL-index documents are deleted, in ms. Default 60 000, as MongoDB's TTL monitor. */
  ttlSweepIntervalMs?: number;
  /** Called with every command and its reply; for debugging what a driver sends. Default: none. */
  logCommands?: CommandLogger;
};

/** A running devdb server. */
export type DevDb = {
  /** Connection string for drivers and mongoose: `mongodb://127.0.0.1:PORT`. */
  readonly uri: string;
  readonly port: number;
  /** Closes every client socket and the listener; all data is discarded. */
  stop(): Promise<void>;
};

/**
 * Starts an in-process MongoDB-wire-compatible server on 127.0.0.1 backed by memory, for development
 * and tests where no MongoDB can be installed. Production always uses a real MongoDB via MONGODB_URI.
 */
export async function startDevDb(options: DevDbOptions = {}): Promise<DevDb> {
  const storage = new Storage();
  const cursors = new CursorRegistry();
  const sockets = new Set<Socket>();
  let connectionCount = 0;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    connectionCount += 1;
    const client = `${socket.remoteAddress ?? '127.0.0.1'}:${socket.remotePort ?? 0}`;
    serveConnection(socket, { storage, cursors, connectionId: connectionCount, client }, options.logCommands);
  });
  server.on('error', () => {
    // Accept errors (e.g. EMFILE) must not crash the process; listen errors reject below.
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const housekeeping = setInterval(() => {
    cursors.sweep(Date.now());
    storage.sweepExpired(Date.now());
  }, options.ttlSweepIntervalMs ?? 60_000);
  housekeeping.unref();

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  let stopping: Promise<void> | undefined;

  return {
    uri: `mongodb://127.0.0.1:${port}`,
    port,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        clearInterval(housekeeping);
        cursors.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}
