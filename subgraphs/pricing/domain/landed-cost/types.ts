// The public types of a landed-cost quote: its input, and the quote with its lines, consignments and breakdown.
import type { Collection, CollectionScheme, TaxRegistration } from '../collection.ts';
import type { CustomsUnion, DeMinimis, DutyBasis, DutyRate, ThresholdBasis } from '../duty.ts';
import type { TerritoryBorder } from '../territory-border.ts';
import type { PriceStep } from '../explanation.ts';
import type { AppliedPreference, PreferenceData } from '../preferential-origin.ts';
import type { CustomsValuation, Incoterm, Market } from '../market.ts';
import type { Levy } from '../levy.ts';
import type { Money } from '../money.ts';
import type { RoundingMode } from '../rounding.ts';
import type { TaxCategory, TaxRate } from '../tax.ts';
import type { LevyCharge } from './levy-charge.ts';

/** Largest quantity one line may carry; more is a typo or abuse, not a shopper. */
export const MAX_QUANTITY = 999;

export type QuoteLine = {
  readonly productId: string;
  /** Unit price in the market's currency as the market shows it: gross where taxDisplay is inclusive, else net. */
  readonly unitPrice: Money;
  readonly quantity: number;
  readonly hsCode: string;
  readonly taxCategory: TaxCategory;
  /**
   * Whether `unitPrice` contains VAT/GST: what the product page showed (`ShopperPrice.taxIncluded`). Default: the
   * market's display (inclusive markets show gross prices). A page in a DAP market shows the price without VAT,
   * since it is not collected at checkout; the quote adds VAT where its consignment collects it.
   */
  readonly priceIncludesTax?: boolean;
  /**
   * False when the goods do not cross a customs border to reach the market (see `crossesCustomsBorder`):
   * they owe no duty and do not count towards the consignment's de minimis value. Default true. Ignored when the
   * input has `parcels`: then the parcel's warehouse decides.
   */
  readonly dutiable?: boolean;
  /** The goods' origin and the agreements the merchant holds proof of it under; absent: the MFN rate applies. */
  readonly origin?: { readonly originCountry: string; readonly originProofs: readonly string[] } | null;
  /** What one unit holds (`{ value: '250', unit: 'g' }`): a per-kg excise is counted on it; null for goods sold by the piece. */
  readonly netQuantity?: { readonly value: string; readonly unit: string } | null;
};

/** One parcel of a cart: at the border it is a consignment of its own. */
export type QuoteParcel = {
  /** Country of the warehouse the parcel leaves: its goods cross a customs border when it is outside the destination's customs territory. */
  readonly fromCountry: string;
  /** Indexes into the quote's `lines` of the lines it carries (a line is in one parcel at most). */
  readonly lineIndexes: readonly number[];
  /** The parcel's charge in the quote's currency, as the market shows prices (VAT/GST included where prices are gross). */
  readonly charge: Money;
};

/** How one consignment (a parcel, or the lines no parcel carries) was assessed at the border. */
export type ConsignmentAssessment = {
  /** The country of the warehouse the parcel leaves; null for lines no parcel carries (or a quote without parcels). */
  readonly fromCountry: string | null;
  /** Indexes into the quote's lines. */
  readonly lineIndexes: readonly number[];
  /** True when its goods cross a customs border to the destination. */
  readonly crossesCustomsBorder: boolean;
  /** The parcel's shipping as the shopper pays it (zero when free); null when it has no charge. */
  readonly shipping: Money | null;
  /** Its customs value (zero when nothing crosses a border). */
  readonly customsValue: CustomsValueAssessment;
  readonly thresholdBasis: ThresholdBasis;
  /** The value compared with the thresholds: intrinsic (goods) or customs value, per `thresholdBasis`. */
  readonly comparedValue: Money;
  /** How the consignment's duty was assessed; null when nothing crosses a border. */
  readonly dutyBasis: DutyBasis | null;
  /** False when the consignment is within the duty relief (or crosses no border). */
  readonly dutyOwed: boolean;
  readonly importTaxOwed: boolean;
  /** Distinct tariff subheadings of this consignment charged the flat low-value duty. */
  readonly flatDutySubheadings: number;
  readonly duty: Money;
  /**
   * Import VAT/GST: on the duty where the goods' own VAT/GST is charged at checkout; on the customs value plus duty
   * where the carrier collects it on delivery; zero where the destination's thresholds waive it.
   */
  readonly importTax: Money;
  /** Who collects its taxes, under which scheme and registration. */
  readonly collection: Collection;
  /** The carrier's disbursement fee for advancing duty and import VAT (only when something is due on delivery). */
  readonly carrierFee: Money;
  /** Its levies and excise (Italy's €2, Romania's RON 25, Germany's coffee tax), each at checkout or due on delivery. */
  readonly levies: readonly LevyCharge[];
  /** Duty + import VAT/GST + levies due + carrier fee the recipient pays the carrier (zero unless CARRIER_ON_DELIVERY). */
  readonly dueOnDelivery: Money;
};

