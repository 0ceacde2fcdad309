import { jurisdictionLabel, type JurisdictionTax, type PriceStep, type TaxCategory } from '../domain/index.ts';

/** `TaxJurisdiction`: the sub-national jurisdiction or special territory an address-level price used. */
export interface TaxJurisdictionView {
  code: string;
  name: string;
  country: string;
  pricedAs: string | null;
  insideCustomsTerritory: boolean;
  insideVatArea: boolean;
  goodsCustomsUnion: string | null;
  taxes: { name: string; ratePercent: string; registration: string | null }[];
  ratePercent: string;
  note: string | null;
  source: string;
  verified: boolean;
}

/** The jurisdiction as the schema shows it, for goods of `category`. */
export function taxJurisdictionView(tax: JurisdictionTax, category: TaxCategory): TaxJurisdictionView {
  const { jurisdiction } = tax;
  return {
    code: jurisdiction.id,
    name: jurisdiction.name,
    country: jurisdiction.country,
    pricedAs: jurisdiction.pricedAs,
    insideCustomsTerritory: jurisdiction.insideCustomsTerritory,
    insideVatArea: jurisdiction.insideVatArea,
    goodsCustomsUnion: jurisdiction.goodsCustomsUnion,
    taxes: tax.charged.map((component) => ({
      name: component.name,
      ratePercent: component.ratePercent[category],
      registration: component.registration,
    })),
    ratePercent: tax.taxRates.find((rate) => rate.category === category)?.ratePercent ?? '0',
    note: tax.note,
    source: jurisdiction.source,
    verified: jurisdiction.verified,
  };
}

/** The explanation's tax steps naming the jurisdiction whose taxes they are (`VAT/GST 14.975 % — Quebec: GST 5 % + QST 9.975 %`). */
export function stepsNamingJurisdiction(steps: readonly PriceStep[], tax: JurisdictionTax, category: TaxCategory): PriceStep[] {
  const label = jurisdictionLabel(tax, category);
  return steps.map((step) => (step.kind === 'TAX' || step.kind === 'IMPORT_TAX' ? { ...step, label: `${step.label} — ${label}` } : step));
}
