import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEcbSample } from '../../scripts/seed/pricing-reference.ts';
import { readPricingConfig } from '../../subgraphs/pricing/config.ts';
import { productBySku, productRepresentation, startPricingHarness, type PricingHarness } from './pricing/harness.ts';

// A converted price is flagged `fx.stale` once its rate is older than the market's FX age limit, or the
// subgraph's (PRICING_FX_MAX_AGE_HOURS, default 72 h) when the market sets none; the price is still shown.
// Probed on both sides of the limit: exactly at it (not stale) and one millisecond past it (stale).

const HOUR_MS = 3_600_000;
/** When the seeded ECB sample was fixed: the rate the tee's German price is converted with. */
const FIXING = loadEcbSample().asOf;

/**
 * Why the default is what it is (subgraphs/pricing/config.ts): the ECB fixes at 16:00 Frankfurt on business days
 * only, so Friday's rate is this old when Monday's appears, and a weekend must not flag every price.
 */
function weekendGapHours(): number {
  const fixingDay = DateTime.fromJSDate(FIXING, { zone: 'Europe/Berlin' }).set({ hour: 16, minute: 0, second: 0, millisecond: 0 });
  const friday = fixingDay.plus({ days: (5 - fixingDay.weekday + 7) % 7 });
  return friday.plus({ days: 3 }).diff(friday, 'hours').hours;
}

const PRICE = /* GraphQL */ `
  query Price($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product { price(country: DE) { amount { amount currencyCode } fx { from to stale asOf } } }
    }
  }
`;

let harness: PricingHarness;
/** The age limit the subgraph applies to German prices, as it chooses it. */
let maxAgeHours: number;

beforeAll(async () => {
  // Seeded at the fixing itself, so no later (carried-forward) rate exists and the sample's rate is the newest.
  harness = await startPricingHarness(FIXING.toISOString());
  const germany = await harness.connection.collection('markets').findOne({ country: 'DE' });
  expect(germany).not.toBeNull();
  maxAgeHours = (germany?.['fxMaxAgeHours'] as number | null | undefined) ?? readPricingConfig().fxMaxAgeHours;
});
afterAll(async () => {
  await harness?.stop();
});

async function germanTeePriceAt(instant: Date) {
  harness.setNow(instant.toISOString());
  const result = await harness.execute(PRICE, { representations: [productRepresentation(productBySku('APP-TEE-NAV'))] });
  expect(result.errors).toBeUndefined();
  return result.data?._entities[0].price;
}

it("by default a rate may be as old as Friday's fixing is on Monday (72 h), and the German market sets no limit of its own", async () => {
  expect(weekendGapHours()).toBe(72);
  expect(readPricingConfig({}).fxMaxAgeHours).toBe(weekendGapHours());
  const germany = await harness.connection.collection('markets').findOne({ country: 'DE' });
  expect(germany?.['fxMaxAgeHours']).toBeNull();
});

it('a rate exactly at the age limit is not stale; one millisecond older it is stale, and the price is still shown', async () => {
  const limit = FIXING.getTime() + maxAgeHours * HOUR_MS;
  const atLimit = await germanTeePriceAt(new Date(limit));
  expect(atLimit.fx).toEqual({ from: 'USD', to: 'EUR', stale: false, asOf: FIXING.toISOString() });
  const pastLimit = await germanTeePriceAt(new Date(limit + 1));
  expect(pastLimit.fx).toEqual({ from: 'USD', to: 'EUR', stale: true, asOf: FIXING.toISOString() });
  expect(pastLimit.amount).toEqual(atLimit.amount);
  expect(pastLimit.amount.currencyCode).toBe('EUR');
});
