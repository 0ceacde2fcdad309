import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEcbDailyXml } from '../../../subgraphs/pricing/domain/ecb.ts';
import { expectDomainError } from './helpers.ts';

// The shape of https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml, single-quoted attributes and all.
const daily = (time: string, cubes: string) => `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
\t\t<Cube time='${time}'>
${cubes}
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>`;

describe('parseEcbDailyXml', () => {
  it('reads EUR-based rates exactly as published, dated at the 16:00 Frankfurt fixing', () => {
    const parsed = parseEcbDailyXml(
      daily('2025-01-15', "\t\t\t<Cube currency='USD' rate='1.0300'/>\n\t\t\t<Cube currency='JPY' rate='161.69'/>"),
    );
    expect(parsed.asOf.toISOString()).toBe('2025-01-15T15:00:00.000Z'); // 16:00 CET = 15:00 UTC in winter
    expect(parsed.rates).toEqual([
      { base: 'EUR', quote: 'USD', rate: '1.0300', source: 'ECB', asOf: parsed.asOf }, // trailing zero kept: exact string
      { base: 'EUR', quote: 'JPY', rate: '161.69', source: 'ECB', asOf: parsed.asOf },
    ]);
  });

  it('uses Frankfurt wall-clock time in summer too (16:00 CEST = 14:00 UTC)', () => {
    const parsed = parseEcbDailyXml(daily('2025-07-15', "<Cube currency='USD' rate='1.1677'/>"));
    expect(parsed.asOf.toISOString()).toBe('2025-07-15T14:00:00.000Z');
  });

  it('parses the dated sample shipped in data/ and keeps only what it lists (no KWD)', () => {
    const xml = readFileSync(new URL('../../../scripts/seed/ecb-eurofxref-2026-11-24.xml', import.meta.url), 'utf8');
    const parsed = parseEcbDailyXml(xml);
    expect(parsed.asOf.toISOString()).toBe('2026-11-24T15:00:00.000Z');
    const quotes = parsed.rates.map((rate) => rate.quote);
    expect(quotes).toEqual(expect.arrayContaining(['USD', 'JPY', 'GBP', 'CHF']));
    expect(quotes).not.toContain('KWD');
    expect(new Set(quotes).size).toBe(quotes.length);
  });

  it('rejects files that are not the ECB daily format, saying why', () => {
    expectDomainError(() => parseEcbDailyXml('{"rates":{}}'), 'BAD_USER_INPUT', 'ECB');
    expectDomainError(() => parseEcbDailyXml('<rates><rate ccy="USD">1.1</rate></rates>'), 'BAD_USER_INPUT', 'gesmes:Envelope');
    expectDomainError(() => parseEcbDailyXml('<gesmes:Envelope><Cube><Cube time="2025-01-15">'), 'BAD_USER_INPUT', 'not well-formed');
  });

  it('rejects malformed days and rates', () => {
    expectDomainError(() => parseEcbDailyXml(daily('15.01.2025', "<Cube currency='USD' rate='1.03'/>")), 'BAD_USER_INPUT', '15.01.2025');
    expectDomainError(() => parseEcbDailyXml(daily('2025-02-30', "<Cube currency='USD' rate='1.03'/>")), 'BAD_USER_INPUT', '2025-02-30');
    expectDomainError(() => parseEcbDailyXml(daily('2025-01-15', "<Cube currency='USD' rate='1,03'/>")), 'BAD_USER_INPUT', '1,03', 'USD');
    expectDomainError(() => parseEcbDailyXml(daily('2025-01-15', "<Cube currency='USD' rate='0'/>")), 'BAD_USER_INPUT', 'USD');
    expectDomainError(() => parseEcbDailyXml(daily('2025-01-15', "<Cube currency='usd' rate='1.03'/>")), 'BAD_USER_INPUT', 'usd');
    expectDomainError(
      () => parseEcbDailyXml(daily('2025-01-15', "<Cube currency='USD' rate='1.03'/><Cube currency='USD' rate='1.04'/>")),
      'BAD_USER_INPUT',
      'twice',
    );
    expectDomainError(() => parseEcbDailyXml(daily('2025-01-15', '')), 'BAD_USER_INPUT', 'no rates');
  });

  it('rejects the multi-day history files: one file, one day', () => {
    const twoDays = daily('2025-01-15', "<Cube currency='USD' rate='1.03'/>").replace(
      '\t</Cube>\n</gesmes',
      "\t\t<Cube time='2025-01-14'><Cube currency='USD' rate='1.02'/></Cube>\n\t</Cube>\n</gesmes",
    );
    expectDomainError(() => parseEcbDailyXml(twoDays), 'BAD_USER_INPUT', 'found 2');
  });
});
