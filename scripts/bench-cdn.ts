// `npm run bench:cdn [-- --duration 10 --connections 20]`: requests/s of a warm anonymous persisted GET (the
// product listing, 20 products in Germany, in German) through Varnish with the example VCL, then of the same GET
// sent to the gateway directly (every request executed). Prints the load average around each run: the figures
// are only comparable on a quiet machine. The load generator runs as its own process, so it does not share the
// stack's event loop. Needs `apt-get install -y varnish varnish-modules`.
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fixedClock } from '../subgraphs/common/clock.ts';
import { startStack } from './stack.ts';
import { persistedQueryUrl, startVarnish, varnishMissing } from './varnish.ts';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return value;
}

const duration = flag('duration', 10);
const connections = flag('connections', 20);
const missing = varnishMissing();
if (missing.length > 0) {
  console.error(`${missing.join(' and ')} missing: apt-get install -y varnish varnish-modules`);
  process.exit(1);
}

const manifest = JSON.parse(
  readFileSync(new URL('../examples/partner/src/gql/persisted-documents.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const listing = Object.keys(manifest).find((id) => manifest[id]!.startsWith('query ProductListing('));
if (!listing) throw new Error('no ProductListing in the example manifest');
const variables = { country: 'DE', first: 20, locale: 'de-DE' };

const stack = await startStack({
  gatewayPort: 0,
  subgraphPorts: { products: 0, pricing: 0, fulfillment: 0, localization: 0 },
  seed: 'always',
  clock: fixedClock('2026-11-25T10:00:00Z'),
  rateLimit: false,
});
const varnish = await startVarnish(Number(new URL(stack.gatewayUrl).port), '64m');
const headers = { 'accept-language': 'de-DE' };

async function measure(what: string, url: string): Promise<void> {
  const warm = await fetch(url, { headers });
  if (!warm.ok || (await warm.json()).errors) throw new Error(`${what}: the warm-up request failed`);
  const before = loadavg()[0]!;
  const cli = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
  const args = [
    cli,
    '--json',
    '-c',
    String(connections),
    '-d',
    String(duration),
    '-H',
    `accept-language=${headers['accept-language']}`,
    url,
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  const after = loadavg()[0]!;
  const failed = result.non2xx + result.errors;
  console.log(
    `${what}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
      `${failed ? `, ${failed} failed` : ''} (load average ${before.toFixed(2)} → ${after.toFixed(2)})`,
  );
}

try {
  console.log(`${connections} connections × ${duration} s each`);
  await measure('warm persisted GET through Varnish', persistedQueryUrl(varnish.url, listing, variables));
  await measure('the same GET to the gateway directly', persistedQueryUrl(stack.gatewayUrl, listing, variables));
} finally {
  await varnish.stop();
  await stack.stop();
}
