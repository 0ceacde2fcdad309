// `npm run prices -- set|sale|end-sale|history …`: sets a price-book price or sale (or ends it) of a product in a market and records
// it in the price history the EU 30-day rule reads; prints that history. Against the databases at MONGODB_URI;
// the clock is MERIDIAN_NOW when set (demos, tests), else the system's. Exit code 0 when done, 1 when the
// change was refused (the message says why; nothing was written), 2 on bad usage.
import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import { clockFromEnv } from '../subgraphs/common/clock.ts';
import { databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { DomainError, echoed, notFound } from '../subgraphs/common/contract/errors.ts';
import { connectDatabase } from '../subgraphs/common/database.ts';
import { CONFIG_EXIT_CODE, reportStartupErrors, startupErrorLine } from '../subgraphs/common/startup-errors.ts';
import { moneyOf, toDecimalString } from '../subgraphs/pricing/domain/money.ts';
import { omnibusApplies, OMNIBUS_WINDOW_DAYS, priorPriceOf } from '../subgraphs/pricing/domain/price-history.ts';
import { toPriceHistoryEntry } from '../subgraphs/pricing/mappers.ts';
import { createPricingModels, type PricingModels } from '../subgraphs/pricing/models.ts';
import { changePrice, marketToChange, priceHistoryOf, type PriceChange } from '../subgraphs/pricing/services/change-price.ts';

const USAGE = `Usage: MONGODB_URI=mongodb://… npm run prices -- <command> (--sku SKU | --product-id ID) --country CC …
  set      --amount 24.99 [--from ISO]              the regular price-book price, shown from now (or --from, not later)
  sale     --amount 19.99 [--from ISO] [--until ISO]  a sale on the price-book price (replaces any other sale)
  end-sale                                           ends the sale now (or cancels a scheduled one)
  history                                            the prices shown, and the lowest of the 30 days before the current one
Amounts are in the market's currency as the market shows them (tax included where it shows gross prices).`;

reportStartupErrors('prices');

function usage(problem?: string): never {
  if (problem) console.error(problem);
  console.error(USAGE);
  process.exit(2);
}

let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      sku: { type: 'string' },
      'product-id': { type: 'string' },
      country: { type: 'string' },
      amount: { type: 'string' },
      from: { type: 'string' },
      until: { type: 'string' },
    },
  });
}
try {
  parsed = parseOptions();
} catch (error) {
  usage((error as Error).message);
}
const { positionals, values } = parsed;
const command = positionals[0];
if (!command || !['set', 'sale', 'end-sale', 'history'].includes(command) || positionals.length > 1)
  usage(command ? `Unknown command "${echoed(positionals.join(' '))}"` : undefined);
if (!values.sku === !values['product-id']) usage('Name the product with exactly one of --sku or --product-id');
if (!values.country) usage('--country is required');
if ((command === 'set' || command === 'sale') && !values.amount) usage(`${command} needs --amount`);
if ((command === 'end-sale' || command === 'history') && (values.amount || values.from || values.until))
  usage(`${command} takes no --amount, --from or --until`);
const { mongodbUri } = readConfig();
if (!mongodbUri) usage('Set MONGODB_URI to the database server (npm start prints it)');

function instantOf(option: 'from' | 'until'): Date | null {
  const raw = values[option];
  if (raw === undefined) return null;
  const instant = new Date(raw);
  // An ISO 8601 date or instant; a date alone is midnight UTC.
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(raw) || Number.isNaN(instant.getTime())) {
    usage(`--${option} must be an ISO 8601 instant such as 2026-11-23T00:00:00+01:00, got "${echoed(raw)}"`);
  }
  return instant;
}

/**
 * The product id of a SKU, read from the products database (read-only, one indexed lookup). Pricing knows products
 * only by id; a script, unlike a subgraph, may read another subgraph's database, and reading it directly keeps
 * the tool working when the servers are down (as seed and import:ecb do).
 */
async function productIdOfSku(uri: string, sku: string): Promise<string> {
  const products = await connectDatabase(uri, databaseNameOf('products'));
  try {
    const found = await products.collection('products').findOne({ sku: sku.trim().toUpperCase() }, { projection: { _id: 1 } });
    if (!found) throw notFound(`No product has the SKU "${echoed(sku)}"`, { sku: echoed(sku) });
    return String(found._id);
  } finally {
    await products.close();
  }
}

