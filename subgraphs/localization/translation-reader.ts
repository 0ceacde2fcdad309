import DataLoader from 'dataloader';
import { findDocuments } from '../common/find-documents.ts';
import { MAX_IN_BATCH } from '../common/loaders.ts';
import { CONTENT_LOCALES } from './domain/index.ts';
import type { LocalizationModels, ProductTranslationDocument } from './models.ts';

/** Rows a translation query may return in its first reply (the driver's default of 101 costs a getMore). */
const FIRST_BATCH = 5_000;

/**
 * A product's translations for one request, one `$in` query per tick. `locales` is the chain a resolver reads
 * along (null: it reads every locale). A listing in German reads its German and English rows, not every
 * language's: the query leaves out the rows stored under a content locale no caller of the batch reads.
 */
export interface TranslationReader<Row> {
  load(productId: string, locales: readonly string[] | null): Promise<Row[]>;
}

interface LoadedRows<Row> {
  rows: Row[];
  /** Content locales whose rows the query left out. */
  skipped: ReadonlySet<string>;
}

/**
 * Only content locales (canonical tags, see `CONTENT_LOCALES`) are ever left out: a row stored under another
 * spelling (`iw`, `zh-hant`) is read whatever the chain, since only its canonical form says whether a chain
 * reaches it. Rows left out are exactly rows no chain of the batch reaches, so answers are those of reading
 * every row; a caller whose chain needs a left-out locale (one that loaded in an earlier tick) reads every row.
 */
export function createTranslationReader<Row extends Pick<ProductTranslationDocument, 'productId' | 'locale'>>(
  models: LocalizationModels,
  projection: Record<string, 0 | 1>,
): TranslationReader<Row> {
  // Content locales some caller of this request reads; null once a caller reads every locale.
  let wanted: Set<string> | null = new Set();
  const find = async (productIds: readonly string[], skipped: readonly string[]): Promise<Row[][]> => {
    const filter =
      skipped.length > 0 ? { productId: { $in: [...productIds] }, locale: { $nin: skipped } } : { productId: { $in: [...productIds] } };
    const rows = await findDocuments<Row>(models.ProductTranslation, filter, { projection, batchSize: FIRST_BATCH });
    const byProduct = new Map<string, Row[]>();
    for (const row of rows) {
      const group = byProduct.get(row.productId);
      if (group) group.push(row);
      else byProduct.set(row.productId, [row]);
    }
    return productIds.map((id) => byProduct.get(id) ?? []);
  };
  const chosen = new DataLoader<string, LoadedRows<Row>>(
    async (productIds) => {
      const skipped = wanted === null ? [] : CONTENT_LOCALES.filter((locale) => !wanted!.has(locale));
      const skippedSet = new Set(skipped);
      return (await find(productIds, skipped)).map((rows) => ({ rows, skipped: skippedSet }));
    },
    { maxBatchSize: MAX_IN_BATCH },
  );
  let everyLocale: DataLoader<string, Row[]> | undefined;
  return {
    async load(productId, locales) {
      if (locales === null) wanted = null;
      else if (wanted !== null) for (const locale of locales) wanted.add(locale);
      const loaded = await chosen.load(productId);
      if (loaded.skipped.size === 0 || (locales !== null && !locales.some((locale) => loaded.skipped.has(locale)))) return loaded.rows;
      everyLocale ??= new DataLoader<string, Row[]>((productIds) => find(productIds, []), { maxBatchSize: MAX_IN_BATCH });
      return everyLocale.load(productId);
    },
  };
}
