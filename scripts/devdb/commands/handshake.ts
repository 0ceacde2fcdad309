import os from 'node:os';
import { ObjectId } from 'bson';
import type { Doc } from '../bson-values.ts';
import { CommandError, ErrorCode } from '../errors.ts';
import { MAX_MESSAGE_SIZE } from '../wire.ts';
import type { CommandContext, CommandHandler } from './context.ts';

/** The MongoDB release we present as: 7.0, wire version 21, so mongodb 7.x and mongoose 9 connect without warnings. */
export const SERVER_VERSION = '7.0.0';
const MAX_WIRE_VERSION = 21;
const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
const MAX_WRITE_BATCH_SIZE = 100_000;
const startedAt = Date.now();

/** The one election this server's replica set has had: drivers compare it to spot a stale primary. */
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/**
 * What a one-member replica set's primary adds to `hello`: its set, itself as the only host and the primary, so
 * a driver treats it as a replica set member (retryable writes, majority write concern) rather than a standalone.
 */
function replicaSetFields(replicaSet: CommandContext['replicaSet']): Doc {
  if (!replicaSet) return {};
  return {
    setName: replicaSet.name,
    setVersion: 1,
    electionId: ELECTION_ID,
    secondary: false,
    hosts: [replicaSet.me],
    primary: replicaSet.me,
    me: replicaSet.me,
  };
}

/**
 * `hello` (and the legacy `isMaster`/`ismaster` the driver sends first, over OP_QUERY). By default a
 * standalone: no `setName`, so drivers use direct topology; with `replicaSet`, a one-member set's primary.
 * No `topologyVersion` either way, so their monitors poll instead of long-polling ("streaming") hello.
 */
function hello(legacy: boolean): CommandHandler {
  return (body: Doc, context: CommandContext) => ({
    ...(body['helloOk'] === true ? { helloOk: true } : {}),
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    ...replicaSetFields(context.replicaSet),
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  });
}

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'devdb',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['devdb-memory'],
  javascriptEngine: 'none',
  modules: [],
  allocator: 'system',
  sysInfo: 'deprecated',
  openssl: { running: 'disabled', compiled: 'disabled' },
});

const parameters: Doc = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: [],
  maxBSONDepth: 100,
  internalQueryMaxBlockingSortMemoryUsageBytes: 100 * 1024 * 1024,
};

/** `getParameter`: a few read-only parameters, `'*'` for all of them. */
const getParameter: CommandHandler = (body) => {
  if (body['getParameter'] === '*') return { ...parameters };
  const requested = Object.keys(body).filter((key) => key !== 'getParameter' && !key.startsWith('$') && key !== 'lsid');
  const reply: Doc = {};
  for (const name of requested) {
    if (!(name in parameters)) throw new CommandError(ErrorCode.InvalidOptions, `no option found to get: ${name}`);
    reply[name] = parameters[name];
  }
  return reply;
};

const hostInfo: CommandHandler = () => ({
  system: {
    currentTime: new Date(),
    hostname: os.hostname(),
    cpuAddrSize: 64,
    memSizeMB: Math.round(os.totalmem() / 1024 / 1024),
    numCores: os.cpus().length,
    cpuArch: os.arch(),
    numaEnabled: false,
  },
  os: { type: os.type(), name: os.platform(), version: os.release() },
  extra: {},
});

const ok: CommandHandler = () => ({});

/** Handshake, diagnostics and session housekeeping commands. */
export const handshakeCommands: Record<string, CommandHandler> = {
  hello: hello(false),
  isMaster: hello(true),
  ismaster: hello(true),
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  hostInfo,
  getCmdLineOpts: () => ({ argv: ['devdb'], parsed: {} }),
  whatsmyuri: (_body, context) => ({ you: context.client }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } }),
  endSessions: ok,
  killSessions: ok,
  refreshSessions: ok,
  serverStatus: () => ({
    host: os.hostname(),
    version: SERVER_VERSION,
    process: 'devdb',
    pid: process.pid,
    uptime: Math.floor((Date.now() - startedAt) / 1000),
    uptimeMillis: Date.now() - startedAt,
    localTime: new Date(),
    // MongoDB's own memory section (MiB); the heap, a JS server's figure, under `extra_info` where fields vary.
    mem: { bits: 64, resident: Math.round(process.memoryUsage.rss() / 1048576) },
    extra_info: {
      note: 'fields vary by platform',
      heapUsedBytes: process.memoryUsage().heapUsed,
      heapTotalBytes: process.memoryUsage().heapTotal,
    },
  }),
};