const amountText = (amountMinor: number, currency: string) => toDecimalString(moneyOf(BigInt(amountMinor), currency));

async function printHistory(models: PricingModels, productId: string, label: string, country: string, now: Date) {
  await marketToChange(models, country);
  const rows = await priceHistoryOf(models, productId, country);
  if (rows.length === 0) {
    console.log(
      `No price history of ${label} in ${country.toUpperCase()}: its price there was never changed by a price change (converted prices are not recorded).`,
    );
    return;
  }
  console.log(`Price history of ${label} in ${country.toUpperCase()} (${rows[0]!.currency}):`);
  console.log(`${'from'.padEnd(24)}  ${'until'.padEnd(24)}  ${'price'.padStart(10)}  source`);
  for (const row of rows) {
    console.log(
      `${row.from.toISOString()}  ${(row.until?.toISOString() ?? '(still shown)').padEnd(24)}  ${amountText(row.amountMinor, row.currency).padStart(10)}  ${row.source}`,
    );
  }
  const prior = priorPriceOf(rows.map(toPriceHistoryEntry), now);
  if (!prior) {
    console.log(`No price is in force at ${now.toISOString()}.`);
    return;
  }
  const lowest = prior.lowestPrior ? `${toDecimalString(prior.lowestPrior)} ${prior.lowestPrior.currency}` : 'none on record';
  const rule = omnibusApplies(country.toUpperCase())
    ? 'a reduction may strike through only that price'
    : 'the EU price-reduction rule does not apply here';
  console.log(
    `At ${now.toISOString()}: ${toDecimalString(prior.current)} ${prior.current.currency} since ${prior.currentSince.toISOString()}; ` +
      `lowest of the ${OMNIBUS_WINDOW_DAYS} days before: ${lowest} (${rule}).`,
  );
}

const clock = clockFromEnv();
const now = clock();
let pricing: Connection | undefined;
try {
  const productId = values['product-id'] ?? (await productIdOfSku(mongodbUri, values.sku!));
  const label = values.sku ? `${values.sku.trim().toUpperCase()} (${productId})` : productId;
  const country = values.country!.toUpperCase();
  pricing = await connectDatabase(mongodbUri, databaseNameOf('pricing'));
  const models = createPricingModels(pricing);
  if (command === 'history') {
    await printHistory(models, productId, label, country, now);
  } else {
    const change: PriceChange =
      command === 'set'
        ? { kind: 'REGULAR', productId, country, amount: values.amount!, from: instantOf('from') }
        : command === 'sale'
          ? { kind: 'SALE', productId, country, amount: values.amount!, from: instantOf('from'), until: instantOf('until') }
          : { kind: 'END_SALE', productId, country };
    // The clock, not an instant: the change reads it once no other change of this product and market runs.
    const result = await changePrice(models, change, clock);
    const from = ((change.kind === 'END_SALE' ? null : change.from) ?? result.at).toISOString();
    const until = change.kind === 'SALE' && change.until ? ` until ${change.until.toISOString()}` : '';
    const what =
      change.kind === 'END_SALE'
        ? 'sale ended'
        : `${change.kind === 'REGULAR' ? 'regular price' : 'sale'} ${change.amount.trim()} ${result.currency}`;
    const done =
      result.historyRowsWritten + result.historyRowsRemoved === 0 && !result.priceBookChanged
        ? 'already on record, nothing written'
        : `${result.historyRowsWritten} history rows written, ${result.historyRowsRemoved} removed; price book ${result.priceBookChanged ? 'updated' : 'unchanged'}`;
    console.log(`${label} in ${result.market}: ${what} from ${from}${until}: ${done}.`);
  }
} catch (error) {
  // A refusal names what to fix; a database that cannot be reached names MONGODB_URI; anything else is reported
  // by its message, without a stack.
  const startup = startupErrorLine(error);
  console.error(
    startup ?? (error instanceof DomainError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : error),
  );
  process.exitCode = startup ? CONFIG_EXIT_CODE : 1;
} finally {
  await pricing?.close();
}
