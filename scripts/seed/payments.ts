import { seedProducts } from './catalog.ts';
import { seedPriceBook } from './pricing.ts';
import { MARKETS } from './pricing-reference.ts';
import { moneyFromDecimal, omnibusApplies } from '../../subgraphs/pricing/domain/index.ts';
import type {
  PaymentAmountLimitDocument,
  PaymentMethodDocument,
  PriceHistoryDocument,
  PricingModels,
} from '../../subgraphs/pricing/models.ts';

const AS_OF = new Date('2026-11-01T00:00:00Z');
const ILLUSTRATIVE =
  'Illustrative coverage and limits for development and tests, modelled on the providers\u2019 public documentation as of November 2026; check your payment service provider\u2019s current terms.';

/** Every market we sell to: cards and Apple Pay are offered in all of them. */
const ALL_MARKETS = MARKETS.map((market) => market.country);
/** Every currency a market prices in or accepts (CHF and EUR in Switzerland): what the card schemes charge in. */
const ALL_MARKET_CURRENCIES = [...new Set(MARKETS.flatMap((market) => [market.currency, ...market.additionalCurrencies]))];
/** The euro-area markets, where SEPA Direct Debit collects in euros. */
const EURO_MARKETS = MARKETS.filter((market) => market.currency === 'EUR').map((market) => market.country);
/**
 * The market currencies PayPal can charge in (its list of supported currencies; not RON, KRW, AED or KWD), so
 * Romania, South Korea, the UAE and Kuwait are offered no PayPal.
 */
const PAYPAL_CURRENCIES = ['AUD', 'CAD', 'CHF', 'CZK', 'DKK', 'EUR', 'GBP', 'HUF', 'JPY', 'NOK', 'PLN', 'SEK', 'SGD', 'USD'];
const except = (countries: readonly string[], excluded: readonly string[]) => countries.filter((country) => !excluded.includes(country));

/** A limit typed as decimals, e.g. `limit('JPY', '120', '300000')`. */
function limit(currency: string, min: string | null, max: string | null): PaymentAmountLimitDocument {
  const minor = (amount: string | null) => (amount === null ? null : Number(moneyFromDecimal(amount, currency).minor));
  return { currency, minMinor: minor(min), maxMinor: minor(max) };
}

type SeedMethod = Omit<PaymentMethodDocument, 'position' | 'asOf' | 'source' | 'illustrative' | 'note'> & {
  note?: string;
  source?: string;
  illustrative?: boolean;
};

/**
 * The payment methods we offer, in the order checkout lists them (cards, wallets, then local methods). Names are
 * data: a map per language, the brand the fallback (brands such as iDEAL or TWINT are never translated).
 */
export const PAYMENT_METHODS: readonly SeedMethod[] = [
  {
    code: 'VISA',
    brand: 'Visa',
    names: {},
    type: 'CARD',
    countries: ALL_MARKETS,
    currencies: ALL_MARKET_CURRENCIES,
    limits: [],
    canPayDdpDuties: true,
  },
  {
    code: 'MASTERCARD',
    brand: 'Mastercard',
    names: {},
    type: 'CARD',
    countries: ALL_MARKETS,
    currencies: ALL_MARKET_CURRENCIES,
    limits: [],
    canPayDdpDuties: true,
  },
  {
    code: 'AMEX',
    brand: 'American Express',
    names: {},
    type: 'CARD',
    // Not offered in Kuwait, where the national debit scheme (KNET) and the big two carry checkout.
    countries: except(ALL_MARKETS, ['KW']),
    currencies: ALL_MARKET_CURRENCIES.filter((currency) => currency !== 'KWD'),
    limits: [],
    canPayDdpDuties: true,
  },
  { code: 'JCB', brand: 'JCB', names: {}, type: 'CARD', countries: ['JP'], currencies: ['JPY'], limits: [], canPayDdpDuties: true },
  {
    code: 'KNET',
    brand: 'KNET',
    names: { ar: 'كي نت' },
    type: 'CARD',
    countries: ['KW'],
    currencies: ['KWD'],
    limits: [],
    canPayDdpDuties: true,
    note: "Kuwait's national debit network; charges in KWD only.",
  },
  {
    code: 'APPLE_PAY',
    brand: 'Apple Pay',
    names: {},
    type: 'WALLET',
    countries: ALL_MARKETS,
    currencies: ALL_MARKET_CURRENCIES,
    limits: [],
    canPayDdpDuties: true,
  },
  {
    code: 'PAYPAL',
    brand: 'PayPal',
    names: {},
    type: 'WALLET',
    countries: except(ALL_MARKETS, ['KW']),
    currencies: PAYPAL_CURRENCIES,
    limits: [],
    canPayDdpDuties: true,
  },
  {
    code: 'TWINT',
    brand: 'TWINT',
    names: {},
    type: 'WALLET',
    countries: ['CH'],
    currencies: ['CHF'],
    limits: [limit('CHF', '0.01', '5000.00')],
    canPayDdpDuties: true,
    note: 'Swiss mobile payment app; CHF only, so not offered when a Swiss quote is presented in EUR.',
  },
  {
    code: 'IDEAL',
    brand: 'iDEAL',
    names: {},
    type: 'BANK_TRANSFER',
    countries: ['NL'],
    currencies: ['EUR'],
    limits: [limit('EUR', '0.01', '50000.00')],
    canPayDdpDuties: true,
    note: 'iDEAL is becoming Wero (European Payments Initiative) from 2026; shoppers may see "iDEAL | Wero". The code stays IDEAL.',
  },
  {
    code: 'BANCONTACT',
    brand: 'Bancontact',
    names: {},
    // Belgium's national debit card scheme, paid by card or with the Payconiq by Bancontact app.
    type: 'CARD',
    countries: ['BE'],
    currencies: ['EUR'],
    limits: [limit('EUR', '0.01', '50000.00')],
    canPayDdpDuties: true,
    note: "Belgium's national debit scheme (card or app); charges in EUR only.",
  },
  {
    code: 'SEPA_DIRECT_DEBIT',
    brand: 'SEPA Direct Debit',
    names: { de: 'SEPA-Lastschrift', nl: 'SEPA-incasso', fr: 'Prélèvement SEPA' },
    type: 'DIRECT_DEBIT',
    countries: EURO_MARKETS,
    currencies: ['EUR'],
    limits: [limit('EUR', '0.01', '10000.00')],
    canPayDdpDuties: true,
  },
  {
    code: 'KLARNA_PAY_LATER',
    brand: 'Klarna',
    names: { de: 'Klarna – Rechnung (später bezahlen)', en: 'Klarna Pay Later', nl: 'Klarna – Achteraf betalen' },
    type: 'BNPL',
    countries: ['DE'],
    currencies: ['EUR'],
    limits: [limit('EUR', '1.00', '1500.00')],
    canPayDdpDuties: true,
    note: 'Pay within 30 days; limits depend on the shopper and the merchant contract.',
  },
  {
    code: 'KONBINI',
    brand: 'Konbini',
    names: { ja: 'コンビニ払い', en: 'Konbini (pay at a convenience store)' },
    type: 'CASH_VOUCHER',
    countries: ['JP'],
    currencies: ['JPY'],
    limits: [limit('JPY', '120', '300000')],
    canPayDdpDuties: true,
    note: 'Paid in cash at a convenience store against a voucher; ¥120 to ¥300,000 per payment.',
  },
];

