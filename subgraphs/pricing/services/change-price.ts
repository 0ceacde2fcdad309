import { badUserInput, echoed, notFound } from '../../common/contract/errors.ts';
import { compare, moneyFromDecimal, toDecimalString, type Money } from '../domain/money.ts';
import { planHistoryChange, type HistoryRow, type PriceBookState } from '../domain/price-change.ts';
import type { SalePrice } from '../domain/price-book.ts';
import { toMoney, toPriceHistoryEntry, toSale } from '../mappers.ts';
import type { Clock } from '../../common/clock.ts';
import type {
  MarketDocument,
  PendingHistoryRow,
  PendingPriceChange,
  PriceBookEntryDocument,
  PriceHistoryDocument,
  PricingModels,
} from '../models.ts';
import { serialisePriceChange, type WriteChange } from './serialise-price-change.ts';
import { markProjectionStale, marksOfPriceChange } from './mark-projection-stale.ts';

/** The `source` of the history rows a price change writes. */
export const PRICE_CHANGE_SOURCE = 'price-change';

/** A new regular price-book price, shown from the moment it is written. */
export type RegularPriceChange = {
  readonly kind: 'REGULAR';
  readonly productId: string;
  readonly country: string;
  /** Decimal string in the market's currency, as the market shows it (gross where tax-inclusive): "24.99". */
  readonly amount: string;
  /**
   * When the change is recorded as shown; default `now`. Not in the future (the price book holds one regular
   * price, in force once written: schedule a reduction as a sale) and not before now unless it repeats a
   * change already recorded (re-running is idempotent).
   */
  readonly from?: Date | null;
};

/** A sale on the price-book price (replacing any sale of the entry), from `from` (default now) until `until`. */
export type SalePriceChange = {
  readonly kind: 'SALE';
  readonly productId: string;
  readonly country: string;
  readonly amount: string;
  readonly from?: Date | null;
  /** Exclusive end; null = until another change. */
  readonly until: Date | null;
};

/** Ends the entry's sale now (a running sale stops, a scheduled one is cancelled); the regular price is shown again. */
export type EndSaleChange = { readonly kind: 'END_SALE'; readonly productId: string; readonly country: string };

export type PriceChange = RegularPriceChange | SalePriceChange | EndSaleChange;

/** What a change did. */
export type PriceChangeResult = {
  readonly productId: string;
  readonly market: string;
  readonly currency: string;
  /** The instant the change was made at (read once the change held the product). */
  readonly at: Date;
  /** History rows written (opened, closed or extended) and planned rows removed; 0 and 0 when re-run. */
  readonly historyRowsWritten: number;
  readonly historyRowsRemoved: number;
  /** False when the price book already held this state (a re-run). */
  readonly priceBookChanged: boolean;
  /** The product's history in the market after the change, oldest first. */
  readonly history: readonly HistoryRow[];
};

const PRODUCT_ID = /^[0-9a-f]{24}$/;
const iso = (date: Date) => date.toISOString();

/**
 * Sets a price-book price (or a sale) of a product in a market and records it in `price_history`, the record the
 * EU 30-day rule reads. Changes of one product in one market are serialised (see `serialisePriceChange`): each
 * reads the price book and history, plans and writes while no other change of them runs, so concurrent changes
 * leave one open row, no overlap, and a history that names exactly the prices the price book held. `now` is read
 * once the change holds the product (a clock) or fixed (a date, as tests and MERIDIAN_NOW pin it). Running the
 * same change again writes nothing twice.
 *
 * Bad input (an id pricing does not know, a country it does not sell to, an amount the currency cannot hold, a
 * sale not cheaper than the price, a start that would rewrite what shoppers saw) is a BAD_USER_INPUT or NOT_FOUND
 * DomainError naming the value, and nothing is written.
 */
