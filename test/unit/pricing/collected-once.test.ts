import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { seedProducts, type SeedProduct } from '../../../scripts/seed/catalog.ts';
import { COLLECTION_SCHEMES, SEED_TAX_REGISTRATIONS } from '../../../scripts/seed/collection-reference.ts';
import {
  DE_MINIMIS,
  DUTY_TABLE,
  EU_MEMBER_STATES,
  MARKETS,
  seedFxRates,
  TAX_TABLE,
  type MarketRow,
} from '../../../scripts/seed/pricing-reference.ts';
import { LEVIES } from '../../../scripts/seed/levies.ts';
import { NET_QUANTITIES } from '../../../scripts/seed/net-quantities.ts';
import { schemesIn } from '../../../subgraphs/pricing/domain/collection.ts';
import { leviesIn, leviesInForce } from '../../../subgraphs/pricing/domain/levy.ts';
import { quoteConsignment } from '../../../subgraphs/pricing/domain/landed-cost.ts';
import { currencyExponent, moneyFromDecimal, toDecimalString, type Money } from '../../../subgraphs/pricing/domain/money.ts';
import { deMinimisIn } from '../../../subgraphs/pricing/domain/shopper-price.ts';

/**
 * The issue's "Done when": for every market and every seeded product, shipped from each of our warehouses, checkout
 * plus due on delivery charges each tax once — the amount the law's rows (the seed: VAT rates, tariffs, de minimis,
 * schemes, registrations) give, computed HERE by a small oracle that reads those rows with its own arithmetic
 * (rate × base, thresholds, ceilings), not through the pricing code's steps. One unit, one parcel, no shipping charge
 * (so the customs value is the goods' net value under CIF and FOB alike).
 */
const NOW = new Date('2026-11-25T10:00:00Z');
/** The first day after the EU's €3 regime (validTo 2028-07-01): the ordinary tariff, no €150 relief. */
const AFTER_EU_FLAT_DUTY = new Date('2028-07-01T00:00:00Z');
const CLOCKS = [NOW, AFTER_EU_FLAT_DUTY];
const WAREHOUSES = ['US', 'JP', 'NL'];
const EU: readonly string[] = EU_MEMBER_STATES;
const FX = seedFxRates();

/** Units of `currency` per euro at the seeded reference rate. */
function perEuro(currency: string): Decimal {
  if (currency === 'EUR') return new Decimal(1);
  const rate = FX.find((row) => row.base === 'EUR' && row.quote === currency);
  if (!rate) throw new Error(`no EUR/${currency} rate in the seed`);
  return new Decimal(rate.rate);
}
/** An amount of `from` in `to` through the euro, at the reference rate, half-up to `to`'s minor unit. */
function convert(amount: Decimal, from: string, to: string): Decimal {
  return amount.div(perEuro(from)).times(perEuro(to)).toDecimalPlaces(currencyExponent(to), Decimal.ROUND_HALF_UP);
}
const round = (value: Decimal, currency: string) => value.toDecimalPlaces(currencyExponent(currency), Decimal.ROUND_HALF_UP);
const startsWithAny = (hsCode: string, prefixes: readonly string[] = []) => prefixes.some((prefix) => hsCode.startsWith(prefix));
const sameTerritory = (from: string, to: string) => from === to || (EU.includes(from) && EU.includes(to));

function dutyRate(destination: string, hsCode: string): Decimal {
  for (const length of [6, 4, 2]) {
    const row = DUTY_TABLE.rates.find((rate) => rate.destination === destination && rate.hsPrefix === hsCode.slice(0, length));
    if (row) return new Decimal(row.ratePercent).div(100);
  }
  return new Decimal(0);
}

type Expected = {
  collector: string;
  vat: Decimal;
  duty: Decimal;
  fee: Decimal;
  /** Levies and excise (without VAT) in the checkout total, and due on delivery. */
  levyAtCheckout: Decimal;
  levyDue: Decimal;
  /** Roundings the VAT is made of beyond one: a levy's VAT is rounded on its own. */
  extraRoundings: number;
};

