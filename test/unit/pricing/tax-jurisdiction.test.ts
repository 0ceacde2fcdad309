import { describe, expect, it } from 'vitest';
import { MERCHANT_NEXUS, taxJurisdictionDocuments } from '../../../scripts/seed/tax-jurisdictions.ts';
import {
  findJurisdiction,
  hasNexus,
  jurisdictionLabel,
  jurisdictionTax,
  moneyOf,
  sumPercent,
  taxOf,
} from '../../../subgraphs/pricing/domain/index.ts';
import { toNexusRecord, toTaxJurisdiction } from '../../../subgraphs/pricing/mappers.ts';

const jurisdictions = taxJurisdictionDocuments().map(toTaxJurisdiction);
const nexus = new Map(MERCHANT_NEXUS.map(toNexusRecord).map((record) => [record.state, record]));
const at = (country: string, region: string | null, postalCode: string | null = null) => {
  const found = findJurisdiction(jurisdictions, { country, region, postalCode });
  if (!found) throw new Error(`no jurisdiction for ${country} ${region} ${postalCode}`);
  return found;
};
const standard = (country: string, region: string | null, postalCode: string | null = null) =>
  jurisdictionTax(at(country, region, postalCode), nexus).taxRates.find((rate) => rate.category === 'standard')?.ratePercent;

describe('findJurisdiction', () => {
  it('places an address by postal code first, then by region; a bare country has none', () => {
    expect(at('ES', null, '35001').id).toBe('ES-CN');
    expect(at('ES', 'ES-TF').id).toBe('ES-CN');
    expect(at('DE', 'DE-BW', '78266').id).toBe('DE-BUESINGEN');
    expect(findJurisdiction(jurisdictions, { country: 'DE', region: null, postalCode: '78267' })).toBeNull();
    expect(findJurisdiction(jurisdictions, { country: 'ES', region: null, postalCode: null })).toBeNull();
    expect(findJurisdiction(jurisdictions, { country: 'ES', region: 'ES-M', postalCode: '28001' })).toBeNull();
  });
});

describe('jurisdictionTax', () => {
  // CRA: GST 5 %; Revenu Québec: QST 9.975 % — added: 14.975 %. CRA: Ontario HST 13 %.
  it('Montreal pays GST + QST, Toronto HST', () => {
    expect(standard('CA', 'CA-QC')).toBe('14.975');
    expect(standard('CA', 'CA-ON')).toBe('13');
    expect(jurisdictionLabel(jurisdictionTax(at('CA', 'CA-QC'), nexus), 'standard')).toBe('Quebec: GST 5 % + QST 9.975 %');
    expect(jurisdictionTax(at('CA', 'CA-QC'), nexus).charged.map((component) => component.registration)).toEqual(['CA_GST_HST', 'QC_QST']);
    // On CAD 100.00: 100 × 14.975 % = 14.975 → 14.98 (half-up); 100 × 13 % = 13.00.
    expect(taxOf(moneyOf(10_000n, 'CAD'), '14.975', 'HALF_UP').minor).toBe(1_498n);
  });

  it('Las Palmas pays IGIC 7 % instead of Spanish VAT', () => {
    expect(standard('ES', null, '35001')).toBe('7');
    expect(jurisdictionLabel(jurisdictionTax(at('ES', null, '35001'), nexus), 'standard')).toBe('Canary Islands: IGIC 7 %');
  });

  // Texas: $612,400 counted ≥ $500,000 → nexus; 6.25 % + the 2 % local cap = 8.25 %, said to need a street address.
  // New York: $180,000 < $500,000 (both the amount and 100 sales are required) → no nexus, no tax, said why.
  it('a US state with nexus is charged its highest rate and says so; one without is not charged and says why', () => {
    expect(hasNexus(nexus.get('US-TX'))).toBe(true);
    const texas = jurisdictionTax(at('US', 'US-TX'), nexus);
    expect(texas.taxRates.find((rate) => rate.category === 'standard')?.ratePercent).toBe('8.25');
    expect(texas.note).toContain('highest combined rate of the state, 8.25 %');
    expect(hasNexus(nexus.get('US-NY'))).toBe(false);
    const newYork = jurisdictionTax(at('US', 'US-NY'), nexus);
    expect(newYork.taxRates.every((rate) => rate.ratePercent === '0')).toBe(true);
    expect(newYork.note).toBe(
      "No sales tax collected: the merchant's sales into New York (180000.00 USD, 900 transactions; gross receipts from goods delivered into New York in the four preceding sales-tax quarters) are below its economic-nexus threshold of 500000.00 USD and 100 transactions.",
    );
  });

  it('Büsingen is priced as Switzerland', () => {
    expect(at('DE', null, '78266').pricedAs).toBe('CH');
  });
});

describe('sumPercent', () => {
  it('adds decimal percentages exactly', () => {
    expect(sumPercent(['5', '9.975'])).toBe('14.975');
    expect(sumPercent(['6.25', '2'])).toBe('8.25');
    expect(sumPercent([])).toBe('0');
    expect(sumPercent(['0.1', '0.2'])).toBe('0.3');
  });
});
