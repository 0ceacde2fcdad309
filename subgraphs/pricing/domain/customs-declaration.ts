import type { LevyCharge } from './landed-cost/levy-charge.ts';
import { Exact } from './exact.ts';
import { CUSTOMS_UNIONS, normalizeHsCode, type CustomsUnion, type RecipientCustomsCodeRule } from './duty.ts';
import type { ConsignmentAssessment, QuotedLine } from './landed-cost/types.ts';
import type { Incoterm } from './market.ts';
import { sum, type Money } from './money.ts';
import type { AppliedPreference } from './preferential-origin.ts';
import { divideToMoney, moneyToExact, RoundingMode } from './rounding.ts';

/** The facts of a product a declaration item needs (from the products subgraph). */
export type DeclaredProduct = {
  readonly sku: string;
  readonly hsCode: string;
  readonly originCountry: string;
  readonly gtin: string | null;
  readonly customsDescription: string | null;
  readonly tariffCodes: readonly { readonly territory: string; readonly code: string; readonly verified: boolean }[];
  readonly weightGrams: number;
};

export type CustomsDeclarationItem = {
  readonly productId: string;
  readonly merchantProductId: string;
  readonly gtin: string | null;
  readonly description: string;
  readonly tariffCode: string;
  readonly tariffCodeVerified: boolean;
  readonly nationalPrecision: boolean;
  readonly originCountry: string;
  readonly quantity: number;
  readonly netWeightGrams: number;
  readonly unitValue: Money;
  readonly value: Money;
  readonly preference: AppliedPreference | null;
  /** The excise on the item (Germany's coffee tax): what the declaration states for goods subject to it. */
  readonly excise: readonly LevyCharge[];
};

export type CustomsDeclaration = {
  readonly shipmentIndex: number;
  readonly fromCountry: string;
  readonly toCountry: string;
  readonly tariffTerritory: string;
  readonly crossesCustomsBorder: boolean;
  readonly category: 'SALE_OF_GOODS';
  readonly incoterm: Incoterm;
  readonly descriptionLanguage: string;
  readonly currency: string;
  readonly items: readonly CustomsDeclarationItem[];
  readonly totalValue: Money;
  readonly totalNetWeightGrams: number;
  readonly preferenceClaims: readonly AppliedPreference[];
  /** The seller's scheme registration (IOSS, UK VAT, VOEC, ARN, OVR) when one is used; not modelled yet: null. */
  readonly registrationNumber: string | null;
  /** The recipient's customs code (Korea's PCCC) when the destination needs one and the quote has it. */
  readonly recipientCustomsCode: string | null;
  /** What the destination needs that the quote lacks (empty when nothing, or when the parcel crosses no border). */
  readonly missingCustomsData: readonly MissingCustomsData[];
};

/** Customs data a destination needs from the shopper that a quote may lack. */
export type MissingCustomsData = 'PERSONAL_CUSTOMS_CODE';

/** The recipient's code as a quote carries it, and the destination's rule for one (null: none needed). */
export type RecipientCustomsData = {
  readonly rule: RecipientCustomsCodeRule | null;
  readonly code: string | null;
  readonly now: Date;
};

/** What the destination's rule needs at `now` that the quote lacks: its code, when the rule is in force and none was given. */
export function missingCustomsDataOf(recipient: RecipientCustomsData | undefined): MissingCustomsData[] {
  const rule = recipient?.rule ?? null;
  if (!rule || recipient!.now.getTime() < rule.validFrom.getTime()) return [];
  return recipient!.code ? [] : ['PERSONAL_CUSTOMS_CODE'];
}

/** The customs territory whose nomenclature a destination declares in: a customs union's name (EU), else the country. */
export function tariffTerritoryOf(destination: string, unions: readonly CustomsUnion[] = CUSTOMS_UNIONS): string {
  return unions.find((union) => union.name === 'EU' && union.members.includes(destination))?.name ?? destination;
}

