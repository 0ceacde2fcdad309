import { feedItemOf, type FeedProduct } from './feed-item.ts';
import type { FeedItem } from './merchant-center-spec.ts';

/** Runs an operation against the supergraph and returns its `data` and `errors`. */
export type FeedGraphReader = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: any; errors?: readonly { message: string }[] }>;

// The product page's own fields, for one market and language.
const FEED_PAGE = /* GraphQL */ `
  query ProductFeedPage($country: CountryCode!, $locale: Locale!, $first: Int!, $after: String) {
    products(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        sku brand gtin images { url } netQuantity { value unit } stockCountries
        content(locale: $locale) { title description titleText { locale } descriptionText { locale } }
        alternates { url country locale }
        price(country: $country) {
          amount { amount currencyCode } compareAt { amount currencyCode } saleEndsAt
          unitPrice { referenceQuantity referenceUnit }
        }
        delivery(shipTo: $country) {
          shippable
          options { level charge { amount { amount currencyCode } } businessDaysMin businessDaysMax }
        }
      }
    }
  }
`;

/** Products per read: a page's cost stays within the gateway's per-operation budget. */
const FEED_PAGE_SIZE = 50;

/** The feeds a catalog has: every market's country with each content language offered there. */
const FEED_SITES = /* GraphQL */ `query ProductFeedSites { localization { countries { code languages { locale } } } }`;

/** A feed's market and language, e.g. `CH` and `fr`. */
export interface FeedSite {
  country: string;
  locale: string;
}

/** Every market's feeds, one per content language offered there. */
export async function listFeedSites(read: FeedGraphReader): Promise<FeedSite[]> {
  const response = await read(FEED_SITES, {});
  const countries = response.data?.localization?.countries as { code: string; languages: { locale: string }[] }[] | undefined;
  if (!countries) throw new Error(`product feeds: cannot read the markets' languages: ${response.errors?.[0]?.message ?? 'no data'}`);
  return countries.flatMap((country) => country.languages.map((language) => ({ country: country.code, locale: language.locale })));
}

/**
 * A feed's items for one market and language, a page at a time as they are read (fifty products a read) through
 * the supergraph exactly as product pages read them: a feed of a large catalog streams in bounded memory. `now` is
 * the clock the prices are read at (the gateway's; a sale's start in the feed). A page that comes back with errors
 * throws: a feed is whole or not at all.
 */
export async function* feedPages(read: FeedGraphReader, site: FeedSite, now: Date): AsyncGenerator<FeedItem[]> {
  let after: string | null = null;
  for (;;) {
    const response = await read(FEED_PAGE, { country: site.country, locale: site.locale, first: FEED_PAGE_SIZE, after });
    const page = response.data?.products;
    if (!page || response.errors?.length) {
      throw new Error(`product feed ${site.country}-${site.locale}: ${response.errors?.[0]?.message ?? 'no data'}`);
    }
    yield (page.nodes as FeedProduct[]).flatMap((product) => feedItemOf(product, site.country, site.locale, now) ?? []);
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor;
  }
}

/** A feed's items for one market and language, all of them (see {@link feedPages}). */
export async function buildFeed(read: FeedGraphReader, site: FeedSite, now: Date): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  for await (const page of feedPages(read, site, now)) items.push(...page);
  return items;
}
