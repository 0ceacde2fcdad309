// Debian's Varnish in front of a gateway on loopback, with the example VCL (examples/cdn/meridian.vcl): what the
// CDN test and `npm run bench:cdn` put between clients and the gateway. Started in the foreground (`-F`) as a
// child of this process, with its state in a temporary directory, and stopped by its pid.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VARNISHD = '/usr/sbin/varnishd';
const XKEY_VMOD = '/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so';
/** The example VCL the README shows; its backend port is replaced by the gateway's. */
export const EXAMPLE_VCL_FILE = fileURLToPath(new URL('../examples/cdn/meridian.vcl', import.meta.url));

/** What is missing to run Varnish here (`apt-get install -y varnish varnish-modules`); empty when it can run. */
export function varnishMissing(): string[] {
  return [VARNISHD, XKEY_VMOD].filter((path) => !existsSync(path));
}

/** A running Varnish: the gateway's GraphQL URL through it, and how to stop it. */
export interface RunningVarnish {
  url: string;
  /** A directory for the caller's scratch files, removed by `stop()`. */
  workDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts Varnish on a free loopback port in front of the gateway listening on `gatewayPort`; resolves once it answers. */
export async function startVarnish(gatewayPort: number, memory = '32m'): Promise<RunningVarnish> {
  const workDir = mkdtempSync(join(tmpdir(), 'meridian-varnish-'));
  // varnishd reads the VCL and its state directory after dropping root to its own user.
  chmodSync(workDir, 0o755);
  const vclFile = join(workDir, 'meridian.vcl');
  writeFileSync(vclFile, readFileSync(EXAMPLE_VCL_FILE, 'utf8').replace('.port = "4000"', `.port = "${gatewayPort}"`));
  const port = await freePort();
  const args = ['-F', '-n', join(workDir, 'state'), '-a', `127.0.0.1:${port}`, '-f', vclFile, '-s', `malloc,${memory}`];
  const child = spawn(VARNISHD, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url: `http://127.0.0.1:${port}/graphql`, workDir, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`varnishd did not start: ${stderr.trim()}`);
}

/** The URL of an anonymous persisted GET: the registered document's hash and the variables, as a CDN link carries them. */
export function persistedQueryUrl(base: string, documentId: string, variables: Record<string, unknown>): string {
  const extensions = { persistedQuery: { version: 1, sha256Hash: documentId.replace(/^sha256:/, '') } };
  return `${base}?extensions=${encodeURIComponent(JSON.stringify(extensions))}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
}