export async function changePrice(models: PricingModels, change: PriceChange, now: Date | Clock): Promise<PriceChangeResult> {
  const { productId } = change;
  const country = change.country.toUpperCase();
  if (!PRODUCT_ID.test(productId)) {
    throw badUserInput(`"${echoed(productId)}" is not a product id (24 hexadecimal digits)`, { productId: echoed(productId) });
  }
  const { currency } = await marketToChange(models, change.country);
  if (!(await models.BasePrice.exists({ productId }))) {
    throw notFound(`Pricing has no product ${productId} (no base price): check the id, or seed its base price first`, { productId });
  }
  const amount = change.kind === 'END_SALE' ? null : amountOf(change.amount, currency);
  const clock = typeof now === 'function' ? now : () => now;
  const result = await serialisePriceChange(models, productId, country, (write) =>
    planAndWrite(models, { change, country, currency, amount, now: clock() }, write),
  );
  // After the change is written, so the projector that reads the mark reads the new price. A process that dies
  // between the two leaves the lists to the projector's next full pass.
  await markProjectionStale(models, marksOfPriceChange(change, result));
  return result;
}

/** A validated change, with the instant it is made at. */
type ValidatedChange = { change: PriceChange; country: string; currency: string; amount: Money | null; now: Date };

/** Reads the product's price book and history, plans the change on them and writes it (under the product's lease). */
async function planAndWrite(models: PricingModels, validated: ValidatedChange, write: WriteChange): Promise<PriceChangeResult> {
  const { change, country, currency, amount, now } = validated;
  const { productId } = change;
  const entry = await models.PriceBookEntry.findOne({ productId, market: country }).lean<PriceBookEntryDocument>();
  if (entry && entry.currency !== currency) {
    throw badUserInput(
      `The price book holds ${productId} in ${entry.currency} for ${country}, which charges ${currency}: fix the entry first`,
      { productId, country },
    );
  }
  const from = (change.kind === 'END_SALE' ? null : change.from) ?? now;
  const state = nextState(change, amount, entry, from, now);
  const history = await models.PriceHistory.find({ productId, market: country }).sort({ from: 1 }).lean<PriceHistoryDocument[]>();
  // A sale changes what is shown from now on (a scheduled sale replaces the one planned before it), or from its
  // start when that is earlier (refused by the plan unless it repeats what is on record).
  const changeAt = change.kind === 'SALE' && from.getTime() > now.getTime() ? now : from;
  const plan = planHistoryChange(history.map(toPriceHistoryEntry), state, changeAt, now);
  const priceBookChanged = !entry || !samePriceBookState(toState(entry), state);
  if (plan.upserts.length > 0 || plan.removals.length > 0 || priceBookChanged) {
    await write({
      upserts: plan.upserts.map((planned) => pendingRow(planned, history)),
      removals: [...plan.removals],
      priceBook: priceBookChanged ? priceBookOf(state, currency) : null,
    });
  }
  return {
    productId,
    market: country,
    currency,
    at: now,
    historyRowsWritten: plan.upserts.length,
    historyRowsRemoved: plan.removals.length,
    priceBookChanged,
    history: plan.after,
  };
}

/** A planned row as written. A row that existed with this price keeps its source (an extended seed row is still the seed's). */
function pendingRow(planned: HistoryRow, history: readonly PriceHistoryDocument[]): PendingHistoryRow {
  const existing = history.find(
    (row) =>
      row.from.getTime() === planned.from.getTime() &&
      row.currency === planned.amount.currency &&
      BigInt(row.amountMinor) === planned.amount.minor,
  );
  return {
    currency: planned.amount.currency,
    amountMinor: Number(planned.amount.minor),
    from: planned.from,
    until: planned.until,
    source: existing?.source ?? PRICE_CHANGE_SOURCE,
  };
}

function priceBookOf(state: PriceBookState, currency: string): NonNullable<PendingPriceChange['priceBook']> {
  return {
    currency,
    amountMinor: Number(state.regular.minor),
    sale: state.sale
      ? { amountMinor: Number(state.sale.price.minor), validFrom: state.sale.validFrom, validUntil: state.sale.validUntil }
      : null,
  };
}