/**
 * The tariff code to declare in `territory`: the product's national code there (8–10 digits), else its 6-digit HS
 * subheading, marked as not of national precision, so a carrier can tell a full declaration needs more.
 */
export function tariffCodeFor(product: DeclaredProduct, territory: string): { code: string; verified: boolean; national: boolean } {
  const national = product.tariffCodes.find((entry) => entry.territory === territory);
  if (national) return { code: national.code, verified: national.verified, national: true };
  return { code: normalizeHsCode(product.hsCode).slice(0, 6), verified: false, national: false };
}

/**
 * One parcel's customs declaration from the priced quote: an item per quote line it carries (value = the line's
 * net of VAT/GST, the goods' intrinsic value; unit value = value ÷ quantity, half-even), totals, and one preference
 * claim per agreement its lines' duties were assessed under, and the seller's registration number when the parcel's
 * VAT/GST is collected at checkout under a scheme (the border then exempts the import instead of taxing it again).
 */
export function customsDeclarationOf(input: {
  readonly shipmentIndex: number;
  readonly consignment: ConsignmentAssessment;
  readonly lines: readonly QuotedLine[];
  readonly products: readonly DeclaredProduct[];
  readonly destination: string;
  readonly incoterm: Incoterm;
  readonly currency: string;
  /** The recipient's code and the destination's rule (Korea's PCCC); absent: none needed. */
  readonly recipient?: RecipientCustomsData;
}): CustomsDeclaration {
  const { consignment, destination, currency } = input;
  const territory = tariffTerritoryOf(destination);
  const items = consignment.lineIndexes.map((index) => {
    const line = input.lines[index];
    const product = input.products[index];
    if (!line || !product) throw new Error(`Customs declaration: quote line ${index} is missing`);
    const excise = consignment.levies.filter((charge) => charge.lineIndex === index && charge.kind === 'EXCISE');
    return { ...itemOf(line, product, territory), excise };
  });
  const claims = new Map<string, AppliedPreference>();
  for (const item of items)
    if (item.preference && !claims.has(item.preference.agreement)) claims.set(item.preference.agreement, item.preference);
  return {
    shipmentIndex: input.shipmentIndex,
    fromCountry: consignment.fromCountry ?? destination,
    toCountry: destination,
    tariffTerritory: territory,
    crossesCustomsBorder: consignment.crossesCustomsBorder,
    category: 'SALE_OF_GOODS',
    incoterm: input.incoterm,
    descriptionLanguage: 'en',
    currency,
    items,
    totalValue: sum(
      items.map((item) => item.value),
      currency,
    ),
    totalNetWeightGrams: items.reduce((total, item) => total + item.netWeightGrams, 0),
    preferenceClaims: [...claims.values()],
    registrationNumber: consignment.collection.registrationNumber,
    // Only a parcel that is imported is declared: a domestic one needs no code.
    recipientCustomsCode: consignment.crossesCustomsBorder && input.recipient?.rule ? (input.recipient.code ?? null) : null,
    missingCustomsData: consignment.crossesCustomsBorder ? missingCustomsDataOf(input.recipient) : [],
  };
}

function itemOf(line: QuotedLine, product: DeclaredProduct, territory: string): Omit<CustomsDeclarationItem, 'excise'> {
  const tariff = tariffCodeFor(product, territory);
  const hs6 = normalizeHsCode(product.hsCode).slice(0, 6);
  return {
    productId: line.productId,
    merchantProductId: product.sku,
    gtin: product.gtin,
    description: product.customsDescription ?? `Goods of HS subheading ${hs6}`,
    tariffCode: tariff.code,
    tariffCodeVerified: tariff.verified,
    nationalPrecision: tariff.national,
    originCountry: product.originCountry,
    quantity: line.quantity,
    netWeightGrams: product.weightGrams * line.quantity,
    unitValue: divideToMoney(moneyToExact(line.net), Exact.of(line.quantity), line.net.currency, RoundingMode.HALF_EVEN),
    value: line.net,
    preference: line.dutyPreference,
  };
}
