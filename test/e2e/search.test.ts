import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNameOf } from '../../subgraphs/common/config.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { createLocalizationModels } from '../../subgraphs/localization/models.ts';
import { postingBytesOf } from '../../subgraphs/localization/services/search-documents.ts';
import { rebuildProductSearch } from '../../subgraphs/localization/services/rebuild-product-search.ts';
import { writeProductTexts } from '../../subgraphs/localization/services/write-product-texts.ts';
import { unpackPostings } from '../../subgraphs/localization/domain/index.ts';
import { graphql, startTestStack, type TestStack } from './stack.ts';

let stack: TestStack;
let localization: Connection;
beforeAll(async () => {
  stack = await startTestStack();
  localization = await mongoose
    .createConnection(stack.mongodbUri, { dbName: databaseNameOf('localization', { MERIDIAN_DB_PREFIX: stack.databasePrefix }) })
    .asPromise();
});
afterAll(async () => {
  await localization?.close();
  await stack?.stop();
});

const SEARCH = /* GraphQL */ `
  query Search($query: String!, $locale: Locale, $first: Int, $after: String) {
    searchProducts(query: $query, locale: $locale, first: $first, after: $after) {
      locale
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor score locale isFallback matchedFields node { sku } }
    }
  }
`;

interface SearchEdge {
  cursor: string;
  score: number;
  locale: string;
  isFallback: boolean;
  matchedFields: string[];
  node: { sku: string };
}

async function search(query: string, locale: string | null, extra: { first?: number; after?: string } = {}) {
  const response = await graphql(stack.gatewayUrl, SEARCH, { query, locale, ...extra });
  expect(response.errors).toBeUndefined();
  return response.data.searchProducts as {
    locale: string;
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: SearchEdge[];
  };
}

const skusOf = (edges: SearchEdge[]) => edges.map((edge) => edge.node.sku);
const HEADPHONES = ['ELE-ANC-BLA', 'ELE-ANC-SAN', 'ELE-ANC-SIL'];
const MATCHA = ['PAN-MATCHA-100', 'PAN-MATCHA-1K', 'PAN-MATCHA-30'];