/** The market a price is changed in, or BAD_USER_INPUT naming the markets when we do not sell to `country`. */
export async function marketToChange(models: PricingModels, country: string): Promise<MarketDocument> {
  const market = await models.Market.findOne({ country: country.toUpperCase() }).lean<MarketDocument>();
  if (market) return market;
  const countries = (await models.Market.find({}, { country: 1 }).sort({ country: 1 }).lean()).map((entry) => entry.country);
  throw badUserInput(`We do not sell to "${echoed(country)}"; markets: ${countries.join(', ')}`, { country: echoed(country) });
}

/** A positive amount the market's currency can hold exactly, or BAD_USER_INPUT saying what is wrong with it. */
function amountOf(text: string, currency: string): Money {
  const amount = moneyFromDecimal(text.trim(), currency);
  if (amount.minor <= 0n) throw badUserInput(`A price must be more than zero, got ${echoed(text)} ${currency}`, { amount: echoed(text) });
  if (amount.minor > BigInt(Number.MAX_SAFE_INTEGER))
    throw badUserInput(`Amount ${echoed(text)} ${currency} is too large`, { amount: echoed(text) });
  return amount;
}

/** The price-book state after the change, validated against the entry it replaces. */
function nextState(change: PriceChange, amount: Money | null, entry: PriceBookEntryDocument | null, from: Date, now: Date): PriceBookState {
  if (change.kind === 'END_SALE') {
    if (!entry) {
      throw badUserInput(`There is no price-book price of ${change.productId} in ${change.country.toUpperCase()}, so no sale to end`, {
        productId: change.productId,
      });
    }
    // Without a sale this changes nothing: ending a sale twice is the same as ending it once.
    return { regular: toMoney(entry.amountMinor, entry.currency), sale: null };
  }
  // Only END_SALE has no amount.
  if (!amount) throw new TypeError('A price change needs an amount');
  if (change.kind === 'REGULAR') {
    if (from.getTime() > now.getTime()) {
      throw badUserInput(
        `A regular price is in force once written, so it cannot start in the future (${iso(from)}, now is ${iso(now)}); ` +
          'schedule a reduction as a sale with a start instead',
        { from: iso(from) },
      );
    }
    return { regular: amount, sale: entry ? toSale(entry.sale, entry.currency) : null };
  }
  if (!entry) {
    throw badUserInput(
      `There is no price-book price for ${change.productId} in ${change.country.toUpperCase()} to put on sale: set one first`,
      {
        productId: change.productId,
      },
    );
  }
  const regular = toMoney(entry.amountMinor, entry.currency);
  if (change.until && change.until.getTime() <= from.getTime()) {
    throw badUserInput(`A sale must end after it starts (${iso(from)} to ${iso(change.until)})`, {
      from: iso(from),
      until: iso(change.until),
    });
  }
  if (compare(amount, regular) >= 0) {
    throw badUserInput(
      `A sale must be cheaper than the price it reduces: ${toDecimalString(amount)} is not below ${toDecimalString(regular)} ${regular.currency}`,
      { amount: toDecimalString(amount) },
    );
  }
  const sale: SalePrice = { price: amount, validFrom: from, validUntil: change.until };
  return { regular, sale };
}

function toState(entry: PriceBookEntryDocument): PriceBookState {
  return { regular: toMoney(entry.amountMinor, entry.currency), sale: toSale(entry.sale, entry.currency) };
}

function samePriceBookState(a: PriceBookState, b: PriceBookState): boolean {
  if (a.regular.minor !== b.regular.minor || a.regular.currency !== b.regular.currency) return false;
  if (!a.sale || !b.sale) return a.sale === b.sale;
  return (
    a.sale.price.minor === b.sale.price.minor &&
    a.sale.validFrom.getTime() === b.sale.validFrom.getTime() &&
    (a.sale.validUntil?.getTime() ?? null) === (b.sale.validUntil?.getTime() ?? null)
  );
}

/** One product's price history in one market, oldest first (what `npm run prices -- history` prints). */
export async function priceHistoryOf(models: PricingModels, productId: string, country: string): Promise<PriceHistoryDocument[]> {
  return models.PriceHistory.find({ productId, market: country.toUpperCase() }).sort({ from: 1 }).lean<PriceHistoryDocument[]>();
}
