import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A part of the graph running as a child process of `npm start`. */
export interface ChildPart {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal name) when the child has exited. */
  exited: Promise<number | string>;
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
export function startChild(options: StartChildOptions): ChildPart {
  const child = spawn(process.execPath, [new URL(options.script, ROOT).pathname, ...(options.args ?? [])], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const prefix = `${options.name.padEnd(options.nameWidth)} | `;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    process.stdout.write(prefix + line + '\n');
    options.onLine?.(line);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => process.stderr.write(prefix + line + '\n'));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { name: options.name, process: child, exited };
}

/**
 * Stops a child: SIGTERM, then SIGKILL if it has not exited within `graceMs`. Resolves once it has exited.
 */
export async function stopChild(part: ChildPart, graceMs = 5_000): Promise<void> {
  if (part.process.exitCode !== null || part.process.signalCode !== null) return;
  part.process.kill('SIGTERM');
  const timer = setTimeout(() => part.process.kill('SIGKILL'), graceMs);
  await part.exited;
  clearTimeout(timer);
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
