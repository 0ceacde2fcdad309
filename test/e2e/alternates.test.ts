import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../scripts/stack.ts';
import { storefrontSiteDocuments } from '../../scripts/seed/storefront-sites.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { graphql, startTestStack } from './stack.ts';

// Every database command the subgraphs send, through the driver's command monitoring (see batching.test.ts).
const commands: string[] = [];
let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({
    onDatabaseCommand(command) {
      const [name, collection] = Object.entries(command)[0] ?? [];
      if (name && typeof collection === 'string') commands.push(`${String(command.$db)}.${collection}:${name}`);
    },
  });
});
afterAll(async () => {
  await stack?.stop();
});

interface Alternate {
  hreflang: string;
  url: string;
  country: string | null;
  locale: string;
}

const ALTERNATES = /* GraphQL */ `
  query Alternates($id: ID!) { product(id: $id) { sku alternates { hreflang url country locale } } }
`;

describe('Product.alternates: the hreflang links of a product page', () => {
  it('lists every site whose language the product is written in, with localized slugs, and x-default last', async () => {
    const response = await graphql(stack.gatewayUrl, ALTERNATES, { id: stableObjectIdHex('APP-TEE-NAV') });
    expect(response.errors).toBeUndefined();
    const alternates: Alternate[] = response.data.product.alternates;
    expect(alternates).toEqual(
      expect.arrayContaining([
        {
          hreflang: 'ar-KW',
          url: `https://shop.example.com/ar-kw/p/${encodeURIComponent('تيشيرت-من-القطن-العضوي-كحلي')}/APP-TEE-NAV`,
          country: 'KW',
          locale: 'ar',
        },
        {
          hreflang: 'de-CH',
          url: 'https://shop.example.ch/de/p/t-shirt-aus-bio-baumwolle-marineblau/APP-TEE-NAV',
          country: 'CH',
          locale: 'de',
        },
        {
          hreflang: 'de-DE',
          url: 'https://shop.example.de/p/t-shirt-aus-bio-baumwolle-marineblau/APP-TEE-NAV',
          country: 'DE',
          locale: 'de',
        },
        {
          hreflang: 'fr-CH',
          url: 'https://shop.example.ch/fr/p/t-shirt-en-coton-biologique-bleu-marine/APP-TEE-NAV',
          country: 'CH',
          locale: 'fr',
        },
        { hreflang: 'en-GB', url: 'https://shop.example.co.uk/p/organic-cotton-tee-navy/APP-TEE-NAV', country: 'GB', locale: 'en' },
        { hreflang: 'en-US', url: 'https://shop.example.com/en-us/p/organic-cotton-tee-navy/APP-TEE-NAV', country: 'US', locale: 'en' },
        {
          hreflang: 'ja-JP',
          url: `https://shop.example.jp/p/${encodeURIComponent('オーガニックコットンtシャツ-ネイビー')}/APP-TEE-NAV`,
          country: 'JP',
          locale: 'ja',
        },
      ]),
    );
    expect(alternates.at(-1)).toEqual({
      hreflang: 'x-default',
      url: 'https://shop.example.com/p/organic-cotton-tee-navy/APP-TEE-NAV',
      country: null,
      locale: 'en',
    });
    // Sorted and one per site: every page of the set prints this same list.
    const hreflangs = alternates.map((alternate) => alternate.hreflang);
    expect(hreflangs.slice(0, -1)).toEqual([...hreflangs.slice(0, -1)].sort());
    expect(new Set(hreflangs).size).toBe(hreflangs.length);
    // Every seeded site in a language the tee is written in (English, German, French, Japanese, Arabic, Chinese).
    const expected = storefrontSiteDocuments()
      .filter((site) => ['en', 'de', 'fr', 'ja', 'ar', 'zh'].includes(new Intl.Locale(site.locale).language))
      .map((site) => site._id);
    expect([...hreflangs].sort()).toEqual([...expected].sort());
  });

  it('leaves out the sites whose page would only show a fallback (no Arabic, Italian or Dutch title for the merino sweater)', async () => {
    const response = await graphql(stack.gatewayUrl, ALTERNATES, { id: stableObjectIdHex('APP-MERINO-OLI') });
    expect(response.errors).toBeUndefined();
    const hreflangs = response.data.product.alternates.map((alternate: Alternate) => alternate.hreflang);
    expect(hreflangs).toEqual(expect.arrayContaining(['de-CH', 'de-DE', 'en-GB', 'en-US', 'fr-CH', 'ja-JP', 'x-default']));
    for (const missing of ['ar-KW', 'it-CH', 'nl-NL']) expect(hreflangs).not.toContain(missing);
  });

  it('costs the same database commands for a listing of 20 products as for 2, and never reads the sites per request', async () => {
    const LISTING = /* GraphQL */ `
      query Listing($first: Int!) { products(first: $first) { nodes { sku content(locale: "de-CH") { title } alternates { hreflang url } } } }
    `;
    const commandsFor = async (first: number) => {
      commands.length = 0;
      const response = await graphql(stack.gatewayUrl, LISTING, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data.products.nodes).toHaveLength(first);
      for (const node of response.data.products.nodes) expect(node.alternates.at(-1).hreflang).toBe('x-default');
      return [...commands].sort();
    };
    await commandsFor(2); // the first request of a freshness window reads the sites
    const small = await commandsFor(2);
    const large = await commandsFor(20);
    expect(large).toEqual(small);
    expect(large.filter((entry) => entry.includes('.product_translations:'))).toHaveLength(1);
    expect(large.filter((entry) => entry.includes('.storefront_sites:'))).toEqual([]);
  });
});