/** The merchant's seller-collection schemes and registrations for a quote's destination. */
export type CollectionRules = {
  /** The destination's schemes, ceilings in the quote's currency (see `schemesIn`). */
  readonly schemes: readonly CollectionScheme[];
  readonly registrations: readonly TaxRegistration[];
};

export type ConsignmentInput = {
  readonly lines: readonly QuoteLine[];
  /** The market, with `currency` the quote's presentment currency (the market's own or an additional one). */
  readonly market: Market;
  readonly taxRates: readonly TaxRate[];
  readonly dutyRates: readonly DutyRate[];
  /** De minimis records with thresholds (and low-value regime amounts) in the quote's currency. */
  readonly deMinimis: readonly DeMinimis[];
  /** The pricing clock: selects the low-value regime in force (the EU's €3 flat duty from 2026-07-01). */
  readonly now: Date;
  /**
   * The selected delivery option's charge per shipment, converted into the quote's currency, as the market shows
   * prices (VAT/GST included where prices are gross), spread over ALL lines by value. Empty or absent: nothing is
   * charged for shipping. Only without `parcels` (a caller that does not know which parcel carries what).
   */
  readonly shippingCharges?: readonly Money[];
  /**
   * The parcels the cart ships in: each is its own consignment at the border (its warehouse decides whether its
   * goods cross a customs border, its value is compared with de minimis on its own) and its charge is freight
   * and taxable shipping of its own lines only. Lines in no parcel do not ship: no freight, no duty.
   */
  readonly parcels?: readonly QuoteParcel[];
  /** The customs unions whose members move goods between them duty-free; default `CUSTOMS_UNIONS`. */
  readonly customsUnions?: readonly CustomsUnion[];
  /**
   * The special territory of the market's country the address lies in (Canary Islands, Åland, Northern Ireland):
   * it decides with each parcel's warehouse whether the parcel is declared and owes duty (`borderCrossing`).
   * Absent or null: the country.
   */
  readonly territory?: TerritoryBorder | null;
  /** The items total (as shown) from which shipping is free, in the quote's currency; null or absent: never free. */
  readonly freeShippingThreshold?: Money | null;
  /** The rounding for every per-line tax and duty step. Default HALF_UP. */
  readonly rounding?: RoundingMode;
  /** Trade agreements and their preferential rates (reference data); absent: every line at its MFN rate. */
  readonly preferences?: PreferenceData | null;
  /** Seller-collection schemes and registrations; absent: none (no consignment is seller-collected across a border). */
  readonly collection?: CollectionRules;
  /** The destination's levies and excise in force at `now`, amounts in the quote's currency; absent: none. */
  readonly levies?: readonly Levy[];
};

export type QuotedLine = {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  /** unitPrice × quantity, as shown. */
  readonly lineTotal: Money;
  readonly net: Money;
  readonly tax: Money;
  readonly gross: Money;
  readonly taxRatePercent: string;
  readonly dutyRatePercent: string;
  /** The HS prefix the duty rate was found for; null when none matched or the line is not dutiable. */
  readonly dutyHsPrefix: string | null;
  /** False when no duty rate matched the HS code and 0 % was assumed (true for a line that is not dutiable). */
  readonly dutyRateFound: boolean;
  /** False when the goods do not cross a customs border: no duty applies at all. */
  readonly dutiable: boolean;
  /** True when the goods are excluded from the low-value duty relief (EU: alcohol, perfume, tobacco): duty is owed under the threshold too. */
  readonly dutyReliefExcluded: boolean;
  /** How the line's duty was assessed; null when the line is not dutiable. */
  readonly dutyBasis: DutyBasis | null;
  /** The line's share of the payable shipping, net of VAT/GST: its freight in a CIF customs value. */
  readonly freight: Money;
  /** What duty was assessed on: the net, plus the freight share under CIF. */
  readonly customsValue: Money;
  readonly duty: Money;
  readonly importTax: Money;
  /** The preference claimed for the line's ad valorem duty; null when the MFN rate (or no ad valorem duty) applied. */
  readonly dutyPreference: AppliedPreference | null;
  /** True when the line's VAT/GST is in the checkout total. */
  readonly taxAtCheckout: boolean;
};

