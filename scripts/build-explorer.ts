// `npm run build:explorer` (also run by `npm ci` / `npm install` through `prepare`): bundles GraphiQL and the
// explorer script with esbuild into gateway/explorer/dist/, which the gateway serves itself. Offline: every
// byte the page needs comes from this directory, fonts included (inlined as data: URLs by GraphiQL's CSS).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const entry = fileURLToPath(new URL('../gateway/explorer/client.ts', import.meta.url));
const outdir = fileURLToPath(new URL('../gateway/explorer/dist/', import.meta.url));

let esbuild: typeof import('esbuild');
try {
  esbuild = require('esbuild') as typeof import('esbuild');
} catch {
  // A production install (`npm ci --omit=dev`) has no esbuild: ship a built dist/ instead.
  console.warn('build:explorer: esbuild is not installed (production install?); the explorer is not rebuilt.');
  process.exit(0);
}

const started = Date.now();
const result = await esbuild.build({
  entryPoints: { explorer: entry },
  outdir,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`build:explorer: wrote ${outdir} (${(bytes / 1024 / 1024).toFixed(1)} MiB) in ${Date.now() - started} ms`);
