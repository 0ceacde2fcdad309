/**
 * Micro-benchmark of the per-product CPU work of a product listing, in-process and without a database:
 * - delivery: `planDelivery` for the first 20 seeded products (by SKU, as the listing pages them) to DE and
 *   JP, plus the delivery sentence in the destination's language (what `DeliveryEstimate.text` does);
 * - content: locale negotiation and field resolution for 20 products × 3 fields (title, description and
 *   one attribute label), the way `Product.content` in the localization subgraph does it.
 * Inputs are shaped from the seed data (`scripts/seed/`) the way the loaders and mappers shape stored
 * documents. Prints µs per product for each part.
 *
 *   npm run bench:hotpath            # default: 2 s per case
 *   BENCH_MS=5000 npm run bench:hotpath
 *   BENCH_FILTER=delivery npm run bench:hotpath   # only the cases whose name contains the text
 */
import { seedProducts, ATTRIBUTE_VALUE_LABELS, SEED_LOCALES, type SeedProduct } from './seed/catalog.ts';
import { CARRIER_SERVICES, COMPLIANCE_RULES, MARKETS, SHIPPING_ZONES, WAREHOUSES } from './seed/fulfillment-reference.ts';
import { planDelivery } from '../subgraphs/fulfillment/domain/delivery-plan.ts';
import { deliverySentence, type Market } from '../subgraphs/fulfillment/domain/index.ts';
import { chooseShopperTranslator } from '../subgraphs/fulfillment/services/choose-shopper-translator.ts';
import { localizedText, textDirection, translationsOfField } from '../subgraphs/localization/domain/index.ts';
import { negotiateContent } from '../subgraphs/localization/services/negotiate-content.ts';
import { RequestMemo } from '../subgraphs/common/request-memo.ts';
import type { LocalizationContext } from '../subgraphs/localization/context.ts';

const NOW = new Date(process.env.MERIDIAN_NOW ?? '2026-11-25T10:00:00Z');
const BENCH_MS = Number(process.env.BENCH_MS ?? 2_000);
const PAGE = 20;

const products: SeedProduct[] = seedProducts()
  .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
  .slice(0, PAGE);
const markets: ReadonlyMap<string, Market> = new Map(MARKETS.map((market) => [market.country, market]));

/** One product's delivery to `country`, as `Product.delivery` then `DeliveryEstimate.{earliest,latest,text}` compute it. */
function deliveryOf(product: SeedProduct, country: string, locale: string | null): string | null {
  const plan = planDelivery({
    country,
    parcel: {
      actualGrams: product.weightGrams,
      dimensionsCm: { l: product.line.dimensions.lengthCm, w: product.line.dimensions.widthCm, h: product.line.dimensions.heightCm },
    },
    complianceTags: product.line.complianceTags,
    stock: new Map(Object.entries(product.stock)),
    warehouses: WAREHOUSES,
    services: CARRIER_SERVICES,
    zones: SHIPPING_ZONES,
    rules: COMPLIANCE_RULES,
    markets,
    now: NOW,
  });
  if (!plan.choice.shippable || locale === null) return plan.choice.shippable ? plan.choice.chosen.estimate.earliest : null;
  const { translator, translate } = chooseShopperTranslator({ shipTo: country, acceptLanguage: undefined }, locale);
  const { earliest, latest } = plan.choice.chosen.estimate;
  return deliverySentence({ earliest, latest, locale: translator.formattingLocale, timeZone: plan.destination.timeZone }, translate);
}

// Translations per product, as the localization loader returns rows and `Product.content` pivots them.
const translationsByProduct = new Map(
  products.map((product) => [
    product.id,
    Object.fromEntries(
      SEED_LOCALES.flatMap((locale) => {
        const title = product.line.title[locale];
        const description = product.line.description[locale];
        return title || description ? [[locale, { title: title ?? null, description: description ?? null }]] : [];
      }),
    ),
  ]),
);

/** One product's `content(locale:)` with title, description and one attribute label (3 fields), and its direction. */
function contentOf(product: SeedProduct, context: LocalizationContext, explicit: string | null): string {
  const negotiated = negotiateContent(context, explicit);
  const byLocale = translationsByProduct.get(product.id)!;
  const title = localizedText(translationsOfField(byLocale, 'title'), negotiated);
  const description = localizedText(translationsOfField(byLocale, 'description'), negotiated);
  const labels = new Map(Object.entries(ATTRIBUTE_VALUE_LABELS[product.variant.value] ?? {}));
  const label = localizedText(labels, negotiated);
  return `${title?.value}${description?.value}${label?.value}${textDirection(title?.locale ?? 'en')}`;
}

/** Runs `page` repeatedly for about BENCH_MS and returns µs per product (median of 5 rounds). */
function measure(page: () => unknown): number {
  for (let i = 0; i < 20; i++) page(); // warm up (JIT, first-use caches)
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    let pages = 0;
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(Math.round((BENCH_MS / 5) * 1e6));
    let now = start;
    while (now < deadline) {
      page();
      pages++;
      now = process.hrtime.bigint();
    }
    rounds.push(Number(now - start) / 1e3 / (pages * PAGE));
  }
  rounds.sort((a, b) => a - b);
  return rounds[2]!;
}

const context = (acceptLanguage: string | undefined) =>
  ({ market: { shipTo: undefined, acceptLanguage }, negotiations: new RequestMemo() }) as unknown as LocalizationContext;
const cases: Array<[string, () => unknown]> = [
  ['delivery DE (plan only)', () => products.map((p) => deliveryOf(p, 'DE', null))],
  ['delivery JP (plan only)', () => products.map((p) => deliveryOf(p, 'JP', null))],
  ['delivery DE + text(de-DE)', () => products.map((p) => deliveryOf(p, 'DE', 'de-DE'))],
  ['delivery JP + text(ja-JP)', () => products.map((p) => deliveryOf(p, 'JP', 'ja-JP'))],
  ['content(locale: "de") × 3 fields', () => products.map((p) => contentOf(p, context('de-DE,de;q=0.9,en;q=0.8'), 'de'))],
  ['content(Accept-Language ja-JP) × 3 fields', () => products.map((p) => contentOf(p, context('ja-JP,ja;q=0.9,en;q=0.8'), null))],
];

console.log(`bench:hotpath — ${PAGE} products, now ${NOW.toISOString()}, ~${BENCH_MS} ms per case, node ${process.version}`);
for (const [name, page] of cases) {
  if (process.env.BENCH_FILTER && !name.includes(process.env.BENCH_FILTER)) continue;
  console.log(`${name.padEnd(44)} ${measure(page).toFixed(1).padStart(8)} µs/product`);
}
