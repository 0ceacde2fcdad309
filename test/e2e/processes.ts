import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { startDevDb } from '../../scripts/devdb/index.ts';

/** The repository root, where `node scripts/…` and `node subgraphs/…` are run from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A database server for child processes: `MONGODB_URI` when set, else an embedded devdb started here. */
export interface ProcessDatabase {
  uri: string;
  /** A `MERIDIAN_DB_PREFIX` unique to this run; `dropAll` drops every database that starts with it. */
  prefix: string;
  client: MongoClient;
  dropAll(): Promise<void>;
  stop(): Promise<void>;
}

export async function startProcessDatabase(label: string): Promise<ProcessDatabase> {
  const external = process.env['MONGODB_URI'] || undefined;
  const devDb = external ? undefined : await startDevDb({ port: 0 });
  const uri = external ?? devDb!.uri;
  const prefix = `${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const client = await MongoClient.connect(uri);
  const dropAll = async () => {
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) if (name.startsWith(prefix)) await client.db(name).dropDatabase();
  };
  return {
    uri,
    prefix,
    client,
    dropAll,
    async stop() {
      await dropAll().catch(() => undefined);
      await client.close();
      await devDb?.stop();
    },
  };
}

/** A finished child process: exit code, signal and everything it printed. */
export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running child process of `node <args>` from the repository root. */
export interface Child {
  process: ChildProcess;
  /** Resolves with the first stdout line `match` accepts (rejects if the process exits first). */
  lineWhere(match: (line: string) => boolean): Promise<string>;
  /** Resolves when the process has exited. */
  exited: Promise<Finished>;
}

/** Environment of a child: ours, minus what would make it quiet or pinned, plus `env`. */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  for (const name of ['VITEST', 'MONGODB_URI', 'MERIDIAN_NOW', 'MERIDIAN_DEBUG', 'MERIDIAN_DB_PREFIX', 'NODE_ENV']) delete base[name];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete base[name];
    else base[name] = value;
  }
  return base;
}

/** Starts `node <args>` with the same Node binary as the tests, in the repository root. */
export function startNode(args: readonly string[], env: Record<string, string | undefined> = {}): Child {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let pending = '';
  const lines: string[] = [];
  let closed: Error | undefined;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.match(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => {
      closed = new Error(`node ${args.join(' ')} exited (${code ?? signal}) first.\nstdout: ${stdout}\nstderr: ${stderr}`);
      for (const waiter of waiters.splice(0)) waiter.reject(closed);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    process: child,
    exited,
    lineWhere: (match) =>
      new Promise((resolve, reject) => {
        const seen = lines.find(match);
        if (seen !== undefined) resolve(seen);
        else if (closed) reject(closed);
        else waiters.push({ match, resolve, reject });
      }),
  };
}

/** Runs `node <args>` to completion. */
export function runNode(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Finished> {
  return startNode(args, env).exited;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every live process whose parent is `pid`, and theirs (Linux /proc). */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** Whether `pid` still runs. A zombie (exited, not yet reaped by an init that may never reap it) has stopped. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
