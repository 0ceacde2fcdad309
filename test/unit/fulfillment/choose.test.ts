import { describe, expect, it } from 'vitest';
import { chooseWarehouse } from '../../../subgraphs/fulfillment/domain/choose.ts';
import type { ShipmentDetails, WarehouseCandidate } from '../../../subgraphs/fulfillment/domain/choose.ts';
import type { Money } from '../../../subgraphs/common/contract/money.ts';
import { CARRIER_SERVICES, COMPLIANCE_RULES, SHIPPING_ZONES, WAREHOUSES } from '../../../scripts/seed/fulfillment-reference.ts';
import { eur, service, VENLO } from './fixtures.ts';

// Wednesday 2026-11-25, 12:00 UTC: 07:00 in New Jersey, 13:00 in Venlo, 21:00 in Chiba (past its cut-off).
const NOW = new Date('2026-11-25T12:00:00Z');
const BERLIN = { country: 'DE', timeZone: 'Europe/Berlin' };
const KUWAIT = { country: 'KW', timeZone: 'Asia/Kuwait' };
const BOX = { actualGrams: 800, dimensionsCm: { l: 30, w: 20, h: 10 } };

function seeded(stock: Record<string, number> = {}): WarehouseCandidate[] {
  return WAREHOUSES.map((warehouse) => ({
    warehouse,
    stock: stock[warehouse.id] ?? 5,
    services: CARRIER_SERVICES.filter((s) => s.origin === warehouse.country),
  }));
}

function shipment(overrides: Partial<ShipmentDetails> = {}): ShipmentDetails {
  return { parcel: BOX, complianceTags: [], rules: COMPLIANCE_RULES, zones: SHIPPING_ZONES, ...overrides };
}

describe('chooseWarehouse with the reference network', () => {
  it('ships to Germany from Venlo, the fastest, and lists the others with their dates', () => {
    const choice = chooseWarehouse(seeded(), BERLIN, NOW, shipment({ level: 'standard' }));
    if (!choice.shippable) throw new Error(`expected shippable, got ${choice.reason}`);
    expect(choice.reason).toBe('FASTEST');
    expect(choice.chosen.warehouse.id).toBe('wh-nl-venlo');
    expect(choice.chosen.service.id).toBe('nl-dhl-paket-de'); // DE-specific lane beats the EU tariff
    expect(choice.chosen.estimate).toMatchObject({ earliest: '2026-11-26', latest: '2026-11-27' });
    expect(choice.chosen.price).toEqual({ minor: 590n, currency: 'EUR' });
    const others = Object.fromEntries(choice.alternatives.map((a) => [a.warehouseId, a.shippable ? a.option.estimate.earliest : a.reason]));
    expect(others).toEqual({ 'wh-us-nj': '2026-12-07', 'wh-jp-chiba': '2026-12-10' });
  });

  it('moves to the next warehouse when the nearest is out of stock, and says why Venlo was passed over', () => {
    const choice = chooseWarehouse(seeded({ 'wh-nl-venlo': 0 }), BERLIN, NOW, shipment({ level: 'standard' }));
    if (!choice.shippable) throw new Error(`expected shippable, got ${choice.reason}`);
    expect(choice.chosen.warehouse.id).toBe('wh-us-nj');
    expect(choice.reason).toBe('FASTEST');
    expect(choice.chosen.estimate.earliest).toBe('2026-12-07');
    expect(choice.alternatives).toContainEqual({ warehouseId: 'wh-nl-venlo', shippable: false, reason: 'OUT_OF_STOCK' });
  });

  it('prefers the domestic warehouse for a US shopper', () => {
    const choice = chooseWarehouse(seeded(), { country: 'US', timeZone: 'America/Los_Angeles' }, NOW, shipment());
    expect(choice.shippable && [choice.chosen.warehouse.id, choice.reason]).toEqual(['wh-us-nj', 'DOMESTIC']);
  });

  it('refuses a restricted item outright: alcohol to Kuwait', () => {
    const choice = chooseWarehouse(seeded(), KUWAIT, NOW, shipment({ complianceTags: ['alcohol'] }));
    expect(choice).toMatchObject({ shippable: false, reason: 'RESTRICTED_GOODS', tag: 'alcohol' });
  });

  it('routes an aerosol to Kuwait by sea from Chiba, because every air lane refuses it', () => {
    const choice = chooseWarehouse(seeded(), KUWAIT, NOW, shipment({ complianceTags: ['aerosol'] }));
    if (!choice.shippable) throw new Error(`expected shippable, got ${choice.reason}`);
    expect(choice.chosen.service.id).toBe('jp-surface-kw');
    expect(choice.alternatives).toEqual([
      { warehouseId: 'wh-us-nj', shippable: false, reason: 'RESTRICTED_GOODS', tag: 'aerosol' },
      { warehouseId: 'wh-nl-venlo', shippable: false, reason: 'RESTRICTED_GOODS', tag: 'aerosol' },
    ]);
  });

  it('reports OUT_OF_STOCK, not RESTRICTED_GOODS, when the one warehouse able to ship it legally is empty', () => {
    const choice = chooseWarehouse(seeded({ 'wh-jp-chiba': 0 }), KUWAIT, NOW, shipment({ complianceTags: ['aerosol'] }));
    expect(choice).toMatchObject({ shippable: false, reason: 'OUT_OF_STOCK' });
  });

  it('refuses an embargoed destination and marks every warehouse with that reason', () => {
    const choice = chooseWarehouse(seeded(), { country: 'IR', timeZone: 'Asia/Tehran' }, NOW, shipment());
    expect(choice.shippable).toBe(false);
    expect(choice.reason).toBe('EMBARGOED_DESTINATION');
    expect(choice.alternatives.map((a) => !a.shippable && a.reason)).toEqual(Array(3).fill('EMBARGOED_DESTINATION'));
  });

  it('reports NO_CARRIER_SERVICE where no lane goes, or when the parcel is heavier than every band', () => {
    expect(chooseWarehouse(seeded(), { country: 'BR', timeZone: 'America/Sao_Paulo' }, NOW, shipment()).reason).toBe('NO_CARRIER_SERVICE');
    const crate = { actualGrams: 40_000, dimensionsCm: { l: 60, w: 40, h: 40 } };
    expect(chooseWarehouse(seeded(), BERLIN, NOW, shipment({ parcel: crate })).reason).toBe('NO_CARRIER_SERVICE');
  });

  it('reports OUT_OF_STOCK when the product is stocked nowhere', () => {
    const empty = { 'wh-us-nj': 0, 'wh-jp-chiba': 0, 'wh-nl-venlo': 0 };
    expect(chooseWarehouse(seeded(empty), BERLIN, NOW, shipment()).reason).toBe('OUT_OF_STOCK');
  });
});

