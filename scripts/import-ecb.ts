// `npm run import:ecb -- FILE.xml`: streams an ECB euro reference-rate file — the daily eurofxref-daily.xml or
// the full history eurofxref-hist.xml — into the pricing database at MONGODB_URI. Idempotent (re-importing
// changes nothing); progress on stderr; malformed rows are listed with their lines and skipped. Exit code 0
// when everything landed, 1 when rows were skipped or the file was refused, 2 on bad usage.
import { createReadStream } from 'node:fs';
import { databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { connectDatabase } from '../subgraphs/common/database.ts';
import { createPricingModels } from '../subgraphs/pricing/models.ts';
import { importEcbRates } from '../subgraphs/pricing/import-ecb.ts';

const file = process.argv[2];
const { mongodbUri } = readConfig();
if (!file || !mongodbUri) {
  console.error('Usage: MONGODB_URI=mongodb://… npm run import:ecb -- eurofxref-daily.xml|eurofxref-hist.xml');
  process.exit(2);
}
const MAX_LISTED_PROBLEMS = 50;
const connection = await connectDatabase(mongodbUri, databaseNameOf('pricing'));
const started = performance.now();
// Progress once a second, the first after a second: a daily file finishes silently.
let lastReport = started;
try {
  const result = await importEcbRates(createPricingModels(connection), createReadStream(file, { highWaterMark: 256 * 1024 }), {
    onProgress({ days, rates, lastDay }) {
      const now = performance.now();
      if (now - lastReport < 1_000) return;
      lastReport = now;
      const perSecond = Math.round(rates / ((now - started) / 1_000));
      process.stderr.write(`import:ecb ${days} days, ${rates} rates (at ${lastDay}), ${perSecond} rates/s\n`);
    },
  });
  const seconds = (performance.now() - started) / 1_000;
  for (const problem of result.skipped.slice(0, MAX_LISTED_PROBLEMS)) console.error(`${file}:${problem.line}: ${problem.reason}`);
  if (result.skipped.length > MAX_LISTED_PROBLEMS) console.error(`… and ${result.skipped.length - MAX_LISTED_PROBLEMS} more skipped rows`);
  const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? '-';
  const range = result.days === 1 ? day(result.first) : `${day(result.first)} to ${day(result.last)}`;
  console.log(
    `Imported ${result.rates} ECB reference rates of ${result.days} ${result.days === 1 ? 'day' : 'days'} (${range}): ` +
      `${result.inserted} new, ${result.updated} corrected, ${result.unchanged} unchanged, ${result.skipped.length} malformed rows skipped; ` +
      `${seconds.toFixed(1)} s, ${Math.round(result.rates / seconds)} rates/s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
  );
  if (result.skipped.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await connection.close();
}
