import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { STOP_THREAD_MESSAGE } from '../subgraphs/common/supervised.ts';

/** A part of the graph `npm start` runs: a child process, or a thread of `npm start`'s own process. */
export interface ChildPart {
  name: string;
  /** The process it runs in. */
  pid: number | undefined;
  /** Resolves with the exit code (or signal name) when the part has exited. */
  exited: Promise<number | string>;
  /** Asks the part to stop, ends it if it has not within `graceMs`, and resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** A part running as a child process. */
export interface ChildProcessPart extends ChildPart {
  process: ChildProcess;
}

/** Options of {@link startChild}. */
export interface StartChildOptions {
  /** Name shown before every line the child prints. */
  name: string;
  /** Node script to run, relative to the repository root. */
  script: string;
  /** Arguments after the script. */
  args?: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Called with each line the child prints on stdout (after it is logged). */
  onLine?: (line: string) => void;
  /** Width the names are padded to in the merged log. */
  nameWidth: number;
}

const ROOT = new URL('../', import.meta.url);

/**
 * Starts `node <script>` with an IPC channel (so the child stops itself if this process dies — see
 * `subgraphs/common/supervised.ts`) and merges its output into this process's, each line prefixed with the
 * part's name.
 */
export function startChild(options: StartChildOptions): ChildProcessPart {
  const child = spawn(process.execPath, [new URL(options.script, ROOT).pathname, ...(options.args ?? [])], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  mergeOutput(options, child.stdout!, child.stderr!);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return {
    name: options.name,
    pid: child.pid,
    process: child,
    exited,
    // SIGTERM, then SIGKILL if it has not exited within the grace period.
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Each line a part prints, prefixed with its name, into this process's output. */
function mergeOutput(options: StartChildOptions, stdout: Readable, stderr: Readable): void {
  const prefix = `${options.name.padEnd(options.nameWidth)} | `;
  createInterface({ input: stdout }).on('line', (line) => {
    process.stdout.write(prefix + line + '\n');
    options.onLine?.(line);
  });
  createInterface({ input: stderr }).on('line', (line) => process.stderr.write(prefix + line + '\n'));
}

/**
 * Runs `script` in a worker thread of this process, its output merged like a child's. For a part that waits on
 * I/O most of its life (the price projector): it shares this process's Node binary and libraries instead of
 * loading its own, and keeps its own heap and event loop. The script stops on {@link STOP_THREAD_MESSAGE} (`stopWhenParentExits` handles it).
 */
export function startThread(options: StartChildOptions): ChildPart {
  const worker = new Worker(new URL(options.script, ROOT), {
    argv: [...(options.args ?? [])],
    env: options.env,
    stdout: true,
    stderr: true,
  });
  mergeOutput(options, worker.stdout, worker.stderr);
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    // An uncaught error ends the thread with exit code 1; say what it was, as a child's stderr would.
    worker.once('error', (error) => process.stderr.write(`${options.name.padEnd(options.nameWidth)} | ${error.stack ?? error}\n`));
    worker.once('exit', (code) => {
      done = true;
      resolve(code);
    });
  });
  return {
    name: options.name,
    pid: process.pid,
    exited,
    async stop(graceMs = 5_000) {
      if (done) return;
      worker.postMessage(STOP_THREAD_MESSAGE);
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Stops a part (see {@link ChildPart.stop}). */
export async function stopChild(part: ChildPart, graceMs = 5_000): Promise<void> {
  await part.stop(graceMs);
}

/** A server other than the child we started answers on its port: another run of `npm start`, or a foreign server. */
export class ForeignServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForeignServerError';
  }
}

/**
 * Polls `url` until it answers 200 with this run's `token` in its `run` field (so the answer is our child's, not
 * another server's on the same port), the child exits, or `timeoutMs` passes (then throws, naming the part). A
 * 200 without the token is a {@link ForeignServerError}: waiting longer would only report someone else's health.
 */
export async function waitUntilHealthy(part: ChildPart, url: string, token: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void part.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${part.name} exited before it became healthy`);
    let body: { run?: unknown } | undefined;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      body = response.ok ? ((await response.json().catch(() => ({}))) as { run?: unknown }) : undefined;
    } catch {
      // not listening yet
    }
    if (body?.run === token) return;
    if (body) throw new ForeignServerError(`${new URL(url).host} answers /health, but not as the ${part.name} this run started`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${part.name} did not answer ${url} within ${timeoutMs} ms`);
}

/** Each part's young-generation semi-space bound, in MiB (see `withYoungGenerationBound`). */
export const PART_MAX_SEMI_SPACE_MIB = 16;

/**
 * V8 sizes a process's young generation from the machine's memory and keeps what it grew at rest; parts whose
 * garbage lives for one request need far less. The bound holds each part's young generation down without costing
 * CPU per request that we could measure (README, Performance). A `--max-semi-space-size` in the caller's own
 * NODE_OPTIONS wins.
 */
export function withYoungGenerationBound(nodeOptions: string | undefined): string {
  const options = nodeOptions?.trim() ?? '';
  if (/--max[-_]semi[-_]space[-_]size\b/.test(options)) return options;
  return `${options} --max-semi-space-size=${PART_MAX_SEMI_SPACE_MIB}`.trim();
}