/**
 * The levies the rows (scripts/seed/levies.ts) put on one unit of `product` (net `net`, no shipping: its customs
 * value is its net) shipped from `from`, read here with their own arithmetic: scope, ceiling, amount per consignment
 * or per kg or litre of net quantity (rounded half up), who pays where. `vatBase` is what goes into the VAT base with it.
 */
function leviesFor(market: MarketRow, product: SeedProduct, net: Decimal, from: string, collector: string) {
  const { country, currency } = market;
  const zero = new Decimal(0);
  const result = { atCheckout: zero, due: zero, vatBase: zero, count: 0 };
  const imported = !sameTerritory(from, country);
  for (const levy of LEVIES) {
    if (levy.destination !== country || NOW < levy.validFrom || (levy.validTo && NOW >= levy.validTo)) continue;
    if (levy.scope === 'IMPORTS' && !imported) continue;
    let amount: Decimal;
    if (levy.basis === 'PER_CONSIGNMENT') {
      const ceiling = levy.ceiling && convert(new Decimal(toDecimalString(levy.ceiling)), levy.ceiling.currency, currency);
      if (ceiling && !(levy.ceilingInclusive ? net.lte(ceiling) : net.lt(ceiling))) continue;
      amount = convert(new Decimal(toDecimalString(levy.amount!)), levy.amount!.currency, currency);
    } else {
      const rate = levy.rates.find((row) => product.line.hsCode.startsWith(row.hsPrefix));
      if (!rate) continue;
      const quantity = NET_QUANTITIES[product.sku]!;
      // Per kg of a mass (coffee tax), per litre of a volume (Japan's liquor tax): g and ml are thousandths.
      expect(levy.basis === 'PER_LITRE_NET' ? ['ml', 'l'] : ['g', 'kg'], `${product.sku}: ${levy.code} unit`).toContain(quantity.unit);
      const taxed = new Decimal(quantity.value).div(quantity.unit === 'g' || quantity.unit === 'ml' ? 1000 : 1);
      const perUnit = convert(new Decimal(toDecimalString(rate.perUnit)), rate.perUnit.currency, currency);
      amount = round(perUnit.times(taxed), currency);
    }
    const atCheckout = levy.liable === 'SELLER' || !imported || collector !== 'CARRIER_ON_DELIVERY';
    if (atCheckout) result.atCheckout = result.atCheckout.plus(amount);
    else result.due = result.due.plus(amount);
    // In the VAT base: with the goods' own VAT, at checkout or at the border — a seller-borne levy passed on for a
    // parcel the carrier clears is not in the border's customs value.
    if (levy.inVatBase && (collector !== 'CARRIER_ON_DELIVERY' || !atCheckout)) {
      result.vatBase = result.vatBase.plus(amount);
      result.count += 1;
    }
  }
  return result;
}

