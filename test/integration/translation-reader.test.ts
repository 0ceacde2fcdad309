import type { CommandStartedEvent } from 'mongodb';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryCanonicalizeLocale } from '../../subgraphs/common/locale/index.ts';
import { CONTENT_LOCALES } from '../../subgraphs/localization/domain/content-locales.ts';
import { createLocalizationModels, type LocalizationModels } from '../../subgraphs/localization/models.ts';
import { createTranslationReader } from '../../subgraphs/localization/translation-reader.ts';
import { connectTestDatabase, type TestDatabase } from './test-database.ts';

// The translation reader over a real collection (embedded database, or MONGODB_URI), watching the queries the
// driver sends: it leaves out rows no chain reads, and never an answer's row.
let database: TestDatabase | undefined;
let connection: Connection;
let models: LocalizationModels;
const finds: Record<string, unknown>[] = [];

const BOOT = 'a'.repeat(24);
const TEE = 'b'.repeat(24);
const rows = [
  { productId: BOOT, locale: 'en', title: 'Hiking boot', description: 'Waterproof' },
  { productId: BOOT, locale: 'de', title: 'Wanderschuh', description: 'Wasserdicht' },
  { productId: BOOT, locale: 'ja', title: '登山靴', description: '防水' },
  { productId: BOOT, locale: 'iw', title: 'מגף', description: null },
  { productId: TEE, locale: 'en', title: 'Tee', description: null },
  { productId: TEE, locale: 'fr', title: 'T-shirt', description: null },
  { productId: TEE, locale: 'zh-hant', title: 'T恤', description: null },
];
const localesOf = (found: { locale: string }[]) => found.map((row) => row.locale).sort();
const reader = () =>
  createTranslationReader<{ productId: string; locale: string; title?: string | null }>(models, {
    _id: 0,
    productId: 1,
    locale: 1,
    title: 1,
  });

beforeAll(async () => {
  database = await connectTestDatabase('translations', { monitorCommands: true });
  connection = database.connection;
  models = createLocalizationModels(connection);
  await models.ProductTranslation.createIndexes();
  await models.ProductTranslation.collection.insertMany(rows.map((row) => ({ ...row })));
  connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    if (event.commandName === 'find' && event.command.find === 'product_translations')
      finds.push(event.command.filter as Record<string, unknown>);
  });
});
afterAll(async () => {
  await database?.stop();
});

describe('createTranslationReader', () => {
  it('leaves out only canonical content locales', () => {
    for (const locale of CONTENT_LOCALES) expect(tryCanonicalizeLocale(locale)).toBe(locale);
  });

  it('reads, in one query, the rows of the chains asked for in one tick plus rows stored under other spellings', async () => {
    finds.length = 0;
    const titles = reader();
    const [bootDe, teeDe, bootJa] = await Promise.all([
      titles.load(BOOT, ['de-AT', 'de', 'en']),
      titles.load(TEE, ['de-AT', 'de', 'en']),
      titles.load(BOOT, ['ja', 'en']),
    ]);
    expect(finds).toHaveLength(1);
    expect(finds[0]).toEqual({ productId: { $in: [BOOT, TEE] }, locale: { $nin: ['fr', 'ar', 'zh-Hans', 'zh-Hant'] } });
    expect(localesOf(bootDe)).toEqual(['de', 'en', 'iw', 'ja']);
    expect(bootJa).toBe(bootDe);
    expect(localesOf(teeDe)).toEqual(['en', 'zh-hant']);
    expect(bootDe[0]).not.toHaveProperty('description');
    expect(bootDe[0]).not.toHaveProperty('_id');
  });

  it('reads every row for a caller that reads every locale, and for a later chain that needs a row left out', async () => {
    finds.length = 0;
    const titles = reader();
    expect(localesOf(await titles.load(TEE, ['de', 'en']))).toEqual(['en', 'zh-hant']);
    // The French title was left out of the first read, so a French chain reads again, every locale.
    expect(localesOf(await titles.load(TEE, ['fr', 'en']))).toEqual(['en', 'fr', 'zh-hant']);
    expect(localesOf(await titles.load(TEE, null))).toEqual(['en', 'fr', 'zh-hant']);
    expect(finds).toEqual([
      { productId: { $in: [TEE] }, locale: { $nin: ['fr', 'ja', 'ar', 'zh-Hans', 'zh-Hant'] } },
      { productId: { $in: [TEE] } },
    ]);
    finds.length = 0;
    const all = reader();
    const [alternates, content] = await Promise.all([all.load(BOOT, null), all.load(BOOT, ['de', 'en'])]);
    expect(localesOf(alternates)).toEqual(['de', 'en', 'iw', 'ja']);
    expect(content).toBe(alternates);
    expect(finds).toEqual([{ productId: { $in: [BOOT] } }]);
  });
});