/** The catalogue as stored: illustrative source and date on every method, positions in list order. */
export function paymentMethodDocuments(): PaymentMethodDocument[] {
  return PAYMENT_METHODS.map((method, position) => ({
    ...method,
    note: method.note ?? null,
    position,
    source: method.source ?? ILLUSTRATIVE,
    asOf: AS_OF,
    illustrative: method.illustrative ?? true,
  }));
}

/** When the demo history starts: the regular prices were shown from here on. */
const HISTORY_START = new Date('2026-09-01T00:00:00Z');

/**
 * The demo price history of the EU markets' price-book prices (illustrative): each regular price shown since
 * 1 September 2026, and each sale as the reduction it was, so the EU 30-day rule finds the regular price as the
 * lowest before the sale. Converted prices move with the FX rate and are not recorded in the demo.
 *
 * After the seed, price changes append to it (`changePrice` in subgraphs/pricing/services/change-price.ts, `npm run
 * prices`): the row in force gets `until` = the change's instant and a new row starts there (`{productId,
 * market, from}` is the key). Converted prices are never recorded (see the README's Omnibus section).
 */
export function seedPriceHistory(): PriceHistoryDocument[] {
  const rows: PriceHistoryDocument[] = [];
  for (const entry of seedPriceBook(seedProducts())) {
    if (!omnibusApplies(entry.market)) continue;
    const row = (amountMinor: number, from: Date, until: Date | null): PriceHistoryDocument => ({
      productId: entry.productId,
      market: entry.market,
      currency: entry.currency,
      amountMinor,
      from,
      until,
      source: 'seed',
    });
    const sale = entry.sale;
    if (!sale) {
      rows.push(row(entry.amountMinor, HISTORY_START, null));
      continue;
    }
    rows.push(row(entry.amountMinor, HISTORY_START, sale.validFrom), row(sale.amountMinor, sale.validFrom, sale.validUntil ?? null));
    if (sale.validUntil) rows.push(row(entry.amountMinor, sale.validUntil, null));
  }
  return rows;
}

/** Upserts the payment methods and the demo price history by their natural keys (idempotent). */
export async function seedPaymentsAndPriceHistory(models: PricingModels): Promise<Record<string, number>> {
  const methods = paymentMethodDocuments();
  await models.PaymentMethod.bulkWrite(
    methods.map((method) => ({ replaceOne: { filter: { code: method.code }, replacement: method, upsert: true } })),
  );
  const history = seedPriceHistory();
  await models.PriceHistory.bulkWrite(
    history.map((row) => ({
      replaceOne: { filter: { productId: row.productId, market: row.market, from: row.from }, replacement: row, upsert: true },
    })),
  );
  return { paymentMethods: methods.length, priceHistory: history.length };
}