/** What a breakdown row does to the total: ADDED rows sum to `total` exactly. */
export const Treatment = {
  /** Part of the total. */
  ADDED: 'ADDED',
  /** Already inside another row (VAT inside tax-inclusive item prices); shown for information. */
  INCLUDED: 'INCLUDED',
  /** An estimate the carrier collects on delivery (DAP); not in the total. */
  DUE_ON_DELIVERY: 'DUE_ON_DELIVERY',
} as const;
export type Treatment = (typeof Treatment)[keyof typeof Treatment];

export type BreakdownKind = 'ITEMS' | 'SHIPPING' | 'SHIPPING_DISCOUNT' | 'TAX' | 'DUTY' | 'IMPORT_TAX' | 'EXCISE' | 'LEVY' | 'CARRIER_FEE';
export type BreakdownRow = { readonly kind: BreakdownKind; readonly amount: Money; readonly treatment: Treatment };

/** How the consignment was valued for customs: the basis of the destination and its parts. */
export type CustomsValueAssessment = {
  readonly basis: CustomsValuation;
  /** The net value of the goods that cross a customs border. */
  readonly goods: Money;
  /** CIF: the freight charged to the shopper for those goods, net of VAT/GST; FOB: zero. */
  readonly freight: Money;
  /** CIF: insurance to the border. We buy none for these parcels, so it is zero (and shown as such); FOB: zero. */
  readonly insurance: Money;
  /** goods + freight + insurance: compared with the de minimis thresholds and the duty base. */
  readonly value: Money;
};

export type ConsignmentQuote = {
  readonly items: readonly QuotedLine[];
  /** Sum of line totals as shown. */
  readonly itemsTotal: Money;
  /** The shipping the shopper pays, as shown (zero when free); null when no charge was given. */
  readonly shipping: Money | null;
  /** Each shipment's charge as given (before a free-shipping waiver). */
  readonly shippingCharges: readonly Money[];
  /** True when the items total reached the free-shipping threshold and the charges were waived. */
  readonly freeShipping: boolean;
  /** VAT/GST charged at checkout on items and shipping (none for what the carrier collects on delivery). */
  readonly tax: Money;
  /** Customs duty of every consignment (zero when under the de minimis threshold), at checkout or on delivery. */
  readonly duty: Money;
  /** Import VAT/GST of every consignment (see `ConsignmentAssessment.importTax`). */
  readonly importTax: Money;
  /** The carrier fees due on delivery. */
  readonly carrierFee: Money;
  /** Levies and excise of every consignment (without the VAT/GST on them), at checkout or on delivery. */
  readonly levies: Money;
  /** What the shopper pays at checkout: duty and import tax of the consignments cleared at checkout included. */
  readonly total: Money;
  /** Duty + import VAT/GST + carrier fees of the consignments the carrier collects on (an estimate); zero when none. */
  readonly dueOnDelivery: Money;
  /** The steps of `dueOnDelivery`, per consignment; they add up to it exactly. Empty when nothing is due. */
  readonly dueOnDeliverySteps: readonly PriceStep[];
  readonly breakdown: readonly BreakdownRow[];
  readonly incoterm: Incoterm;
  readonly dutyIncluded: boolean;
  readonly customsValue: CustomsValueAssessment;
  readonly deMinimis: {
    /**
     * The value the thresholds were compared with — the goods' intrinsic value or the customs value (`thresholdBasis`)
     * — summed over the consignments that cross a border; each was compared on its own (see `consignments`).
     */
    readonly consignmentValue: Money;
    readonly thresholdBasis: ThresholdBasis;
    /** False when every consignment is within the duty relief (RELIEF) or crosses no border: no duty at all. */
    readonly dutyOwed: boolean;
    readonly importTaxOwed: boolean;
    /** How the consignment's duty was assessed (its goods may still differ: excluded goods owe ad valorem); null when nothing crosses a border. */
    readonly dutyBasis: DutyBasis | null;
    /** Distinct tariff subheadings charged the flat low-value duty (0 when none was), counted per consignment. */
    readonly flatDutySubheadings: number;
  };
  /** Each consignment on its own: one per parcel (plus the lines no parcel carries), or the whole cart without parcels. */
  readonly consignments: readonly ConsignmentAssessment[];
  /** From the lines to `total`: the steps add up to it exactly. */
  readonly steps: readonly PriceStep[];
};
