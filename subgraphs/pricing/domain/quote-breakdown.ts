import { Treatment, type BreakdownRow } from './landed-cost.ts';

const BREAKDOWN_LABELS: Record<BreakdownRow['kind'], string> = {
  ITEMS: 'Items',
  SHIPPING: 'Shipping',
  SHIPPING_DISCOUNT: 'Free shipping',
  TAX: 'VAT/GST',
  DUTY: 'Import duty',
  IMPORT_TAX: 'Import VAT/GST',
  EXCISE: 'Excise',
  LEVY: 'Levies per consignment',
  CARRIER_FEE: "Carrier's fee for advancing duty and import tax",
};

/** True for a row the carrier collects on delivery: an estimate outside the total. */
export function isDueOnDelivery(row: BreakdownRow): boolean {
  return row.treatment === Treatment.DUE_ON_DELIVERY;
}

/** How a breakdown row is labelled: "VAT/GST included" inside tax-inclusive prices, estimates marked as due on delivery. */
export function breakdownLabelOf(row: BreakdownRow): string {
  if (row.kind === 'TAX' && row.treatment === Treatment.INCLUDED) return 'VAT/GST included';
  if (row.kind === 'IMPORT_TAX' && !isDueOnDelivery(row)) return 'Import VAT/GST on duty';
  return `${BREAKDOWN_LABELS[row.kind]}${isDueOnDelivery(row) ? ' (estimate, due on delivery)' : ''}`;
}