/** What the law's rows say for one unit of `product` (net `net` in the market's currency) shipped from `from`. */
function lawFor(market: MarketRow, product: SeedProduct, net: Decimal, from: string, now: Date): Expected {
  const { country, currency } = market;
  const { hsCode } = product.line;
  const rate = new Decimal(
    TAX_TABLE.rates.find((row) => row.country === country && row.category === product.line.taxCategory)!.ratePercent,
  ).div(100);
  const zero = new Decimal(0);
  const withLevies = (collector: string, duty: Decimal, owed: boolean, fee: (vat: Decimal) => Decimal = () => zero): Expected => {
    const levies = leviesFor(market, product, net, from, collector);
    const vat = owed ? round(net.plus(duty).plus(levies.vatBase).times(rate), currency) : zero;
    return {
      collector,
      vat,
      duty,
      fee: fee(vat),
      levyAtCheckout: levies.atCheckout,
      levyDue: levies.due,
      extraRoundings: owed ? levies.count : 0,
    };
  };
  if (sameTerritory(from, country)) return withLevies('SELLER_AT_CHECKOUT', zero, true);
  const record = DE_MINIMIS.find((row) => row.destination === country)!;
  const scheme = COLLECTION_SCHEMES.find(
    (row) =>
      row.destinations.includes(country) &&
      SEED_TAX_REGISTRATIONS.some((registration) => registration.scheme === row.code && registration.destinations.includes(country)) &&
      !startsWithAny(hsCode, row.excludedHsPrefixes) &&
      (row.ceiling === null ||
        (row.ceilingInclusive ? net.lte : net.lt).call(
          net,
          convert(new Decimal(toDecimalString(row.ceiling)), row.ceiling.currency, currency),
        )),
  );
  // Thresholds by where the parcel leaves (CA: CUSMA from US/MX; KR: USD 200 from the US) unless the goods are
  // excluded from that tier.
  const tier = record.shipFromThresholds?.find(
    (row) => row.shipFrom.includes(from) && row.validFrom <= now && !startsWithAny(hsCode, row.excludedHsPrefixes),
  );
  const dutyThreshold = tier ? tier.dutyThreshold : record.dutyThreshold;
  const taxThresholdRow = tier ? tier.taxThreshold : record.taxThreshold;
  // Duty: VOEC goods none; the EU €3 per item up to €150 while it is in force (every good, alcohol and perfume
  // included); after it, the ordinary tariff whatever the value; else relief up to the threshold.
  const regime = record.lowValueRegime;
  const regimeStarted = regime !== undefined && regime !== null && now >= regime.validFrom;
  const regimeInForce = regimeStarted && (regime.validTo == null || now < regime.validTo);
  let duty: Decimal;
  if (scheme?.exemptsDuty) duty = zero;
  else if (regimeInForce && net.lte(convert(new Decimal(toDecimalString(regime.valueCeiling)), 'EUR', currency))) {
    duty = startsWithAny(hsCode, regime.excludedHsPrefixes)
      ? round(net.times(dutyRate(country, hsCode)), currency)
      : convert(new Decimal(toDecimalString(regime.amountPerSubheading)), 'EUR', currency);
  } else {
    const threshold = dutyThreshold && convert(new Decimal(toDecimalString(dutyThreshold)), dutyThreshold.currency, currency);
    const relieved =
      !regimeStarted && threshold !== null && net.lte(threshold) && !startsWithAny(hsCode, record.dutyReliefExcludedHsPrefixes);
    duty = relieved ? zero : round(net.times(dutyRate(country, hsCode)), currency);
  }
  if (scheme) return withLevies('SELLER_AT_CHECKOUT', duty, true);
  const taxThreshold = taxThresholdRow && convert(new Decimal(toDecimalString(taxThresholdRow)), taxThresholdRow.currency, currency);
  const owed = taxThreshold === null || net.gt(taxThreshold) || startsWithAny(hsCode, record.taxReliefExcludedHsPrefixes);
  const carrier = market.incoterm === 'DAP';
  const collector = carrier ? 'CARRIER_ON_DELIVERY' : 'SELLER_AS_IMPORTER';
  const waiver = record.importTaxWaiver;
  const waived = (vat: Decimal) =>
    waiver !== null &&
    waiver !== undefined &&
    vat.lte(convert(new Decimal(toDecimalString(waiver.amount)), waiver.amount.currency, currency));
  const assessed = withLevies(collector, duty, owed);
  const law = waived(assessed.vat) ? { ...assessed, vat: zero, extraRoundings: 0 } : assessed;
  const fee =
    carrier && record.carrierFee && law.vat.plus(duty).gt(0)
      ? convert(new Decimal(toDecimalString(record.carrierFee.amount)), record.carrierFee.amount.currency, currency)
      : zero;
  return { ...law, fee };
}

const dec = (money: Money) => new Decimal(toDecimalString(money));

