import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProducts } from '../../scripts/seed/catalog.ts';
import { SEEDERS } from '../../scripts/seed/index.ts';
import mongoose from 'mongoose';
import { findStockRows } from '../../subgraphs/fulfillment/loaders.ts';
import { createFulfillmentModels } from '../../subgraphs/fulfillment/models.ts';
import {
  productBySku,
  representationOf,
  startFulfillmentHarness,
  type FulfillmentHarness,
  type OperationResult,
} from './fulfillment/harness.ts';

// Wednesday 2026-11-25, 10:00 UTC: 05:00 in New Jersey, 11:00 in Venlo, 19:00 in Chiba (past its 14:00
// cut-off). Thursday 2026-11-26 is US Thanksgiving.
const NOW = '2026-11-25T10:00:00Z';

// ICU puts thin spaces (U+2009) around the en dash of a date range.
const DASH = '\u2009–\u2009';

const TEE = productBySku('APP-TEE-NAV'); // 180 g, 30×25×3 cm, stocked in New Jersey and Venlo
const SAKE = productBySku('PAN-SAKE-720'); // alcohol, Chiba only
const DRY_SHAMPOO_BLACK = productBySku('BTY-DRYSHAMPOO-BLK'); // aerosol, 0 units in Venlo and New Jersey
const HEADPHONES = productBySku('ELE-ANC-BLA'); // built-in lithium cell, Chiba only in black
const POWER_BANK = productBySku('ELE-POWERBANK-10K'); // standalone lithium battery, Chiba and New Jersey
const COFFEE_MILL = productBySku('HOM-MILL-BLA'); // Chiba only

const ESTIMATE = `
  shipTo shippable reason restrictedTag earliest latest processingDate shipDate cutoffAt minutesUntilCutoff
  holidayCalendarKnown fromWarehouse { id country } warehouseChoice`;

/** `_entities` for the given products, with `selection` inside `... on Product`. */
function entitiesQuery(selection: string): string {
  return `query Delivery($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Product { id ${selection} } }
  }`;
}

function noStackTraces(result: OperationResult): void {
  for (const error of result.errors ?? []) expect(error.extensions ?? {}).not.toHaveProperty('stacktrace');
  expect(JSON.stringify(result)).not.toMatch(/\n\s+at |\.ts:\d+/);
}

let harness: FulfillmentHarness;

beforeAll(async () => {
  harness = await startFulfillmentHarness(NOW);
});

afterAll(async () => {
  await harness?.stop();
});

