import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { StackOptions } from '../../scripts/stack.ts';
import { startTestStack, type TestStack } from './stack.ts';

const run = promisify(execFile);
/** The repository root, where `node scripts/…` runs. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The test stack (`startTestStack`), with its database prefix known so CLIs can reach the gateway's database. */
export interface PartnerTestStack {
  stack: TestStack;
  prefix: string;
  /** Runs `node <script> …args` in the repository as its own process, against this stack's database. */
  cli(script: string, args: string[], env?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Starts the test stack (`options` as for `startTestStack`) and a way to run the repository's CLIs against it. */
export async function startPartnerTestStack(options: StackOptions = {}): Promise<PartnerTestStack> {
  const stack = await startTestStack(options);
  const prefix = stack.databasePrefix;
  return {
    stack,
    prefix,
    async cli(script, args, env = {}) {
      try {
        const { stdout, stderr } = await run(process.execPath, [script, ...args], {
          cwd: REPO_ROOT,
          env: { ...process.env, MONGODB_URI: stack.mongodbUri, MERIDIAN_DB_PREFIX: prefix, LOG_LEVEL: 'silent', ...env },
          timeout: 60_000,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
      }
    },
  };
}

/** POSTs a raw body to the gateway. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}