describe('searchProducts: the catalog searched in the shopper’s language, through the gateway', () => {
  it('finds the headphones for "Kopfhörer" in German, in their German title', async () => {
    const result = await search('Kopfhörer', 'de-CH');
    expect(result.locale).toBe('de');
    expect(skusOf(result.edges).sort()).toEqual(HEADPHONES);
    for (const edge of result.edges) {
      expect(edge).toMatchObject({ locale: 'de', isFallback: false });
      expect(edge.matchedFields).toContain('TITLE');
    }
  });

  it('folds case and accents: "KOPFHORER" finds them too', async () => {
    expect(skusOf((await search('KOPFHORER', 'de')).edges).sort()).toEqual(HEADPHONES);
  });

  it('finds the headphones for "casque" in French, and for the plural "casques" (stemming)', async () => {
    expect(skusOf((await search('casque', 'fr')).edges).sort()).toEqual(HEADPHONES);
    expect(skusOf((await search('casques', 'fr')).edges).sort()).toEqual(HEADPHONES);
  });

  it('finds the matcha for "抹茶" in Japanese (word segmentation)', async () => {
    const result = await search('抹茶', 'ja');
    expect(skusOf(result.edges).sort()).toEqual(MATCHA);
    expect(result.edges[0]).toMatchObject({ locale: 'ja', isFallback: false });
  });

  it('forgives a typo in a long word: "headfone" still finds the headphones', async () => {
    expect(skusOf((await search('headfone', 'en')).edges).sort()).toEqual(HEADPHONES);
    // Short words get no typo: "tea" is not "tee".
    expect(skusOf((await search('tea', 'en')).edges)).not.toContain('APP-TEE-NAV');
  });

  it('ranks a title match above a description match', async () => {
    // "Noise-Cancelling" is in the headphones' title; other products have it, if at all, in a description only.
    const result = await search('cancelling', 'en');
    expect(skusOf(result.edges).slice(0, 3).sort()).toEqual(HEADPHONES);
    expect(result.edges[0]!.matchedFields).toEqual(['TITLE', 'DESCRIPTION']);
  });

  it('reports an English fallback where the product has no text in the shopper’s language, like content does', async () => {
    // The canvas sneakers have no French title: a French shopper finds them through their English text.
    const result = await search('sneaker', 'fr');
    expect(skusOf(result.edges).every((sku) => sku.startsWith('FTW-CANVAS'))).toBe(true);
    expect(result.edges.length).toBeGreaterThan(0);
    for (const edge of result.edges) expect(edge).toMatchObject({ locale: 'en', isFallback: true });
  });

  it('finds by category name and attribute label in the shopper’s language', async () => {
    const byCategory = await search('Elektronik', 'de');
    expect(skusOf(byCategory.edges)).toEqual(expect.arrayContaining([...HEADPHONES]));
    expect(byCategory.edges.find((edge) => edge.node.sku === 'ELE-ANC-BLA')!.matchedFields).toEqual(['CATEGORY']);
    // Every word must match: the black headphones only.
    expect(skusOf((await search('Kopfhörer schwarz', 'de')).edges)).toEqual(['ELE-ANC-BLA']);
  });

  it('pages with cursors: every result once, in order, and the count of all', async () => {
    const all = await search('Elektronik', 'de', { first: 100 });
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await search('Elektronik', 'de', { first: 2, ...(after ? { after } : {}) });
      seen.push(...skusOf(result.edges));
      expect(result.totalCount).toBe(all.totalCount);
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor!;
    }
    expect(seen).toEqual(skusOf(all.edges));
    expect(all.totalCount).toBe(all.edges.length);
  });

  it('refuses a query with no word, a forged cursor and a page size out of range, with BAD_USER_INPUT', async () => {
    for (const variables of [
      { query: ' ?! ' },
      { query: 'tee', after: 'bm90LWEtY3Vyc29y' },
      { query: 'tee', first: 101 },
      { query: 'x'.repeat(201) },
    ]) {
      const response = await graphql(stack.gatewayUrl, SEARCH, variables);
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).not.toMatch(/at .*\.ts:/);
    }
  });

  it('follows a change of a product’s text: a new German title is found, the old words no longer', async () => {
    const models = createLocalizationModels(localization);
    const id = stableObjectIdHex('ELE-ANC-SAN');
    const before = await models.ProductTranslation.findOne({ productId: id, locale: 'de' }).lean();
    await writeProductTexts(models, [
      { productId: id, locale: 'de', title: 'Bügelkopfhörer Sandfarben', description: before?.description ?? null },
    ]);
    expect(skusOf((await search('Bügelkopfhörer', 'de')).edges)).toEqual(['ELE-ANC-SAN']);
    expect(skusOf((await search('Geräuschunterdrückung kabellose', 'de')).edges)).not.toContain('ELE-ANC-SAN');
  });

  it('holds, after text changes, exactly the posting lists a rebuild of the whole index writes', async () => {
    const models = createLocalizationModels(localization);
    const id = stableObjectIdHex('ELE-ANC-BLA');
    const before = await models.ProductTranslation.findOne({ productId: id, locale: 'fr' }).lean();
    // "casque" moves from the title to the description, and a new word arrives.
    await writeProductTexts(models, [
      { productId: id, locale: 'fr', title: 'Écouteurs noirs', description: `${before?.title ?? ''} ${before?.description ?? ''}` },
    ]);
    const lists = async () =>
      (await models.SearchPostingList.find({}, { _id: 0, term: 1, locale: 1, bucket: 1, postings: 1 }).lean())
        .map((list) => `${list.locale} ${list.term} ${list.bucket} ${JSON.stringify(unpackPostings(postingBytesOf(list.postings)))}`)
        .sort();
    const incremental = await lists();
    const answers = await Promise.all(['casque', 'écouteurs', 'Kopfhörer'].map((word) => search(word, 'fr')));
    const facts = await models.SearchableProduct.find({}, { _id: 0, productId: 1, categoryPath: 1, attributes: 1 }).lean();
    await rebuildProductSearch(
      models,
      facts.map((fact) => ({ id: fact.productId, categoryPath: fact.categoryPath, attributes: fact.attributes })),
    );
    expect(await lists()).toEqual(incremental);
    expect(await Promise.all(['casque', 'écouteurs', 'Kopfhörer'].map((word) => search(word, 'fr')))).toEqual(answers);
    expect(skusOf(answers[1]!.edges)).toContain('ELE-ANC-BLA');
    expect(answers[0]!.edges.find((edge) => edge.node.sku === 'ELE-ANC-BLA')?.matchedFields).toEqual(['DESCRIPTION']);
  });
});