describe('Product.delivery over _entities', () => {
  it('estimates one product to DE, US, JP, GB, CH and KW in the destination calendar, past cut-offs and holidays', async () => {
    const result = await harness.execute(
      entitiesQuery(
        ['DE', 'US', 'JP', 'GB', 'CH', 'KW'].map((country) => `${country}: delivery(shipTo: ${country}) { ${ESTIMATE} }`).join('\n'),
      ),
      { representations: [representationOf(TEE)] },
    );
    expect(result.errors).toBeUndefined();
    const tee = result.data!._entities[0];

    // Venlo is next door: ordered before its 17:00 cut-off (16:00 UTC), handed to DHL the same day,
    // delivered the next German business day or the one after.
    expect(tee.DE).toMatchObject({
      shipTo: 'DE',
      shippable: true,
      reason: null,
      fromWarehouse: { id: 'wh-nl-venlo', country: 'NL' },
      warehouseChoice: 'FASTEST',
      processingDate: '2026-11-25',
      shipDate: '2026-11-25',
      earliest: '2026-11-26',
      latest: '2026-11-27',
      cutoffAt: '2026-11-25T16:00:00.000Z',
      minutesUntilCutoff: 6 * 60,
      holidayCalendarKnown: true,
    });
    // Domestic from New Jersey (cut-off 15:00 EST = 20:00 UTC); Thanksgiving is no delivery day, so one
    // business day of UPS Ground lands on Friday and five on the next Thursday.
    expect(tee.US).toMatchObject({
      fromWarehouse: { id: 'wh-us-nj' },
      warehouseChoice: 'DOMESTIC',
      earliest: '2026-11-27',
      latest: '2026-12-03',
      cutoffAt: '2026-11-25T20:00:00.000Z',
      minutesUntilCutoff: 10 * 60,
    });
    // New Jersey's 15:00 collection is already Thursday morning in Tokyo; clearance + 2–4 days of DHL Express
    // skip the Japanese weekend. Venlo's DHL Express takes a day longer, so New Jersey is fastest.
    expect(tee.JP).toMatchObject({
      fromWarehouse: { id: 'wh-us-nj' },
      warehouseChoice: 'FASTEST',
      earliest: '2026-12-01',
      latest: '2026-12-03',
    });
    // UPS Express Saver from Venlo, one customs day after Brexit and Swiss import.
    expect(tee.GB).toMatchObject({
      fromWarehouse: { id: 'wh-nl-venlo' },
      earliest: '2026-11-27',
      latest: '2026-11-30',
      minutesUntilCutoff: 360,
    });
    expect(tee.CH).toMatchObject({ fromWarehouse: { id: 'wh-nl-venlo' }, earliest: '2026-11-27', latest: '2026-11-30' });
    // Kuwait works Sunday to Thursday: six business days after Wednesday skip Friday and Saturday. Its public
    // holidays are not in the dataset, which the estimate admits.
    expect(tee.KW).toMatchObject({ shippable: true, earliest: '2026-12-03', latest: '2026-12-07', holidayCalendarKnown: false });
  });

  it('lists every service of the chosen warehouse, fastest first, each with a ShippingCharge id for pricing', async () => {
    const result = await harness.execute(
      entitiesQuery(`
        de: delivery(shipTo: DE) { options { level carrier earliest latest chargeableWeightGrams charge { id } } freeShippingThreshold { id } }
        fr: delivery(shipTo: FR) { shippable fromWarehouse { id } options { level carrier charge { id } } freeShippingThreshold { id } }
        us: delivery(shipTo: US) { options { level earliest latest businessDaysMin businessDaysMax text(locale: "en-US") } }`),
      { representations: [representationOf(TEE)] },
    );
    expect(result.errors).toBeUndefined();
    const tee = result.data!._entities[0];
    // 30×25×3 cm = 2250 cm³ ÷ 5000 → 450 g bills more than the 180 g the tee weighs. Both services arrive on
    // the same days, so the cheaper comes first; charges stay in the lane's EUR for pricing to convert.
    expect(tee.de.options).toEqual([
      {
        level: 'STANDARD',
        carrier: 'DHL Paket',
        earliest: '2026-11-26',
        latest: '2026-11-27',
        chargeableWeightGrams: 450,
        charge: { id: 'EUR:590:DE' },
      },
      {
        level: 'EXPRESS',
        carrier: 'UPS',
        earliest: '2026-11-26',
        latest: '2026-11-27',
        chargeableWeightGrams: 450,
        charge: { id: 'EUR:1890:DE' },
      },
    ]);
    // Free shipping from €49.00: a threshold pricing presents, not a decision made here without the price.
    expect(tee.de.freeShippingThreshold).toEqual({ id: 'EUR:4900:DE' });
    // France is a market reached on the EU zone lanes, with its own threshold.
    expect(tee.fr).toMatchObject({ shippable: true, fromWarehouse: { id: 'wh-nl-venlo' }, freeShippingThreshold: { id: 'EUR:4900:FR' } });
    expect(tee.fr.options.map((option: { charge: { id: string } }) => option.charge.id)).toEqual(['EUR:1890:FR', 'EUR:990:FR']);
    // A one-day window reads as one date. The business days count from Wednesday 25 November in the US, past
    // Thanksgiving (26th) and the weekend: Friday 27th is the first, Thursday 3 December the fifth.
    expect(tee.us.options).toEqual([
      {
        level: 'STANDARD',
        earliest: '2026-11-27',
        latest: '2026-12-03',
        businessDaysMin: 1,
        businessDaysMax: 5,
        text: `Arrives Fri, Nov 27${DASH}Thu, Dec 3 (1–5 business days)`,
      },
      {
        level: 'EXPRESS',
        earliest: '2026-11-30',
        latest: '2026-11-30',
        businessDaysMin: 2,
        businessDaysMax: 2,
        text: 'Arrives Mon, Nov 30 (2 business days)',
      },
    ]);
  });

  it('writes the window in the locale asked for, else in the Accept-Language one, else in English', async () => {
    const query = entitiesQuery(`
      us: delivery(shipTo: US) { en: text(locale: "en-US") de: text(locale: "de-DE") ar: text(locale: "ar") hint: text
        orderWithin: orderWithinText(locale: "de-DE") }
      de: delivery(shipTo: DE) { de: text(locale: "de-DE") }`);
    const representations = [representationOf(TEE)];
    const explicit = (await harness.execute(query, { representations })).data!._entities[0];
    expect(explicit.us.en).toBe(`Arrives Fri, Nov 27${DASH}Thu, Dec 3 (1–5 business days)`);
    expect(explicit.us.de).toBe(`Lieferung Fr., 27. Nov.${DASH}Do., 3. Dez. (1–5 Werktage)`);
    expect(explicit.de.de).toBe(`Lieferung Do., 26.${DASH}Fr., 27. Nov. (1–2 Werktage)`);
    expect(explicit.us.ar).toMatch(/^موعد التوصيل: /);
    expect(explicit.us.ar).toContain('نوفمبر');
    expect(explicit.us.ar).toContain('ديسمبر');
    expect(explicit.us.hint).toBe(explicit.us.en); // no locale, no header: English
    expect(explicit.us.orderWithin).toBe('Bestellung innerhalb von 10 Stunden');

    const swiss = (await harness.execute(query, { representations }, { 'accept-language': 'de-CH, en;q=0.5' })).data!._entities[0];
    expect(swiss.us.hint).toBe(explicit.us.de);
    const kuwaiti = (await harness.execute(query, { representations }, { 'accept-language': 'ar-KW' })).data!._entities[0];
    expect(kuwaiti.us.hint).toMatch(/^موعد التوصيل: /);
    expect(kuwaiti.us.hint).toContain('٣'); // ar-KW writes Arabic-Indic digits
    expect(kuwaiti.us.hint).not.toMatch(/[0-9]/);
    const swahili = (await harness.execute(query, { representations }, { 'accept-language': 'sw' })).data!._entities[0];
    expect(swahili.us.hint).toBe(explicit.us.en); // no catalog for Swahili: English
  });

  it('says why a product cannot ship as data and as a localized sentence, never as an error', async () => {
    const notShippable = `shippable reason restrictedTag earliest fromWarehouse { id } options { carrier } text
      en: message(locale: "en") de: message(locale: "de-DE") ar: message(locale: "ar")`;
    const result = await harness.execute(
      entitiesQuery(`
        KW: delivery(shipTo: KW) { ${notShippable} }
        DE: delivery(shipTo: DE) { ${notShippable} }
        CH: delivery(shipTo: CH) { ${notShippable} options { level carrier } }`),
      { representations: [SAKE, TEE, DRY_SHAMPOO_BLACK, POWER_BANK, HEADPHONES].map(representationOf) },
    );
    expect(result.errors).toBeUndefined();
    const [sake, tee, dryShampoo, powerBank, headphones] = result.data!._entities;

    expect(sake.KW).toMatchObject({
      shippable: false,
      reason: 'RESTRICTED_GOODS',
      restrictedTag: 'alcohol',
      earliest: null,
      fromWarehouse: null,
      options: [],
      text: null,
    });
    expect(sake.KW.en).toBe('We cannot ship alcoholic beverages to Kuwait');
    expect(sake.KW.ar).toContain('الكويت');
    expect(tee.DE).toMatchObject({ shippable: true, reason: null, text: expect.any(String) });

    // Listed in Venlo and New Jersey, with 0 units in both.
    expect(dryShampoo.DE).toMatchObject({ shippable: false, reason: 'OUT_OF_STOCK' });
    expect(dryShampoo.DE.de).toBe('Derzeit nicht auf Lager');

    // A power bank may not fly to Switzerland and both warehouses carrying it only fly there; headphones with
    // a built-in cell may, so they go from Chiba by EMS.
    expect(powerBank.CH).toMatchObject({ shippable: false, reason: 'RESTRICTED_GOODS', restrictedTag: 'standalone-battery' });
    expect(headphones.CH).toMatchObject({ shippable: true, reason: null, fromWarehouse: { id: 'wh-jp-chiba' } });
    expect(headphones.CH.options[0]).toEqual({ carrier: 'Japan Post EMS', level: 'EXPRESS' });
  });

  it('a country we do not sell to is BAD_USER_INPUT with reason NOT_SOLD — an embargoed one too — costing only its own field', async () => {
    const result = await harness.execute(
      entitiesQuery(`
        CU: delivery(shipTo: CU) { shippable reason }
        BR: delivery(shipTo: BR) { shippable reason }
        NO: delivery(shipTo: NO) { shippable fromWarehouse { id } }`),
      { representations: [representationOf(TEE)] },
    );
    const [tee] = result.data!._entities;
    expect(tee.CU).toBeNull();
    expect(tee.BR).toBeNull();
    expect(tee.NO).toEqual({ shippable: true, fromWarehouse: { id: 'wh-nl-venlo' } });
    expect(
      result.errors!.map((error) => [
        error.path,
        error.message,
        error.extensions!.code,
        error.extensions!.reason,
        error.extensions!.country,
      ]),
    ).toEqual([
      [['_entities', 0, 'CU'], 'We do not sell to CU; Query.markets lists the countries we sell to', 'BAD_USER_INPUT', 'NOT_SOLD', 'CU'],
      [['_entities', 0, 'BR'], 'We do not sell to BR; Query.markets lists the countries we sell to', 'BAD_USER_INPUT', 'NOT_SOLD', 'BR'],
    ]);
  });

  it("processes an order placed after a warehouse's cut-off on its next working day", async () => {
    const result = await harness.execute(
      entitiesQuery(`JP: delivery(shipTo: JP) { ${ESTIMATE} orderWithinText(locale: "en") options { carrier } }`),
      { representations: [representationOf(COFFEE_MILL)] },
    );
    // 19:00 in Chiba is past its 14:00 cut-off: taken in Thursday, one handling day, collected Friday, and
    // Yamato's 1–2 days skip the weekend.
    expect(result.data!._entities[0].JP).toMatchObject({
      fromWarehouse: { id: 'wh-jp-chiba' },
      warehouseChoice: 'DOMESTIC',
      processingDate: '2026-11-26',
      shipDate: '2026-11-27',
      earliest: '2026-11-30',
      latest: '2026-12-01',
      cutoffAt: null,
      minutesUntilCutoff: null,
      orderWithinText: null,
      options: [{ carrier: 'Yamato Transport' }],
    });
  });

  it('takes the destination from x-ship-to-country when shipTo is omitted; with neither, BAD_USER_INPUT', async () => {
    const query = entitiesQuery('delivery { shipTo earliest fromWarehouse { id } }');
    const representations = [representationOf(TEE)];
    const fromHeader = await harness.execute(query, { representations }, { 'x-ship-to-country': 'jp' });
    expect(fromHeader.data!._entities[0].delivery).toEqual({ shipTo: 'JP', earliest: '2026-12-01', fromWarehouse: { id: 'wh-us-nj' } });
    // An argument beats the header.
    const explicit = await harness.execute(
      entitiesQuery('delivery(shipTo: DE) { shipTo }'),
      { representations },
      { 'x-ship-to-country': 'JP' },
    );
    expect(explicit.data!._entities[0].delivery.shipTo).toBe('DE');

    const neither = await harness.execute(query, { representations });
    // delivery is nullable: its error costs the field, not the entity.
    expect(neither.data!._entities[0].delivery).toBeNull();
    expect(neither.errors).toHaveLength(1);
    expect(neither.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(neither.errors![0]!.message).toContain('x-ship-to-country');
    expect(neither.errors![0]!.path).toEqual(['_entities', 0, 'delivery']);
    noStackTraces(neither);
  });

  it('refuses an unknown country, a representation without its @requires fields and a malformed charge id', async () => {
    const unknownCountry = await harness.execute(entitiesQuery('delivery(shipTo: XX) { shipTo }'), {
      representations: [representationOf(TEE)],
    });
    expect(unknownCountry.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(unknownCountry.errors![0]!.message).toContain('"XX"');
    noStackTraces(unknownCountry);

    const { weightGrams: _dropped, ...withoutWeight } = representationOf(TEE);
    const missing = await harness.execute(entitiesQuery('delivery(shipTo: DE) { shipTo }'), { representations: [withoutWeight] });
    // A representation without its @requires fields is a planning or server bug, not the client's mistake.
    expect(missing.errors![0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(missing.errors![0]!.message).toBe('Internal server error');
    noStackTraces(missing);

    const charges = await harness.execute('query($r: [_Any!]!) { _entities(representations: $r) { ... on ShippingCharge { id } } }', {
      r: [
        { __typename: 'ShippingCharge', id: 'EUR:590:DE' },
        { __typename: 'ShippingCharge', id: '5.90 EUR' },
      ],
    });
    expect(charges.data!._entities[0]).toEqual({ id: 'EUR:590:DE' });
    expect(charges.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    noStackTraces(charges);
  });
});

describe('a listing in one request', () => {
  it('answers every product exactly as it is answered alone (plans and sentences are shared only where equal)', async () => {
    // Products of a page share boxes, stock patterns and windows, so one request works each out once; every
    // field a product shows must still be its own.
    const query = entitiesQuery(`
      de: delivery(shipTo: DE) { ${ESTIMATE} text(locale: "de-DE") en: text(locale: "en-US") businessDaysMin businessDaysMax message(locale: "de-DE") }
      jp: delivery(shipTo: JP) { shippable reason earliest latest fromWarehouse { id } text(locale: "ja-JP") message(locale: "ja-JP") options { level earliest latest charge { id } } }
      us: delivery(shipTo: US) { earliest latest hint: text options { text(locale: "en-US") } }`);
    const products = seedProducts();
    const together = await harness.execute(query, { representations: products.map(representationOf) }, { 'accept-language': 'de-CH' });
    expect(together.errors).toBeUndefined();
    const alone = await Promise.all(
      products.map(
        async (product) =>
          (await harness.execute(query, { representations: [representationOf(product)] }, { 'accept-language': 'de-CH' })).data!
            ._entities[0],
      ),
    );
    expect(together.data!._entities).toEqual(alone);
    // The catalog has products that ship and products that cannot, and windows that differ.
    const entities = together.data!._entities as Array<{ jp: { shippable: boolean }; de: { text: string | null } }>;
    expect(new Set(entities.map((entity) => entity.jp.shippable))).toEqual(new Set([true, false]));
    expect(new Set(entities.map((entity) => entity.de.text)).size).toBeGreaterThan(2);
  });
});

describe('warehouses', () => {
  it('lists every warehouse by id and resolves one as an entity', async () => {
    const list = await harness.execute('{ warehouses { id country timeZone cutoffLocalTime } }');
    expect(list.data!.warehouses.map((warehouse: { id: string }) => warehouse.id)).toEqual(['wh-jp-chiba', 'wh-nl-venlo', 'wh-us-nj']);
    const entity = await harness.execute(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Warehouse { id timeZone cutoffLocalTime } } }',
      {
        r: [
          { __typename: 'Warehouse', id: 'wh-jp-chiba' },
          { __typename: 'Warehouse', id: 'wh-xx-nowhere' },
        ],
      },
    );
    expect(entity.data!._entities).toEqual([{ id: 'wh-jp-chiba', timeZone: 'Asia/Tokyo', cutoffLocalTime: '14:00' }, null]);
  });
});

describe('database access', () => {
  it('costs one query per collection per request, whether it estimates 1 product or 50', async () => {
    const query = entitiesQuery(
      'de: delivery(shipTo: DE) { earliest text options { charge { id } } } jp: delivery(shipTo: JP) { earliest }',
    );
    const products = seedProducts();
    const run = (count: number) =>
      harness.commandsDuring(async () => {
        const result = await harness.execute(query, { representations: products.slice(0, count).map(representationOf) });
        expect(result.errors).toBeUndefined();
        expect(result.data!._entities).toHaveLength(count);
      });
    // The reference tables are read whole, at most once per freshness window, by whichever request comes first
    // (each at most once: never per product)…
    const first = await run(1);
    expect(first.filter((command) => command !== 'find stock').length).toBe(new Set(first).size - 1);
    // …and within the window a request reads stock only: one query for 1 product or 50.
    const one = await run(1);
    const fifty = await run(50);
    expect(one).toEqual(['find stock']);
    expect(fifty).toEqual(one);
  });

  it('reads stock rows in one find command, and through the driver cursor when one reply cannot hold them all', async () => {
    const ids = seedProducts().map((product) => product.id);
    const models = harness.built.models;
    const sorted = (rows: { productId: string; warehouseId: string; units: number }[]) =>
      rows.map((row) => `${row.productId}|${row.warehouseId}|${row.units}`).sort();
    const stored = await models.Stock.find({ productId: { $in: ids } }, { _id: 0, productId: 1, warehouseId: 1, units: 1 }).lean();
    expect(stored.length).toBeGreaterThan(10);
    let rows: Awaited<ReturnType<typeof findStockRows>> = [];
    const whole = await harness.commandsDuring(async () => {
      rows = await findStockRows(models, ids);
    });
    expect(whole).toEqual(['find stock']);
    expect(sorted(rows)).toEqual(sorted(stored));
    // Batches of 4 rows: the first reply leaves a cursor open, which is closed, and the driver's cursor reads
    // every row (its getMores stay on the server holding it); none lost or repeated.
    const paged = await harness.commandsDuring(async () => {
      rows = await findStockRows(models, ids, 4);
    });
    expect(paged.slice(0, 3)).toEqual(['find stock', 'killCursors stock', 'find stock']);
    expect(paged.slice(3).every((command) => command === 'getMore')).toBe(true);
    expect(sorted(rows)).toEqual(sorted(stored));
  });

  it('reads the same stock rows through the driver cursor when the deployment reads from secondaries', async () => {
    const ids = seedProducts().map((product) => product.id);
    const sorted = (rows: { productId: string; warehouseId: string; units: number }[]) =>
      rows.map((row) => `${row.productId}|${row.warehouseId}|${row.units}`).sort();
    const client = harness.connection.getClient();
    // Same server and database, another client whose reads may go to secondaries (a standalone serves them all).
    const secondaryReads = mongoose.createConnection(
      `mongodb://${client.options.hosts.map(String).join(',')}/?readPreference=secondaryPreferred`,
      {
        dbName: harness.connection.name,
      },
    );
    try {
      await secondaryReads.asPromise();
      const models = createFulfillmentModels(secondaryReads);
      expect(models.Stock.db.db!.readPreference.mode).toBe('secondaryPreferred');
      expect(sorted(await findStockRows(models, ids, 4))).toEqual(sorted(await findStockRows(harness.built.models, ids)));
    } finally {
      await secondaryReads.close();
    }
  });

  it('seeds idempotently: a second seed upserts the same rows', async () => {
    // Every stored document of every collection, as JSON in a stable order. A stock row's ObjectId is the
    // server's, not the seed's (its identity is product and warehouse), so it is left out.
    const contents = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(harness.built.models).map(async ([name, model]) => {
            const documents = (await model.find().lean()) as Record<string, unknown>[];
            const rows = documents.map(({ _id, ...rest }) => JSON.stringify(typeof _id === 'string' ? { _id, ...rest } : rest));
            return [name, rows.sort()] as const;
          }),
        ),
      );
    const before = await contents();
    const reported = await SEEDERS.fulfillment.seed(harness.connection);
    expect(await contents()).toEqual(before);
    expect({ Warehouse: before.Warehouse?.length, CarrierService: before.CarrierService?.length, Stock: before.Stock?.length }).toEqual({
      Warehouse: reported.warehouses,
      CarrierService: reported.carrierServices,
      Stock: reported.stock,
    });
  });
});
