// What `npm start` prints once the graph is up, besides its URLs: the markets we sell to, the locales with
// content, three sample SKUs with what makes each interesting, and the product page `curl` with the clock its
// README answer needs. Everything but the SKU choice is asked of the running graph, so it is true of whatever
// database the graph serves (the embedded demo data or MONGODB_URI).
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../gateway/example-query.ts';

/**
 * The instant the README's sample answers are written at (`MERIDIAN_NOW`); the README test checks that the
 * README states this clock and that its answers hold at it.
 */
export const README_CLOCK = '2026-11-25T10:00:00Z';

/** Three SKUs of the demo catalog worth a first look, and the market that shows why. */
export const SAMPLE_SKUS = {
  duty: { sku: 'ELE-ANC-BLA', country: 'DE' },
  restricted: { sku: 'PAN-SAKE-720', country: 'KW' },
  sale: { sku: 'APP-MERINO-OLI', country: 'DE' },
} as const;

/** One request for everything the banner shows. */
export const BANNER_QUERY = /* GraphQL */ `
  query StartBanner {
    markets { country currency incoterm }
    translationCoverage { locale percentTranslated }
    duty: product(sku: "${SAMPLE_SKUS.duty.sku}") {
      sku id
      price(country: ${SAMPLE_SKUS.duty.country}) { amount { formatted(locale: "en") } duty { amount { formatted(locale: "en") } included } market { incoterm } }
    }
    restricted: product(sku: "${SAMPLE_SKUS.restricted.sku}") {
      sku id
      delivery(shipTo: ${SAMPLE_SKUS.restricted.country}) { shippable reason message(locale: "en") }
    }
    sale: product(sku: "${SAMPLE_SKUS.sale.sku}") {
      sku id
      price(country: ${SAMPLE_SKUS.sale.country}) { amount { formatted(locale: "en") } compareAt { formatted(locale: "en") } saleEndsAt }
    }
  }
`;

type Formatted = { formatted: string };
/** The data of {@link BANNER_QUERY} (fields may be null where a subgraph failed or data differs). */
export interface BannerData {
  markets?: { country: string; currency: string; incoterm: string }[] | null;
  translationCoverage?: { locale: string; percentTranslated: string }[] | null;
  duty?: {
    sku: string;
    id: string;
    price?: { amount: Formatted; duty: { amount: Formatted; included: boolean } | null; market: { incoterm: string } } | null;
  } | null;
  restricted?: { sku: string; id: string; delivery?: { shippable: boolean; reason: string | null; message: string | null } | null } | null;
  sale?: { sku: string; id: string; price?: { amount: Formatted; compareAt: Formatted | null; saleEndsAt: string | null } | null } | null;
}

/** Options of {@link formatStartBanner}. */
export interface StartBannerOptions {
  gatewayUrl: string;
  /** `MERIDIAN_NOW` of this run, if pinned. */
  pinnedNow?: string | undefined;
}

const INDENT = '                ';

/** Why each sample SKU is interesting, from what the graph answered. */
function describeSamples(data: BannerData): string[] {
  const lines: string[] = [];
  const { duty, restricted, sale } = data;
  if (duty?.price) {
    const owed = duty.price.duty;
    lines.push(
      `${duty.sku.padEnd(15)} ${SAMPLE_SKUS.duty.country}: ${duty.price.amount.formatted}, ${duty.price.market.incoterm}` +
        (owed ? ` — import duty ${owed.amount.formatted} ${owed.included ? 'included in the price' : 'due on delivery'}` : ' — no duty'),
    );
  }
  if (restricted?.delivery) {
    const { shippable, reason, message } = restricted.delivery;
    lines.push(
      `${restricted.sku.padEnd(15)} ${SAMPLE_SKUS.restricted.country}: ` +
        (shippable ? 'shippable' : `not shippable, ${reason} (${message})`),
    );
  }
  if (sale?.price) {
    const { amount, compareAt, saleEndsAt } = sale.price;
    lines.push(
      `${sale.sku.padEnd(15)} ${SAMPLE_SKUS.sale.country}: ` +
        (compareAt
          ? `on sale, ${amount.formatted} instead of ${compareAt.formatted}${saleEndsAt ? ` until ${saleEndsAt}` : ''}`
          : `${amount.formatted}, no sale running today (the demo's Black Week sale runs 23 Nov – 1 Dec 2026, Berlin time)`),
    );
  }
  return lines;
}

/** The banner text, from the graph's answer to {@link BANNER_QUERY} (or null when the graph could not be asked). */
export function formatStartBanner(data: BannerData | null, options: StartBannerOptions): string {
  const lines: string[] = [];
  if (data?.markets?.length) {
    // 38 markets: wrapped to lines of eight, aligned under the first.
    const entries = data.markets.map((market) => `${market.country} (${market.currency}, ${market.incoterm})`);
    for (let start = 0; start < entries.length; start += 8) {
      lines.push(
        `${start === 0 ? '  Markets:     ' : '               '} ${entries.slice(start, start + 8).join(', ')}${start + 8 < entries.length ? ',' : ''}`,
      );
    }
  }
  if (data?.translationCoverage?.length) {
    lines.push(
      `  Content in:   ${data.translationCoverage.map((entry) => `${entry.locale} ${entry.percentTranslated} %`).join(', ')} of products translated (the rest falls back)`,
    );
  }
  const samples = data ? describeSamples(data) : [];
  if (samples.length) lines.push(`  Sample SKUs:  ${samples.join(`\n${INDENT}`)}`);
  if (!data) lines.push('  (could not ask the graph for its markets, locales and sample SKUs)');

  const pinned = options.pinnedNow ? new Date(options.pinnedNow) : null;
  const clock = !pinned
    ? `this run uses the system clock, so its delivery dates differ: start with MERIDIAN_NOW=${README_CLOCK} npm start to match`
    : pinned.getTime() === Date.parse(README_CLOCK)
      ? "this run is pinned to that clock, so the answer is exactly the README's"
      : `this run is pinned to MERIDIAN_NOW=${options.pinnedNow}, so its delivery dates differ`;
  const body = JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, ' ').trim(), variables: EXAMPLE_VARIABLES });
  lines.push(
    '',
    `Try the product page query (the README shows its answer at MERIDIAN_NOW=${README_CLOCK};`,
    `${clock}):`,
    `  curl -s ${options.gatewayUrl} -H 'content-type: application/json' -H 'accept-language: de-DE' \\`,
    `    --data '${body}'`,
  );
  return lines.join('\n');
}

/** Asks the running gateway for the banner's data and formats it; never throws (the graph is up either way). */
export async function buildStartBanner(options: StartBannerOptions): Promise<string> {
  let data: BannerData | null = null;
  try {
    const response = await fetch(options.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: BANNER_QUERY }),
      signal: AbortSignal.timeout(10_000),
    });
    data = ((await response.json()) as { data?: BannerData | null }).data ?? null;
  } catch {
    data = null;
  }
  return formatStartBanner(data, options);
}