describe('chooseWarehouse ranking rules', () => {
  const ZONES = [{ id: 'EU', countries: ['DE', 'NL'] }];
  const rules = { embargoedDestinations: [], restrictions: [] };
  const berlinHub = { ...VENLO, id: 'wh-de-berlin', country: 'DE', timeZone: 'Europe/Berlin' };
  const venloB = { ...VENLO, id: 'wh-nl-venlo-b' };

  it('picks a domestic warehouse even when a foreign one would arrive sooner', () => {
    const candidates = [
      {
        warehouse: VENLO,
        stock: 9,
        services: [service({ id: 'fast', origin: 'NL', destination: 'DE', transitDaysMin: 1, transitDaysMax: 1 })],
      },
      {
        warehouse: berlinHub,
        stock: 9,
        services: [service({ id: 'slow', origin: 'DE', destination: 'DE', transitDaysMin: 4, transitDaysMax: 6 })],
      },
    ];
    const choice = chooseWarehouse(candidates, BERLIN, NOW, { parcel: BOX, complianceTags: [], rules, zones: ZONES });
    expect(choice.shippable && [choice.chosen.warehouse.id, choice.reason]).toEqual(['wh-de-berlin', 'DOMESTIC']);
  });

  it('breaks a tie on the delivery date by price and says CHEAPEST', () => {
    const candidates = [
      {
        warehouse: VENLO,
        stock: 9,
        services: [service({ id: 'dear', origin: 'NL', destination: 'EU', weightBands: eur([[5000, 1290]]) })],
      },
      {
        warehouse: venloB,
        stock: 9,
        services: [service({ id: 'cheap', origin: 'NL', destination: 'EU', weightBands: eur([[5000, 990]]) })],
      },
    ];
    const choice = chooseWarehouse(candidates, BERLIN, NOW, { parcel: BOX, complianceTags: [], rules, zones: ZONES });
    expect(choice.shippable && [choice.chosen.warehouse.id, choice.reason, choice.chosen.price.minor]).toEqual([
      'wh-nl-venlo-b',
      'CHEAPEST',
      990n,
    ]);
  });

  it('does not compare prices across currencies on its own, but uses a converting comparator when given one', () => {
    const usd = (amountMinor: number) => [{ upToGrams: 5000, price: { minor: BigInt(amountMinor), currency: 'USD' } }];
    const candidates = [
      { warehouse: VENLO, stock: 9, services: [service({ id: 'eur', origin: 'NL', destination: 'EU', weightBands: eur([[5000, 1000]]) })] },
      {
        warehouse: venloB,
        stock: 9,
        services: [service({ id: 'usd', origin: 'NL', destination: 'EU', rateCurrency: 'USD', weightBands: usd(1050) })],
      },
    ];
    const base = { parcel: BOX, complianceTags: [], rules, zones: ZONES };
    const unconverted = chooseWarehouse(candidates, BERLIN, NOW, base);
    expect(unconverted.shippable && [unconverted.chosen.warehouse.id, unconverted.reason]).toEqual(['wh-nl-venlo', 'FASTEST']);

    // Illustrative fixed rate: 1 EUR = 1.20 USD, in exact integer cents.
    const inUsdCents = (m: Money) => (m.currency === 'EUR' ? (Number(m.minor) * 120) / 100 : Number(m.minor));
    const converted = chooseWarehouse(candidates, BERLIN, NOW, { ...base, comparePrices: (a, b) => inUsdCents(a) - inUsdCents(b) });
    expect(converted.shippable && [converted.chosen.warehouse.id, converted.reason]).toEqual(['wh-nl-venlo-b', 'CHEAPEST']);
  });
});
