import type { LevyBasis, LevyKind } from '../levy.ts';
import type { Money } from '../money.ts';

/** One levy or excise charged on a consignment (or one of its lines), and where the shopper pays it. */
export type LevyCharge = {
  readonly code: string;
  readonly name: string;
  readonly kind: LevyKind;
  readonly basis: LevyBasis;
  /** The quote line an excise was counted on; null for a per-consignment levy. */
  readonly lineIndex: number | null;
  /** The levy, rounded once (half up) to the currency's minor unit. */
  readonly amount: Money;
  /**
   * VAT/GST on the levy where it is in the VAT base and VAT is charged with it: at the goods' rate at checkout
   * when the goods' VAT/GST is collected there, or as import VAT when due on delivery; zero otherwise.
   */
  readonly vat: Money;
  /** True: in the checkout total; false: due on delivery (the carrier collects it at the border). */
  readonly atCheckout: boolean;
  /** How it was counted, e.g. "Coffee tax (Kaffeesteuer), roasted coffee: EUR 2.19/kg × 0.25 kg". */
  readonly label: string;
  readonly inVatBase: boolean;
  readonly source: string;
  readonly verified: boolean;
  readonly note: string;
};
