import { describe, expect, it } from 'vitest';
import { PRODUCT_LINES, SEED_LOCALES } from '../../../scripts/seed/catalog.ts';
import { CONTENT_LOCALES } from '../../../subgraphs/localization/domain/content-locales.ts';

describe('seeded catalog text', () => {
  it('is written in exactly the locales the localization subgraph offers', () => {
    expect([...SEED_LOCALES]).toEqual([...CONTENT_LOCALES]);
  });

  it('has Traditional Chinese that is not a copy of the Simplified (where a line has both)', () => {
    const both = PRODUCT_LINES.filter((line) => line.title['zh-Hans'] && line.title['zh-Hant']);
    expect(both.map((line) => line.code)).toEqual(['APP-TEE', 'ELE-ANC', 'PAN-MATCHA']);
    for (const line of both) {
      expect(line.title['zh-Hant'], line.code).not.toBe(line.title['zh-Hans']);
      expect(line.description['zh-Hant'], line.code).not.toBe(line.description['zh-Hans']);
    }
  });

  it('has lines in one Chinese script only, so each fallback case is seeded', () => {
    const only = (script: 'zh-Hans' | 'zh-Hant', other: 'zh-Hans' | 'zh-Hant') =>
      PRODUCT_LINES.filter((line) => line.title[script] && !line.title[other]).map((line) => line.code);
    expect(only('zh-Hans', 'zh-Hant')).toEqual(['ELE-POWERBANK', 'ELE-CHARGER']);
    expect(only('zh-Hant', 'zh-Hans')).toEqual(['HOM-MILL']);
  });
});
