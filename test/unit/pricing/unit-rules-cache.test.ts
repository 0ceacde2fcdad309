import { describe, expect, it } from 'vitest';
import { seedProducts } from '../../../scripts/seed/catalog.ts';
import { COLLECTION_SCHEMES, SEED_TAX_REGISTRATIONS } from '../../../scripts/seed/collection-reference.ts';
import { customsFieldsOf } from '../../../scripts/seed/customs-data.ts';
import { LEVIES } from '../../../scripts/seed/levies.ts';
import { netQuantityOf } from '../../../scripts/seed/net-quantities.ts';
import { DE_MINIMIS, DUTY_TABLE, MARKETS, seedFxRates, TAX_TABLE } from '../../../scripts/seed/pricing-reference.ts';
import { PREFERENTIAL_RATES, TRADE_AGREEMENTS } from '../../../scripts/seed/trade-agreements.ts';
import { destinationReferenceOf, type DestinationReference } from '../../../subgraphs/pricing/destination-reference.ts';
import { acceptedCurrencies, priceForShopper, type ShopperPrice } from '../../../subgraphs/pricing/domain/shopper-price.ts';
import type { MarketRecord } from '../../../subgraphs/pricing/records.ts';

/**
 * A listing prices many products for one destination; products with the same facts (HS code, origin, proofs, net
 * quantity, tax category) share their rules through the request's destination reference. Sharing must never change
 * a price: every seeded product, in every market and accepted currency, shipped from its origin, from Venlo and
 * from the US warehouse, on sale and not, prices the same with the shared rules as alone.
 */
const NOW = new Date('2026-11-25T10:00:00Z');
const markets = new Map(MARKETS.map((market) => [market.country, market as unknown as MarketRecord]));
const products = seedProducts().map((product, index) => ({
  ...product,
  originProofs: customsFieldsOf(product.line.code, product.sku, index).originProofs,
  netQuantity: netQuantityOf(product.sku),
}));

function referenceFor(country: string): DestinationReference {
  return destinationReferenceOf(
    country,
    NOW,
    {
      markets,
      taxRates: TAX_TABLE.rates.filter((row) => row.country === country),
      deMinimis: DE_MINIMIS.find((row) => row.destination === country) ?? null,
      dutyRates: DUTY_TABLE.rates.filter((row) => row.destination === country),
      tradeAgreements: TRADE_AGREEMENTS,
      preferentialRates: PREFERENTIAL_RATES.filter((row) => row.destination === country),
      collection: {
        schemes: COLLECTION_SCHEMES.filter((row) => row.destinations.includes(country)),
        registrations: SEED_TAX_REGISTRATIONS,
      },
      levies: LEVIES.filter((row) => row.destination === country),
    },
    seedFxRates(),
  );
}

/** What a shopper and a customs officer see of a price, and how it was built. */
function seen(price: ShopperPrice) {
  return JSON.stringify(price, (_, value) => (typeof value === 'bigint' ? value.toString() : value)) + JSON.stringify(price.steps);
}

describe('unit rules shared across the products of one request', () => {
  it.each(MARKETS.map((market) => [market.country, market] as const))(
    'price every seeded product to %s exactly as it prices alone',
    (_, market) => {
      let priced = 0;
      {
        const reference = referenceFor(market.country);
        for (const currency of acceptedCurrencies(market)) {
          for (const product of products) {
            for (const shipFrom of [product.line.originCountry, 'NL', 'US']) {
              for (const onSale of [false, true]) {
                const price = product.line.basePrice;
                const net = { minor: BigInt(product.basePriceMinor), currency: price.currency };
                const sale = onSale
                  ? {
                      price: { minor: (net.minor * 8n) / 10n, currency: price.currency },
                      validFrom: new Date('2026-11-01'),
                      validUntil: null,
                    }
                  : null;
                const dutyRates = reference.dutyRatesFor(product.line.hsCode);
                const maxRateAgeHours = 96;
                const input = {
                  productId: product.id,
                  market,
                  currency,
                  localPrices: [],
                  basePrice: { productId: product.id, price: net, sale },
                  hsCode: product.line.hsCode,
                  taxCategory: product.line.taxCategory,
                  dutiable: shipFrom !== market.country,
                  taxRates: reference.taxRates,
                  dutyRates,
                  deMinimis: reference.deMinimisIn(currency, maxRateAgeHours),
                  collection: reference.collectionIn(currency, maxRateAgeHours),
                  rates: reference.fxRates,
                  now: NOW,
                  maxRateAgeHours,
                  origin: { originCountry: product.line.originCountry, originProofs: product.originProofs, shipFrom },
                  preferences: reference.preferences,
                  levies: reference.leviesIn(currency, maxRateAgeHours),
                  netQuantity: product.netQuantity,
                };
                const alone = priceForShopper(input);
                const shared = priceForShopper({ ...input, unitRules: reference.unitRules });
                expect(seen(shared), `${product.sku} to ${market.country} in ${currency} from ${shipFrom}`).toBe(seen(alone));
                priced += 1;
              }
            }
          }
        }
        // Shared indeed: fewer rules than products priced per currency and warehouse (variants share their line's).
        expect(reference.unitRules.size).toBeLessThan(products.length * 3 * acceptedCurrencies(market).length);
      }
      expect(priced).toBe(products.length * 6 * acceptedCurrencies(market).length);
    },
  );
});
