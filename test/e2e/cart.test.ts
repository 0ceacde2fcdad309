import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

// The demo catalog's split cart: Chelsea boots are stocked only in Venlo (NL), the coffee mill only in Chiba (JP).
const BOOTS = '83f7866fdda2593ba4ff7f4a'; // FTW-CHELSEA-BLA, 1.6 kg
const MILL = '431e87a5dc9250858eabeef3'; // HOM-MILL-BLA, 0.7 kg
const TEE = '91b6256ef050e88234829f42'; // APP-TEE-NAV: Venlo and New Jersey
const SAKE = '46da0f3434960eec1891f407'; // PAN-SAKE-300: alcohol, Chiba only

const commands: string[] = [];
let stack: RunningStack;

beforeAll(async () => {
  stack = await startTestStack({
    onDatabaseCommand(command) {
      const [name, collection] = Object.entries(command)[0] ?? [];
      if (name && typeof collection === 'string') commands.push(`${String(command.$db)}.${collection}:${name}`);
    },
  });
});
afterAll(async () => {
  await stack?.stop();
});

const CART = /* GraphQL */ `
  query Cart($lines: [QuoteLineInput!]!, $country: CountryCode!, $level: ServiceLevel) {
    quote(lines: $lines, shipTo: { country: $country }, deliveryOption: $level) {
      id
      shippable
      shipments {
        fromWarehouse { id }
        lines { product { id sku } quantity }
        level carrier earliest latest businessDaysMin businessDaysMax
        text(locale: "en-US")
        chargeableWeightGrams
        charge { id }
      }
      deliveryOptions { level recommended window { earliest latest businessDaysMin businessDaysMax } charges { id } }
      selectedDeliveryOption { level recommended charges { id } }
      deliveryWindow { earliest latest businessDaysMin businessDaysMax text(locale: "de-DE") }
      unshippableLines { productId quantity reason restrictedTag message(locale: "en") }
      shippingCharges { id }
      freeShippingThreshold { id }
    }
  }
`;

const cart = (lines: [string, number][], country: string, level?: string) =>
  graphql(stack.gatewayUrl, CART, {
    lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
    country,
    ...(level ? { level } : {}),
  });

const DASH = '\u2009–\u2009';

