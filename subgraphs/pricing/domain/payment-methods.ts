import type { Money } from './money.ts';

/**
 * How a payment method moves the money. Card schemes (including local debit schemes such as KNET), wallets
 * holding a card or balance, bank transfers the shopper authorises in their bank (iDEAL), direct debits the
 * merchant collects (SEPA), buy-now-pay-later credit (Klarna) and cash paid against a voucher (Konbini).
 */
export const PaymentMethodType = {
  CARD: 'CARD',
  WALLET: 'WALLET',
  BANK_TRANSFER: 'BANK_TRANSFER',
  DIRECT_DEBIT: 'DIRECT_DEBIT',
  BNPL: 'BNPL',
  CASH_VOUCHER: 'CASH_VOUCHER',
} as const;
export type PaymentMethodType = (typeof PaymentMethodType)[keyof typeof PaymentMethodType];

/** Inclusive bounds of one payment in one currency; null = no bound on that side. */
export type PaymentAmountLimit = {
  readonly currency: string;
  readonly min: Money | null;
  readonly max: Money | null;
};

/** A way to pay, with where and in what it may be used. */
export type PaymentMethod = {
  /** Stable identifier clients branch on, e.g. `IDEAL`, `KONBINI`. */
  readonly code: string;
  /** The brand as written everywhere, e.g. `iDEAL`: the name when no translation fits. */
  readonly brand: string;
  /** Names by BCP 47 language or locale tag (`de`, `de-CH`, `ja`). */
  readonly names: Readonly<Record<string, string>>;
  readonly type: PaymentMethodType;
  /** Countries (markets) where it is offered. */
  readonly countries: readonly string[];
  /** ISO 4217 presentment currencies it can be charged in. */
  readonly currencies: readonly string[];
  /** Per-currency limits; a currency without an entry has none. */
  readonly limits: readonly PaymentAmountLimit[];
  /** Whether it can pay a total that includes import duty and tax collected at checkout (DDP). */
  readonly canPayDdpDuties: boolean;
  /** Anything a merchant should know, e.g. that iDEAL is becoming Wero. */
  readonly note: string | null;
  readonly source: string;
  readonly asOf: Date;
  /** True when brands, limits or coverage are illustrative, not taken from the provider's current terms. */
  readonly illustrative: boolean;
};

/**
 * The name of `method` for `locale`: the exact tag (`de-CH`), else its language (`de`), else the brand.
 * Names are data, one map per method, so adding a language needs no release.
 */
export function paymentMethodName(method: Pick<PaymentMethod, 'names' | 'brand'>, locale: string): string {
  const exact = method.names[locale];
  if (exact) return exact;
  const language = locale.split('-')[0]?.toLowerCase() ?? '';
  return method.names[language] ?? method.brand;
}

/** The currencies a market lets shoppers pay in: its own first, then the additional ones. */
export function currenciesOfMarket(market: { currency: string; additionalCurrencies: readonly string[] }): string[] {
  return [market.currency, ...market.additionalCurrencies.filter((currency) => currency !== market.currency)];
}

/**
 * The methods offered in a market, in catalogue order: those listing its country and at least one of the
 * market's currencies. Each keeps only the currencies the market accepts, and their limits.
 */
export function paymentMethodsOfMarket(
  methods: readonly PaymentMethod[],
  market: { country: string; currency: string; additionalCurrencies: readonly string[] },
): PaymentMethod[] {
  const accepted = currenciesOfMarket(market);
  return methods.flatMap((method) => {
    if (!method.countries.includes(market.country)) return [];
    const currencies = accepted.filter((currency) => method.currencies.includes(currency));
    if (currencies.length === 0) return [];
    return [{ ...method, currencies, limits: method.limits.filter((limit) => currencies.includes(limit.currency)) }];
  });
}

/** Why a method cannot pay an amount, or null when it can. */
export type PaymentRefusal = 'CURRENCY' | 'BELOW_MIN' | 'ABOVE_MAX' | 'DUTIES';

/**
 * Whether `method` can pay `total`: it must take the currency, the total must be within its limits for that
 * currency (inclusive), and when the total contains duty collected at checkout (DDP) the method must be able
 * to pay duties.
 */
export function refusalOf(method: PaymentMethod, total: Money, includesDuties: boolean): PaymentRefusal | null {
  if (!method.currencies.includes(total.currency)) return 'CURRENCY';
  const limit = method.limits.find((candidate) => candidate.currency === total.currency);
  if (limit?.min && total.minor < limit.min.minor) return 'BELOW_MIN';
  if (limit?.max && total.minor > limit.max.minor) return 'ABOVE_MAX';
  if (includesDuties && !method.canPayDdpDuties) return 'DUTIES';
  return null;
}

/**
 * The methods a shopper may pay a quote with: those of the market (see {@link paymentMethodsOfMarket}) that can
 * pay `total` in its currency. `includesDuties`: the total contains duty or import tax collected at checkout.
 */
export function paymentMethodsForTotal(
  methods: readonly PaymentMethod[],
  market: { country: string; currency: string; additionalCurrencies: readonly string[] },
  total: Money,
  includesDuties: boolean,
): PaymentMethod[] {
  return paymentMethodsOfMarket(methods, market).filter((method) => refusalOf(method, total, includesDuties) === null);
}
