// `node scripts/generate-ecb-history.ts OUT.xml [--from 1999-01-04] [--to 2026-11-27] [--malformed N]`: writes a
// synthetic file in the exact format of the ECB's full history, eurofxref-hist.xml (gesmes:Envelope → Cube →
// one <Cube time> per TARGET business day, newest first → <Cube currency rate>), for measuring `npm run
// import:ecb`. The rates are a deterministic random walk, NOT the ECB's: never seed them as real data. The
// currencies and the periods they were published over follow the real file (withdrawn ones — CYP, MTL, SIT,
// SKK, EEK, LVL, LTL, ROL, TRL, HRK, BGN — stop when the euro or a redenomination replaced them), so the
// generated file is full-history sized (~7 200 days, ~30 rates a day, ~40 currencies over the years).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: 'string', default: '1999-01-04' },
    to: { type: 'string', default: '2026-11-27' },
    malformed: { type: 'string', default: '0' },
  },
});
const out = positionals[0];
if (!out) {
  console.error('Usage: node scripts/generate-ecb-history.ts OUT.xml [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--malformed N]');
  process.exit(2);
}

// code, first rate, decimals, first day published, last day published (inclusive; null = still published).
const CURRENCIES: ReadonlyArray<readonly [string, number, number, string, string | null]> = [
  ['USD', 1.17, 4, '1999-01-04', null],
  ['JPY', 133.7, 2, '1999-01-04', null],
  ['BGN', 1.9558, 4, '2000-07-19', '2025-12-31'],
  ['CYP', 0.5823, 5, '1999-01-04', '2007-12-31'],
  ['CZK', 35.1, 3, '1999-01-04', null],
  ['DKK', 7.4501, 4, '1999-01-04', null],
  ['EEK', 15.6466, 4, '1999-01-04', '2010-12-31'],
  ['GBP', 0.7111, 5, '1999-01-04', null],
  ['HUF', 251.48, 2, '1999-01-04', null],
  ['LTL', 4.717, 4, '1999-01-04', '2014-12-31'],
  ['LVL', 0.6668, 4, '1999-01-04', '2013-12-31'],
  ['MTL', 0.4432, 4, '1999-01-04', '2007-12-31'],
  ['PLN', 4.0712, 4, '1999-01-04', null],
  ['ROL', 13111, 0, '1999-01-04', '2005-06-30'],
  ['RON', 3.6, 4, '2005-07-01', null],
  ['SEK', 9.4696, 4, '1999-01-04', null],
  ['SIT', 189.045, 3, '1999-01-04', '2006-12-31'],
  ['SKK', 42.991, 3, '1999-01-04', '2008-12-31'],
  ['CHF', 1.6168, 4, '1999-01-04', null],
  ['ISK', 81.48, 2, '1999-01-04', null],
  ['NOK', 8.855, 4, '1999-01-04', null],
  ['HRK', 7.4, 4, '2005-04-01', '2022-12-30'],
  ['RUB', 35.2, 4, '2005-04-01', '2022-03-01'],
  ['TRL', 1.0 * 651000, 0, '1999-01-04', '2004-12-31'],
  ['TRY', 1.77, 4, '2005-01-03', null],
  ['AUD', 1.91, 4, '1999-01-04', null],
  ['BRL', 3.4, 4, '2005-04-01', null],
  ['CAD', 1.8004, 4, '1999-01-04', null],
  ['CNY', 10.7, 4, '2005-04-01', null],
  ['HKD', 9.15, 4, '1999-01-04', null],
  ['IDR', 12000, 2, '2005-04-01', null],
  ['ILS', 5.6, 4, '2005-04-01', null],
  ['INR', 56.5, 4, '2005-04-01', null],
  ['KRW', 1398, 2, '1999-01-04', null],
  ['MXN', 14.5, 4, '2005-04-01', null],
  ['MYR', 4.9, 4, '2005-04-01', null],
  ['NZD', 2.2229, 4, '1999-01-04', null],
  ['PHP', 70.5, 3, '2005-04-01', null],
  ['SGD', 1.9554, 4, '1999-01-04', null],
  ['THB', 50.1, 3, '2005-04-01', null],
  ['ZAR', 6.9358, 4, '1999-01-04', null],
];

// A small deterministic PRNG (mulberry32), so every run writes the same file.
let seed = 0x5eed_ecb;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const DAY_MS = 86_400_000;
const from = Date.parse(`${values.from}T00:00:00Z`);
const to = Date.parse(`${values.to}T00:00:00Z`);
// TARGET closing days that fall on fixed dates (Easter is not modelled: two extra rows a year do not matter here).
const isBusinessDay = (date: Date) => {
  const weekday = date.getUTCDay();
  const monthDay = date.toISOString().slice(5, 10);
  return weekday !== 0 && weekday !== 6 && !['01-01', '05-01', '12-25', '12-26'].includes(monthDay);
};
const days: string[] = [];
for (let t = from; t <= to; t += DAY_MS) if (isBusinessDay(new Date(t))) days.push(new Date(t).toISOString().slice(0, 10));

// Walk forward in time, then write newest first as the ECB does.
const levels = new Map(CURRENCIES.map(([code, start]) => [code, start]));
const malformed = Number(values.malformed);
const malformedEvery = malformed > 0 ? Math.floor(days.length / malformed) : 0;
const blocks: string[] = [];
let rates = 0;
days.forEach((day, index) => {
  const rows: string[] = [];
  for (const [code, , decimals, first, last] of CURRENCIES) {
    if (day < first || (last !== null && day > last)) continue;
    const level = levels.get(code)! * (1 + (random() - 0.5) * 0.01);
    levels.set(code, level);
    rows.push(`\t\t\t<Cube currency="${code}" rate="${level.toFixed(decimals)}"/>`);
  }
  if (malformedEvery > 0 && index % malformedEvery === malformedEvery - 1) rows[0] = rows[0]!.replace(/rate="[^"]*"/, 'rate="N/A"');
  rates += rows.length;
  blocks.push(`\t\t<Cube time="${day}">\n${rows.join('\n')}\n\t\t</Cube>\n`);
});

const stream = createWriteStream(out);
const write = async (text: string) => {
  if (!stream.write(text)) await once(stream, 'drain');
};
await write(
  '<?xml version="1.0" encoding="UTF-8"?>\n<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" ' +
    'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">\n\t<gesmes:subject>Reference rates</gesmes:subject>\n' +
    '\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n\t<Cube>\n',
);
for (let index = blocks.length - 1; index >= 0; index -= 1) await write(blocks[index]!);
await write('\t</Cube>\n</gesmes:Envelope>\n');
stream.end();
await once(stream, 'finish');
console.error(`Wrote ${out}: ${days.length} days, ${rates} rates (synthetic, ECB history format), ${stream.bytesWritten} bytes`);