describe('a cart through the gateway: Quote as fulfillment extends it', () => {
  it('ships a German cart of boots and a coffee mill in two parcels, from Chiba and from Venlo, each with its window and charge', async () => {
    const response = await cart(
      [
        [BOOTS, 1],
        [MILL, 2],
      ],
      'DE',
    );
    expect(response.errors).toBeUndefined();
    const quote = response.data.quote;
    expect(quote.shippable).toBe(true);
    expect(quote.unshippableLines).toEqual([]);
    // Ordered Wednesday 25 November at 10:00 UTC: Chiba is past its cut-off, Venlo is not.
    expect(quote.shipments).toEqual([
      {
        fromWarehouse: { id: 'wh-jp-chiba' },
        lines: [{ product: { id: MILL, sku: 'HOM-MILL-BLA' }, quantity: 2 }],
        level: 'EXPRESS',
        carrier: 'Japan Post EMS',
        earliest: '2026-12-03',
        latest: '2026-12-07',
        businessDaysMin: 6,
        businessDaysMax: 8,
        text: `Arrives Thu, Dec 3${DASH}Mon, Dec 7 (6–8 business days)`,
        chargeableWeightGrams: 1400, // two mills of 700 g: heavier than their volume
        charge: { id: 'JPY:6100:DE' }, // Japan Post's own yen rate, for pricing to convert
      },
      {
        fromWarehouse: { id: 'wh-nl-venlo' },
        lines: [{ product: { id: BOOTS, sku: 'FTW-CHELSEA-BLA' }, quantity: 1 }],
        level: 'EXPRESS',
        carrier: 'UPS',
        earliest: '2026-11-26',
        latest: '2026-11-27',
        businessDaysMin: 1,
        businessDaysMax: 2,
        text: `Arrives Thu, Nov 26${DASH}Fri, Nov 27 (1–2 business days)`,
        chargeableWeightGrams: 2352, // the boot box's volumetric weight beats its 1.6 kg
        charge: { id: 'EUR:2990:DE' },
      },
    ]);
    // Both parcels offer both levels; the cart is complete when its last parcel arrives, so the mill's dates
    // are the cart's. Express arrives first, so it is recommended.
    expect(quote.deliveryOptions).toEqual([
      {
        level: 'EXPRESS',
        recommended: true,
        window: { earliest: '2026-12-03', latest: '2026-12-07', businessDaysMin: 6, businessDaysMax: 8 },
        charges: [{ id: 'JPY:6100:DE' }, { id: 'EUR:2990:DE' }],
      },
      {
        level: 'STANDARD',
        recommended: false,
        window: { earliest: '2026-12-10', latest: '2026-12-21', businessDaysMin: 11, businessDaysMax: 18 },
        charges: [{ id: 'JPY:3600:DE' }, { id: 'EUR:790:DE' }],
      },
    ]);
    expect(quote.selectedDeliveryOption).toEqual({
      level: 'EXPRESS',
      recommended: true,
      charges: [{ id: 'JPY:6100:DE' }, { id: 'EUR:2990:DE' }],
    });
    expect(quote.deliveryWindow).toEqual({
      earliest: '2026-12-03',
      latest: '2026-12-07',
      businessDaysMin: 6,
      businessDaysMax: 8,
      text: `Lieferung Do., 3.${DASH}Mo., 7. Dez. (6–8 Werktage)`,
    });
    // For pricing: the selected option's charge of each parcel, and the market's free-shipping threshold.
    expect(quote.shippingCharges).toEqual(quote.shipments.map((shipment: { charge: unknown }) => shipment.charge));
    expect(quote.freeShippingThreshold).toEqual({ id: 'EUR:4900:DE' });
  });

  it('honours deliveryOption: the shipments, the window and the charges are the chosen level’s', async () => {
    const express = (
      await cart(
        [
          [BOOTS, 1],
          [MILL, 2],
        ],
        'DE',
        'EXPRESS',
      )
    ).data.quote;
    expect(express.selectedDeliveryOption.level).toBe('EXPRESS');
    const standard = await cart(
      [
        [BOOTS, 1],
        [MILL, 2],
      ],
      'DE',
      'STANDARD',
    );
    expect(standard.errors).toBeUndefined();
    const quote = standard.data.quote;
    expect(quote.selectedDeliveryOption).toEqual({
      level: 'STANDARD',
      recommended: false,
      charges: [{ id: 'JPY:3600:DE' }, { id: 'EUR:790:DE' }],
    });
    expect(quote.shipments.map((shipment: { level: string; carrier: string }) => [shipment.level, shipment.carrier])).toEqual([
      ['STANDARD', 'Japan Post'],
      ['STANDARD', 'DHL Paket'],
    ]);
    expect(quote.deliveryWindow).toMatchObject({ earliest: '2026-12-10', latest: '2026-12-21' });
    expect(quote.shippingCharges).toEqual([{ id: 'JPY:3600:DE' }, { id: 'EUR:790:DE' }]);
  });

  it('refuses a level the cart does not offer, naming the ones it does', async () => {
    // Kuwait is reached from Venlo by express only.
    const response = await cart([[TEE, 1]], 'KW', 'STANDARD');
    const error = response.errors?.find((candidate) => candidate.path?.includes('selectedDeliveryOption'));
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DELIVERY_OPTION_UNAVAILABLE', available: ['EXPRESS'] });
    expect(error?.message).toBe('STANDARD delivery is not available for this cart to KW; available: EXPRESS');
  });

  it('still answers when a line cannot ship: the sake stays behind for Kuwait, the tee ships', async () => {
    const response = await cart(
      [
        [TEE, 1],
        [SAKE, 1],
      ],
      'KW',
    );
    expect(response.errors).toBeUndefined();
    const quote = response.data.quote;
    expect(quote.shippable).toBe(false);
    expect(quote.unshippableLines).toEqual([
      {
        productId: SAKE,
        quantity: 1,
        reason: 'RESTRICTED_GOODS',
        restrictedTag: 'alcohol',
        message: 'We cannot ship alcoholic beverages to Kuwait',
      },
    ]);
    expect(
      quote.shipments.map((shipment: { fromWarehouse: { id: string }; lines: { product: { id: string } }[] }) => [
        shipment.fromWarehouse.id,
        shipment.lines.map((line) => line.product.id),
      ]),
    ).toEqual([['wh-nl-venlo', [TEE]]]);
    expect(quote.shippingCharges).toHaveLength(1);
  });

  it('answers pricing’s and fulfillment’s Quote fields in one request', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      `{ quote(lines: [{ productId: "${BOOTS}", quantity: 1 }, { productId: "${MILL}", quantity: 2 }], shipTo: { country: DE }) {
          items { currencyCode } shipments { fromWarehouse { id } } shippingCharges { id } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.quote).toEqual({
      items: { currencyCode: 'EUR' },
      shipments: [{ fromWarehouse: { id: 'wh-jp-chiba' } }, { fromWarehouse: { id: 'wh-nl-venlo' } }],
      shippingCharges: [{ id: 'JPY:6100:DE' }, { id: 'EUR:2990:DE' }],
    });
  });

  it('refuses a destination we do not sell to with NOT_SOLD, naming it', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      '{ quote(lines: [{ productId: "' +
        TEE +
        '", quantity: 1 }], shipTo: { country: BR }) { shipments { carrier } shippingCharges { id } } }',
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_SOLD' });
    expect(response.errors?.[0]?.message).toBe('We do not sell to BR; Query.markets lists the countries we sell to');
  });

  it('sends the same database commands for a cart of 2 lines as for one of 8: stock in one $in batch', async () => {
    const LINES_8: [string, number][] = [
      [BOOTS, 1],
      [MILL, 1],
      [TEE, 2],
      ['b3bd808ca12306137a1a7a59', 1],
      ['c33ee43e084972b84d9229af', 1],
      ['6a9daac36716bb8ecab04693', 1],
      ['6f10b01da678761cb6c98e8e', 1],
      ['a2b201198eeb7b96e5e8edb7', 1],
    ];
    const fulfillmentCommands = async (lines: [string, number][]) => {
      commands.length = 0;
      const response = await cart(lines, 'DE');
      expect(response.errors).toBeUndefined();
      return commands.filter((command) => command.includes('fulfillment')).sort();
    };
    await fulfillmentCommands([
      [BOOTS, 1],
      [MILL, 1],
    ]); // the first request of a freshness window reads the reference tables
    const small = await fulfillmentCommands([
      [BOOTS, 1],
      [MILL, 1],
    ]);
    const large = await fulfillmentCommands(LINES_8);
    expect(large).toEqual(small);
    expect(large.filter((command) => command.endsWith('.stock:find'))).toHaveLength(1);
  });
});
