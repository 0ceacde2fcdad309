import { describe, expect, it } from 'vitest';
import { assertCurrency, isHistoricCurrency, isRateHistoryCurrency } from '../../../subgraphs/common/contract/currency.ts';
import { EcbReader, readEcbDays, type EcbDay, type EcbProblem } from '../../../subgraphs/pricing/domain/ecb.ts';
import { expectDomainError } from './helpers.ts';

// Real-format fixtures written here: the structure of eurofxref-daily.xml / eurofxref-hist.xml, double quotes
// as in the history file. The 2017-03-08 rates are the ones the issue quotes (USD 1.0556, JPY 120.65, HRK 7.4213).
const envelope = (days: string) => `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
${days}\t</Cube>
</gesmes:Envelope>
`;
const day = (time: string, rows: ReadonlyArray<readonly [string, string]>) =>
  `\t\t<Cube time="${time}">\n${rows.map(([currency, rate]) => `\t\t\t<Cube currency="${currency}" rate="${rate}"/>\n`).join('')}\t\t</Cube>\n`;

const DAILY_2017_03_08 = envelope(
  day('2017-03-08', [
    ['USD', '1.0556'],
    ['JPY', '120.65'],
    ['HRK', '7.4213'],
    ['GBP', '0.86560'],
  ]),
);

function readAll(xml: string): { days: EcbDay[]; problems: EcbProblem[] } {
  const reader = new EcbReader();
  const days = [...reader.write(xml), ...reader.close()];
  return { days, problems: reader.problems };
}

describe('EcbReader (daily and history files, streamed)', () => {
  it('reads a daily file with a withdrawn currency (HRK, 2017) as history', () => {
    const { days, problems } = readAll(DAILY_2017_03_08);
    expect(problems).toEqual([]);
    expect(days).toHaveLength(1);
    expect(days[0]!.asOf.toISOString()).toBe('2017-03-08T15:00:00.000Z');
    expect(days[0]!.rates.map((rate) => `${rate.quote} ${rate.rate}`)).toEqual(['USD 1.0556', 'JPY 120.65', 'HRK 7.4213', 'GBP 0.86560']);
    expect(days[0]!.problems).toEqual([]);
  });

  it('reports a malformed row with its line, skips it, and keeps the rest of the file', () => {
    const xml = envelope(
      day('2017-03-08', [
        ['USD', '1.0556'],
        ['JPY', 'N/A'],
        ['XYZ', '1.5'],
        ['CHF', '1.0668'],
        ['CHF', '1.07'],
      ]) + day('2017-03-07', [['USD', '1.0565']]),
    );
    const { days } = readAll(xml);
    expect(days.map((d) => d.rates.map((rate) => rate.quote))).toEqual([['USD', 'CHF'], ['USD']]);
    expect(days[0]!.problems).toEqual([
      { line: 10, reason: expect.stringContaining('invalid rate "N/A" for JPY') },
      { line: 11, reason: expect.stringContaining('XYZ is not an ISO 4217 currency code') },
      { line: 13, reason: expect.stringContaining('CHF appears twice') },
    ]);
  });

  it('skips a row whose XML is broken without taking a neighbour’s rate for it', () => {
    // An unclosed quote swallows the next row: neither GBP nor CHF may be stored with a wrong rate.
    const xml = envelope(
      day('2017-03-08', [['USD', '1.0556']]).replace(
        '\t\t</Cube>',
        '\t\t\t<Cube currency="GBP" rate="0.86 />\n\t\t\t<Cube currency="CHF" rate="1.0668"/>\n\t\t\t<Cube currency="JPY" rate="120.65"/>\n\t\t</Cube>',
      ),
    );
    const { days } = readAll(xml);
    expect(days[0]!.rates.map((rate) => `${rate.quote} ${rate.rate}`)).toEqual(['USD 1.0556', 'JPY 120.65']);
    expect(days[0]!.problems).toEqual([{ line: 10, reason: expect.stringContaining('not well-formed XML') }]);
  });

  it('reads a two-day history newest first, each day at its own fixing', () => {
    const xml = envelope(
      day('2020-06-12', [
        ['USD', '1.1265'],
        ['HRK', '7.5620'],
      ]) + day('2020-06-11', [['USD', '1.1375']]),
    );
    const { days } = readAll(xml);
    expect(days.map((d) => [d.time, d.asOf.toISOString(), d.rates.length])).toEqual([
      ['2020-06-12', '2020-06-12T14:00:00.000Z', 2], // 16:00 CEST
      ['2020-06-11', '2020-06-11T14:00:00.000Z', 1],
    ]);
  });

  it('gives the same days however the text is cut into chunks (streaming)', async () => {
    const xml = envelope(
      day('2020-06-12', [['USD', '1.1265']]) +
        day('2020-06-11', [
          ['USD', '1.1375'],
          ['JPY', 'oops'],
        ]),
    );
    const whole = readAll(xml).days;
    const bytes = new TextEncoder().encode(xml);
    async function* sevenByteChunks() {
      for (let at = 0; at < bytes.length; at += 7) yield bytes.subarray(at, at + 7);
    }
    const streamed: EcbDay[] = [];
    for await (const d of readEcbDays(sevenByteChunks())) streamed.push(d);
    expect(streamed).toEqual(whole);
  });

  it('refuses what is not an ECB file at all, and a file with no day', () => {
    expect(() => readAll('<html><body>Service unavailable</body></html>')).toThrow(/ECB/);
    expect(() => readAll('{"rates":{}}')).toThrow(/ECB/);
    expect(() => readAll(envelope(''))).toThrow(/no <Cube time/);
  });

  it('reports a day with a bad date and skips its rows, keeping the other days', () => {
    const { days, problems } = readAll(envelope(day('2017-02-30', [['USD', '1.05']]) + day('2017-03-01', [['USD', '1.06']])));
    expect(days.map((d) => d.time)).toEqual(['2017-03-01']);
    expect(problems).toEqual([{ line: 8, reason: expect.stringContaining('2017-02-30') }]);
  });
});

describe('withdrawn ISO 4217 currencies', () => {
  it('are rate history, never a currency a shopper pays in', () => {
    for (const code of ['HRK', 'CYP', 'LTL', 'SIT', 'SKK', 'EEK', 'LVL', 'MTL', 'TRL', 'ROL', 'BGN']) {
      expect(isHistoricCurrency(code)).toBe(true);
      expect(isRateHistoryCurrency(code)).toBe(true);
      expectDomainError(() => assertCurrency(code), 'BAD_USER_INPUT', code, 'withdrawn');
    }
    expect(isHistoricCurrency('EUR')).toBe(false);
    expect(isRateHistoryCurrency('EUR')).toBe(true);
    expect(isRateHistoryCurrency('XYZ')).toBe(false);
  });
});
