import { describe, expect, it } from 'vitest';
import {
  CARRIER_SERVICES,
  COMPLIANCE_RULES,
  MARKETS as FULFILLMENT_MARKETS,
  SHIPPING_ZONES,
} from '../../scripts/seed/fulfillment-reference.ts';
import { DE_MINIMIS, EU_MEMBER_STATES, MARKETS as PRICING_MARKETS, TAX_TABLE } from '../../scripts/seed/pricing-reference.ts';
import { hasHolidayCalendar, servicesTo } from '../../subgraphs/fulfillment/domain/index.ts';
import { isValidTimeZone } from '../../subgraphs/fulfillment/domain/time-zone.ts';
import { crossesCustomsBorder, CUSTOMS_UNIONS } from '../../subgraphs/pricing/domain/duty.ts';

// Where we sell is one list: pricing's markets. Fulfillment's are seeded to the same countries, so that a
// country is either priced, delivered and quoted everywhere, or refused (NOT_SOLD) everywhere.
const pricingCountries = PRICING_MARKETS.map((market) => market.country).sort();
const fulfillmentCountries = FULFILLMENT_MARKETS.map((market) => market.country).sort();

describe('pricing and fulfillment agree on where we sell', () => {
  it('list the same countries, once each, in the same currencies', () => {
    expect(fulfillmentCountries).toEqual(pricingCountries);
    expect(new Set(pricingCountries).size).toBe(pricingCountries.length);
    expect(pricingCountries).toHaveLength(38);
    const currencyOf = new Map(PRICING_MARKETS.map((market) => [market.country, market.currency]));
    for (const market of FULFILLMENT_MARKETS) expect(market.currency, market.country).toBe(currencyOf.get(market.country));
  });

  it('sell to no embargoed destination', () => {
    const embargoed = new Set(COMPLIANCE_RULES.embargoedDestinations);
    expect(pricingCountries.filter((country) => embargoed.has(country))).toEqual([]);
  });

  it('can deliver to, tax and date every market: a lane reaches it, its holidays are known, its zone is real', () => {
    for (const market of FULFILLMENT_MARKETS) {
      expect(servicesTo(CARRIER_SERVICES, market.country, SHIPPING_ZONES).length, market.country).toBeGreaterThan(0);
      // The date-holidays dataset has no Kuwait: its estimates skip weekends only and say so
      // (`holidayCalendarKnown: false`). Holidays come from the maintained dataset, never a hand-typed list.
      expect(hasHolidayCalendar(market.country), market.country).toBe(market.country !== 'KW');
      expect(isValidTimeZone(market.defaultTimeZone), market.defaultTimeZone).toBe(true);
      expect(
        TAX_TABLE.rates.some((rate) => rate.country === market.country),
        market.country,
      ).toBe(true);
      expect(
        DE_MINIMIS.filter((record) => record.destination === market.country),
        market.country,
      ).toHaveLength(1);
    }
  });

  it('put every EU member state in one customs union, so intra-EU goods owe no duty', () => {
    const eu = CUSTOMS_UNIONS.find((union) => union.name === 'EU');
    for (const country of EU_MEMBER_STATES) expect(eu?.members, country).toContain(country);
    expect(
      SHIPPING_ZONES.find((zone) => zone.id === 'EU')
        ?.countries.slice()
        .sort(),
    ).toEqual([...EU_MEMBER_STATES].sort());
    // A Portuguese sweater sold in Finland or Bulgaria crosses no customs border; sold in Norway it does.
    expect(crossesCustomsBorder('PT', 'FI', CUSTOMS_UNIONS)).toBe(false);
    expect(crossesCustomsBorder('PT', 'BG', CUSTOMS_UNIONS)).toBe(false);
    expect(crossesCustomsBorder('PT', 'NO', CUSTOMS_UNIONS)).toBe(true);
  });
});
