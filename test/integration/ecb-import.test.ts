import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { connectDatabase, ensureIndexes } from '../../subgraphs/common/database.ts';
import { convert } from '../../subgraphs/pricing/domain/fx.ts';
import { moneyFromDecimal, toDecimalString } from '../../subgraphs/pricing/domain/money.ts';
import { importEcbRates } from '../../subgraphs/pricing/import-ecb.ts';
import { createPricingModels, type PricingModels } from '../../subgraphs/pricing/models.ts';
import { createPricingReference } from '../../subgraphs/pricing/reference-data.ts';
import { startTestServer } from '../devdb/server.ts';

// Real-format ECB fixtures written here (eurofxref-daily.xml / eurofxref-hist.xml structure), not copied files.
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
  `\t\t<Cube time='${time}'>\n${rows.map(([currency, rate]) => `\t\t\t<Cube currency='${currency}' rate='${rate}'/>\n`).join('')}\t\t</Cube>\n`;

let server: Awaited<ReturnType<typeof startTestServer>>;
const connections: Connection[] = [];

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
});
afterAll(async () => {
  for (const connection of connections) {
    await connection.dropDatabase();
    await connection.close();
  }
  await server?.stop();
});

async function freshModels(name: string): Promise<PricingModels> {
  const connection = await connectDatabase(server.uri, server.databaseName(name));
  connections.push(connection);
  const models = createPricingModels(connection);
  await ensureIndexes(connection);
  return models;
}

describe('importEcbRates (real ECB formats)', () => {
  it('imports a daily file holding a withdrawn currency (HRK, 2017-03-08) whole', async () => {
    const models = await freshModels('hrk');
    const result = await importEcbRates(
      models,
      envelope(
        day('2017-03-08', [
          ['USD', '1.0556'],
          ['JPY', '120.65'],
          ['HRK', '7.4213'],
        ]),
      ),
    );
    expect(result).toMatchObject({ days: 1, rates: 3, inserted: 3, skipped: [] });
    expect(await models.FxRate.findOne({ quote: 'HRK' }).lean()).toMatchObject({ base: 'EUR', rate: '7.4213', source: 'ECB' });
  });

  it('skips a malformed row, reporting its line, and stores the rest of the file', async () => {
    const models = await freshModels('malformed');
    const xml = envelope(
      day('2017-03-08', [
        ['USD', '1.0556'],
        ['JPY', '120,65'],
        ['GBP', '0.86560'],
      ]) + day('2017-03-07', [['USD', '1.0565']]),
    );
    const result = await importEcbRates(models, xml);
    expect(result.skipped).toEqual([{ line: 10, reason: expect.stringContaining('"120,65" for JPY') }]);
    expect(result.rates).toBe(3);
    expect(await models.FxRate.countDocuments()).toBe(3);
    expect(await models.FxRate.countDocuments({ quote: 'JPY' })).toBe(0);
  });

  it('imports a two-day history, and a re-import changes nothing', async () => {
    const models = await freshModels('history');
    const xml = envelope(
      day('2020-06-12', [
        ['USD', '1.1265'],
        ['GBP', '0.89728'],
      ]) +
        day('2020-06-11', [
          ['USD', '1.1375'],
          ['GBP', '0.89290'],
        ]),
    );
    const first = await importEcbRates(models, xml, { batchSize: 3 });
    expect(first).toMatchObject({ days: 2, rates: 4, inserted: 4, updated: 0, unchanged: 0 });
    expect(first.first?.toISOString()).toBe('2020-06-11T14:00:00.000Z');
    expect(first.last?.toISOString()).toBe('2020-06-12T14:00:00.000Z');
    const before = await models.FxRate.find().sort({ quote: 1, asOf: 1 }).lean();

    const again = await importEcbRates(models, xml);
    expect(again).toMatchObject({ days: 2, rates: 4, inserted: 0, updated: 0, unchanged: 4 });
    expect(await models.FxRate.find().sort({ quote: 1, asOf: 1 }).lean()).toEqual(before);
  });

  it('takes a corrected rate for a day already imported as an update, not a second rate', async () => {
    const models = await freshModels('correction');
    await importEcbRates(models, envelope(day('2020-06-12', [['USD', '1.1265']])));
    const corrected = await importEcbRates(models, envelope(day('2020-06-12', [['USD', '1.1266']])));
    expect(corrected).toMatchObject({ inserted: 0, updated: 1 });
    expect((await models.FxRate.find({ quote: 'USD' }).lean()).map((rate) => rate.rate)).toEqual(['1.1266']);
  });

  it('a price at a pinned 2020 clock uses the 2020 rate and says so', async () => {
    const models = await freshModels('pinned-2020');
    await importEcbRates(
      models,
      envelope(day('2026-11-24', [['USD', '1.1523']]) + day('2020-06-12', [['USD', '1.1265']]) + day('2020-06-11', [['USD', '1.1375']])),
    );
    const reference = createPricingReference(models, 60_000);
    const now = new Date('2020-06-15T08:00:00Z'); // a Monday morning: Friday's fixing is the newest published
    const rates = await reference.fxRatesAsOf(now);
    expect(rates.map((rate) => `${rate.quote} ${rate.rate} ${rate.asOf.toISOString()}`)).toEqual(['USD 1.1265 2020-06-12T14:00:00.000Z']);

    const conversion = convert(moneyFromDecimal('100.00', 'EUR'), 'USD', rates, { now, maxAgeHours: 96, rounding: 'HALF_UP' });
    expect(toDecimalString(conversion.money)).toBe('112.65');
    expect(conversion).toMatchObject({ rate: '1.1265', source: 'ECB', stale: false });
    expect(conversion.asOf.toISOString()).toBe('2020-06-12T14:00:00.000Z');

    // Today's clock sees today's rate from the same collection.
    const today = await reference.fxRatesAsOf(new Date('2026-11-25T10:00:00Z'));
    expect(today.map((rate) => rate.rate)).toEqual(['1.1523']);
  });

  it('keeps withdrawn currencies out of markets and prices: history only', async () => {
    const models = await freshModels('presentment');
    const market = new models.Market({
      country: 'HR',
      currency: 'HRK',
      locale: 'hr-HR',
      taxDisplay: 'inclusive',
      incoterm: 'DDP',
      presentment: { kind: 'exponent' },
      fxMarginBps: 0,
    });
    expect(market.validateSync()?.errors['currency']?.message).toContain('HRK is not an ISO 4217 payment currency');
    expect(
      new models.BasePrice({ productId: 'a'.repeat(24), currency: 'BGN', amountMinor: 100, taxCategory: 'standard' }).validateSync()
        ?.errors['currency'],
    ).toBeDefined();
    expect(
      new models.FxRate({ base: 'EUR', quote: 'HRK', rate: '7.4213', source: 'ECB', asOf: new Date() }).validateSync(),
    ).toBeUndefined();
  });

  it('refuses a file that is not an ECB file, storing nothing', async () => {
    const models = await freshModels('refused');
    await expect(importEcbRates(models, '<html><body>Service unavailable</body></html>')).rejects.toThrow(/ECB/);
    expect(await models.FxRate.countDocuments()).toBe(0);
  });
});
