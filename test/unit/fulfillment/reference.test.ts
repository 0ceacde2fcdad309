import { addressRules } from '../../../subgraphs/common/address/address-rules.ts';
import { code as currencyByCode } from 'currency-codes';
import { describe, expect, it } from 'vitest';
import { isValid as isCountry } from 'i18n-iso-countries';
import { assertValidService, assertValidWarehouse, servicesTo } from '../../../subgraphs/fulfillment/domain/index.ts';
import { CARRIER_SERVICES, COMPLIANCE_RULES, MARKETS, SHIPPING_ZONES, WAREHOUSES } from '../../../scripts/seed/fulfillment-reference.ts';

// The seed data must be usable by the domain as-is: these checks catch a typo in a zone, a band in
// the wrong currency or a market nobody can ship to before it reaches a shopper.
const MARKET_COUNTRIES = MARKETS.map((market) => market.country);

describe('reference data', () => {
  it('has valid warehouses in three countries and services that pass the domain checks', () => {
    for (const warehouse of WAREHOUSES) expect(assertValidWarehouse(warehouse)).toBe(warehouse);
    expect(new Set(WAREHOUSES.map((w) => w.country)).size).toBe(3);
    const origins = new Set(WAREHOUSES.map((w) => w.country));
    for (const service of CARRIER_SERVICES) {
      expect(assertValidService(service)).toBe(service);
      expect(origins.has(service.origin)).toBe(true);
    }
    expect(new Set(CARRIER_SERVICES.map((s) => s.id)).size).toBe(CARRIER_SERVICES.length);
  });

  it('reaches every market, and every zone id is not itself a country code', () => {
    for (const country of MARKET_COUNTRIES) {
      expect(servicesTo(CARRIER_SERVICES, country, SHIPPING_ZONES).length, country).toBeGreaterThan(0);
    }
    for (const zone of SHIPPING_ZONES) {
      expect(isCountry(zone.id)).toBe(false);
      for (const country of zone.countries) expect(isCountry(country), country).toBe(true);
    }
  });

  it('charges no clearance inside the EU customs union or at home, and 1–3 days everywhere else', () => {
    // Written out by hand from the lane table: domestic lanes and Venlo's lanes into the EU clear nothing.
    const withoutCustoms = [
      'jp-yamato-takkyubin',
      'nl-dhl-paket-de',
      'nl-dhl-parcel-connect-eu',
      'nl-postnl-pakket',
      'nl-ups-express-saver-eu',
      'us-ups-2nd-day-air',
      'us-ups-ground',
    ];
    const free = CARRIER_SERVICES.filter((service) => service.clearanceDays === 0).map((service) => service.id);
    expect(free.sort()).toEqual(withoutCustoms);
    for (const service of CARRIER_SERVICES.filter((candidate) => !withoutCustoms.includes(candidate.id))) {
      expect(service.clearanceDays, service.id).toBeGreaterThanOrEqual(1);
      expect(service.clearanceDays, service.id).toBeLessThanOrEqual(3);
    }
    // Into the EU from outside it, customs takes time; Venlo → GB left the customs union with Brexit.
    const clearanceOf = (id: string) => CARRIER_SERVICES.find((service) => service.id === id)?.clearanceDays;
    expect(clearanceOf('us-usps-pmi-eu')).toBe(2);
    expect(clearanceOf('jp-ems-eu')).toBe(1);
    expect(clearanceOf('nl-dpd-classic-gb')).toBe(1);
  });

  it('gives each market a free-shipping threshold in its own currency, in whole minor units', () => {
    expect(MARKETS.map((m) => m.country).sort()).toEqual([...MARKET_COUNTRIES].sort());
    for (const market of MARKETS) {
      expect(currencyByCode(market.currency), market.currency).toBeDefined();
      if (market.freeShippingThreshold) {
        expect(market.freeShippingThreshold.currency).toBe(market.currency);
        expect(market.freeShippingThreshold.minor > 0n).toBe(true);
      }
    }
  });

  it('lists embargoed destinations no lane serves and restriction rules naming real countries or their ISO 3166-2 regions', () => {
    for (const country of COMPLIANCE_RULES.embargoedDestinations) {
      expect(isCountry(country)).toBe(true);
      expect(servicesTo(CARRIER_SERVICES, country, SHIPPING_ZONES)).toEqual([]);
    }
    for (const rule of COMPLIANCE_RULES.restrictions) {
      for (const destination of rule.destinations) {
        const [country = '', region] = destination.split('-');
        expect(isCountry(country), destination).toBe(true);
        if (region !== undefined)
          expect(
            addressRules(country)?.regions.some((known) => known.code === destination),
            destination,
          ).toBe(true);
      }
    }
  });
});
