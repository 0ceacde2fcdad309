// The container image's one entry point: `node scripts/deploy/entrypoint.ts <part> [arguments…]` runs one part
// of Meridian in the foreground (the image's CMD names the part; Kubernetes and compose set it per service).
import { fileURLToPath } from 'node:url';

/** Each part the image runs, and the module that runs it. */
export const PARTS = {
  gateway: '../../gateway/server.ts',
  products: '../../subgraphs/products/server.ts',
  pricing: '../../subgraphs/pricing/server.ts',
  fulfillment: '../../subgraphs/fulfillment/server.ts',
  localization: '../../subgraphs/localization/server.ts',
  // Keeps `marketProducts`' shown prices current, reading product pages through the gateway.
  projector: '../../subgraphs/pricing/projector.ts',
  migrate: '../db-migrate.ts',
  seed: '../seed.ts',
} as const;
export type Part = keyof typeof PARTS;

/** The module file of a part, or undefined for a name that is none. */
export function modulePathOf(part: string): string | undefined {
  const relative = (PARTS as Record<string, string>)[part];
  return relative && fileURLToPath(new URL(relative, import.meta.url));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const part = process.argv[2] ?? '';
  const file = modulePathOf(part);
  if (!file) {
    console.error(`usage: entrypoint.ts <part> [arguments…], a part among ${Object.keys(PARTS).join(', ')}; got "${part}"`);
    process.exit(2);
  }
  // The part's own argument parser reads what follows its name.
  process.argv.splice(2, 1);
  await import(file);
}