describe('each tax once: checkout + due on delivery = the law, every market × every seeded product × every warehouse', () => {
  const products = seedProducts();
  for (const market of MARKETS) {
    // The second clock only changes the EU (its €3 regime ends): other markets are checked once.
    const clocks = EU.includes(market.country) ? CLOCKS : [NOW];
    it.each(clocks)(`${market.country}: ${products.length} products from ${WAREHOUSES.join(', ')} at %s`, (now) => {
      const { country, currency } = market;
      const record = DE_MINIMIS.find((row) => row.destination === country)!;
      const options = { rates: FX, now: NOW, maxRateAgeHours: 96 };
      const deMinimis = deMinimisIn([record], currency, options);
      const toCurrency = (money: Money) =>
        moneyFromDecimal(convert(new Decimal(toDecimalString(money)), money.currency, currency).toFixed(), currency);
      const schemes = schemesIn(
        COLLECTION_SCHEMES.filter((row) => row.destinations.includes(country)),
        toCurrency,
      );
      let levied = 0;
      for (const product of products) {
        const base = new Decimal(product.basePriceMinor).div(10 ** currencyExponent(product.line.basePrice.currency));
        const net = convert(base, product.line.basePrice.currency, currency);
        if (net.isZero()) continue;
        for (const from of WAREHOUSES) {
          const law = lawFor(market, product, net, from, now);
          const quote = quoteConsignment({
            lines: [
              {
                productId: product.sku,
                unitPrice: moneyFromDecimal(net.toFixed(), currency),
                priceIncludesTax: false,
                quantity: 1,
                hsCode: product.line.hsCode,
                taxCategory: product.line.taxCategory,
                netQuantity: NET_QUANTITIES[product.sku] ?? null,
              },
            ],
            market,
            taxRates: TAX_TABLE.rates.filter((row) => row.country === country),
            dutyRates: DUTY_TABLE.rates.filter((row) => row.destination === country),
            deMinimis,
            now,
            parcels: [{ fromCountry: from, lineIndexes: [0], charge: moneyFromDecimal('0', currency) }],
            collection: { schemes, registrations: SEED_TAX_REGISTRATIONS },
            levies: leviesIn(leviesInForce(LEVIES, country, NOW), toCurrency),
          });
          const where = `${product.sku} from ${from} to ${country} (net ${net.toFixed()} ${currency})`;
          const [consignment] = quote.consignments;
          expect(consignment?.collection.collector, where).toBe(law.collector);
          const vatCollected = dec(quote.tax).plus(dec(quote.importTax));
          const duty = dec(quote.duty);
          expect(duty.toFixed(), `${where}: duty`).toBe(law.duty.toFixed());
          // VAT once: at checkout (tax, and import VAT on the duty) or at the door (import VAT on value + duty), never
          // both. A seller or importer rounds the goods' VAT and the duty's VAT apart: at most one minor unit apart
          // from the law's single rounding of rate × (value + duty).
          // Each levy's VAT is rounded on its own too: one more minor unit per levy in the base.
          const unit = new Decimal(1).div(10 ** currencyExponent(currency));
          const vatTolerance = unit.times(1 + law.extraRoundings);
          expect(vatCollected.minus(law.vat).abs().lte(vatTolerance), `${where}: VAT ${vatCollected} vs the law's ${law.vat}`).toBe(true);
          const due = dec(quote.dueOnDelivery);
          if (law.collector === 'CARRIER_ON_DELIVERY') {
            expect(dec(quote.tax).toFixed(), `${where}: no VAT at checkout`).toBe(new Decimal(0).toFixed());
            expect(dec(quote.total).toFixed(), `${where}: checkout is the goods`).toBe(net.plus(law.levyAtCheckout).toFixed());
            expect(
              due.minus(law.vat.plus(law.duty).plus(law.fee).plus(law.levyDue)).abs().lte(vatTolerance.minus(unit)),
              `${where}: due on delivery`,
            ).toBe(true);
          } else {
            expect(due.toFixed(), `${where}: nothing due on delivery`).toBe(new Decimal(0).toFixed());
            const expected = net.plus(law.duty).plus(law.vat).plus(law.levyAtCheckout);
            expect(dec(quote.total).minus(expected).abs().lte(vatTolerance), `${where}: total`).toBe(true);
          }
          // Levies once: the quote's levies are those the rows give, at checkout or due on delivery.
          expect(dec(quote.levies).toFixed(), `${where}: levies`).toBe(law.levyAtCheckout.plus(law.levyDue).toFixed());
          if (!dec(quote.levies).isZero()) levied += 1;
        }
      }
      // The rows' levies are exercised: Germany's coffee tax, Italy's and Romania's per-consignment levies.
      if (LEVIES.some((levy) => levy.destination === country)) expect(levied, `${country}: levied quotes`).toBeGreaterThan(0);
    });
  }
});
