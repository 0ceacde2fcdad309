import { describe, expect, it } from 'vitest';
import { memoCacheStats } from '../../../subgraphs/common/memo-cache.ts';
import { isValidTimeZone } from '../../../subgraphs/fulfillment/domain/time-zone.ts';

describe('isValidTimeZone', () => {
  it('knows IANA zones and refuses made-up names, first call and remembered call alike', () => {
    for (let call = 0; call < 2; call++) {
      expect(isValidTimeZone('Europe/Berlin')).toBe(true);
      expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
      expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    }
  });

  it('remembers at most its bound of names, however many distinct names it is asked about', () => {
    const { max } = memoCacheStats('fulfillment.zoneValidity');
    for (let index = 0; index < max + 50; index++) expect(isValidTimeZone(`Nowhere/Zone_${index}`)).toBe(false);
    expect(memoCacheStats('fulfillment.zoneValidity').size).toBe(max);
    expect(isValidTimeZone('America/New_York')).toBe(true);
  });
});
