import net from 'node:net';
import type { Socket } from 'node:net';
import type { CommandLogger, ConnectionLimits } from './connection.ts';
import { serveConnection } from './connection.ts';
import { CursorRegistry } from './cursors.ts';
import { FailPoints } from './fail-points.ts';
import { RetryableWrites } from './retryable-writes.ts';
import { Journal } from './journal.ts';
import { applyRecord } from './replay.ts';
import { Storage } from './storage.ts';

/** Options for `startDevDb`. */
export type DevDbOptions = {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on. Default `127.0.0.1`; a test host's own address to serve other hosts. */
  host?: string;
  /**
   * Present the server as the primary of a one-member replica set of this name: drivers then retry writes
   * (`lsid` + `txnNumber`, answered once) as they do against production's replica set. Default: a standalone.
   */
  replicaSet?: string;
  /** How often expired TTL-index documents are deleted, in ms. Default 60 000, as MongoDB's TTL monitor. */
  ttlSweepIntervalMs?: number;
  /** Called after each TTL sweep with the number of documents it removed (tests wait on it). Default: none. */
  onTtlSweep?: (removed: number) => void;
  /** Called with every command and its reply; for debugging what a driver sends. Default: none. */
  logCommands?: CommandLogger;
  /** Most client connections open at once; further ones are refused. Default 1000. */
  maxConnections?: number;
  /** Most bytes of incomplete messages buffered across all connections. Default 128 MiB. */
  maxBufferedBytes?: number;
  /** A message must arrive in full within this many ms, or its connection is closed. Default 30 000. */
  incompleteMessageTimeoutMs?: number;
  /** Time budget of a command that sets no `maxTimeMS`, in ms; 0 for none. Default 60 000. */
  defaultMaxTimeMS?: number;
  /**
   * Directory to persist data in (an append-only journal, see journal.ts), replayed at start.
   * Default: none — data lives in memory only and is gone when the server stops.
   */
  dbPath?: string;
};

/** A running devdb server. */
export type DevDb = {
  /** Connection string for drivers and mongoose: `mongodb://HOST:PORT` (`?replicaSet=NAME` with one). */
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
  let journal: Journal | undefined;
  if (options.dbPath) {
    const opened = Journal.open(options.dbPath, (record) => applyRecord(storage, record));
    journal = opened.journal;
    // A journal mostly of superseded changes is rewritten as a snapshot, so replay stays quick.
    let live = 0;
    for (const _record of storage.snapshot()) live += 1;
    if (opened.records > 2 * live + 1000) journal = journal.compact(storage.snapshot());
    storage.attachJournal(journal);
  }
  const cursors = new CursorRegistry();
  const failPoints = new FailPoints();
  const retryableWrites = new RetryableWrites();
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  let connectionCount = 0;
  const limits: ConnectionLimits = {
    buffered: { bytes: 0 },
    maxBufferedBytes: options.maxBufferedBytes ?? 128 * 1024 * 1024,
    incompleteMessageTimeoutMs: options.incompleteMessageTimeoutMs ?? 30_000,
  };
  const defaultMaxTimeMS = options.defaultMaxTimeMS === 0 ? Number.POSITIVE_INFINITY : (options.defaultMaxTimeMS ?? 60_000);

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    connectionCount += 1;
    const client = `${socket.remoteAddress ?? '127.0.0.1'}:${socket.remotePort ?? 0}`;
    const me = `${socket.localAddress ?? host}:${socket.localPort ?? 0}`;
    const context = {
      storage,
      cursors,
      connectionId: connectionCount,
      client,
      defaultMaxTimeMS,
      failPoints,
      retryableWrites,
      peer: {},
      ...(options.replicaSet ? { replicaSet: { name: options.replicaSet, me } } : {}),
    };
    serveConnection(socket, context, limits, options.logCommands);
  });
  server.maxConnections = options.maxConnections ?? 1000;
  server.on('error', () => {
    // Accept errors (e.g. EMFILE) must not crash the process; listen errors reject below.
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const housekeeping = setInterval(() => {
    cursors.sweep(Date.now());
    const removed = storage.sweepExpired(Date.now());
    options.onTtlSweep?.(removed);
  }, options.ttlSweepIntervalMs ?? 60_000);
  housekeeping.unref();

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  let stopping: Promise<void> | undefined;

  return {
    uri: `mongodb://${host}:${port}${options.replicaSet ? `/?replicaSet=${encodeURIComponent(options.replicaSet)}` : ''}`,
    port,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        clearInterval(housekeeping);
        cursors.clear();
        server.close(() => {
          journal?.close();
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}
