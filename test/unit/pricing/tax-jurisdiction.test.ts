import { describe, expect, it } from 'vitest';
import { TAX_TABLE } from '../../../scripts/seed/pricing-reference.ts';
import { MERCHANT_NEXUS, taxJurisdictionDocuments } from '../../../scripts/seed/tax-jurisdictions.ts';
import {
  borderCrossing,
  CUSTOMS_UNIONS,
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

describe('special territories', () => {
  const countryRates = (country: string) => TAX_TABLE.rates.filter((rate) => rate.country === country);
  const territory = (country: string, postalCode: string) => jurisdictionTax(at(country, null, postalCode), nexus, countryRates(country));
  const rate = (tax: ReturnType<typeof territory>, category: 'standard' | 'reduced') =>
    tax.taxRates.find((candidate) => candidate.category === category)?.ratePercent;

  it('places each territory by its postal codes', () => {
    expect(at('ES', null, '51001').id).toBe('ES-CE');
    expect(at('ES', null, '52001').id).toBe('ES-ML');
    expect(at('IT', null, '22061').id).toBe('IT-CAMPIONE');
    expect(at('FI', null, '22100').id).toBe('FI-ALAND');
    expect(at('GR', null, '63086').id).toBe('GR-ATHOS');
    expect(at('FR', null, '97400').id).toBe('FR-974');
    expect(at('FR', null, '97300').id).toBe('FR-973');
    expect(at('GB', null, 'BT1 5GS').id).toBe('GB-NIR');
    // Mainland addresses of the same countries are not in them.
    expect(findJurisdiction(jurisdictions, { country: 'FI', region: null, postalCode: '00100' })).toBeNull();
    expect(findJurisdiction(jurisdictions, { country: 'FR', region: null, postalCode: '75001' })).toBeNull();
    expect(findJurisdiction(jurisdictions, { country: 'GB', region: null, postalCode: 'SW1A 2AA' })).toBeNull();
  });

  it('records each one inside or outside the customs territory and the VAT area, with a source', () => {
    const status = (country: string, postalCode: string) => {
      const { insideCustomsTerritory, insideVatArea } = at(country, null, postalCode);
      return { insideCustomsTerritory, insideVatArea };
    };
    expect(status('ES', '35001')).toEqual({ insideCustomsTerritory: true, insideVatArea: false });
    expect(status('ES', '51001')).toEqual({ insideCustomsTerritory: false, insideVatArea: false });
    // Campione d'Italia joined the EU customs territory on 2020-01-01 (Regulation (EU) 2019/474), not the VAT area.
    expect(status('IT', '22061')).toEqual({ insideCustomsTerritory: true, insideVatArea: false });
    expect(status('FI', '22100')).toEqual({ insideCustomsTerritory: true, insideVatArea: false });
    expect(status('GR', '63086')).toEqual({ insideCustomsTerritory: true, insideVatArea: false });
    expect(status('FR', '97400')).toEqual({ insideCustomsTerritory: true, insideVatArea: false });
    expect(status('GB', 'BT1 5GS')).toEqual({ insideCustomsTerritory: true, insideVatArea: true });
    expect(at('GB', null, 'BT1 5GS').goodsCustomsUnion).toBe('EU');
    for (const jurisdiction of jurisdictions) expect(jurisdiction.source.length).toBeGreaterThan(20);
  });

  // Ley 8/1991: IPSI between 0.5 % and 10 %; the maximum is charged and said. On €14.50: 14.50 × 10 % = €1.45.
  it('Ceuta pays IPSI at its highest rate, and says so', () => {
    const ceuta = territory('ES', '51001');
    expect(rate(ceuta, 'standard')).toBe('10');
    expect(jurisdictionLabel(ceuta, 'standard')).toBe('Ceuta: IPSI 10 %');
    expect(ceuta.note).toContain('the highest rate, 10 %, is charged');
    expect(taxOf(moneyOf(1_450n, 'EUR'), '10', 'HALF_UP').minor).toBe(145n);
  });

  // Finnish VAT 25.5 % since 2024-09-01 (Arvonlisäverolaki 1501/1993 § 84), 13.5 % on food since 2026-01-01, levied
  // once, on import into Åland. On €14.50: 14.50 × 25.5 % = 3.6975 → €3.70.
  it('Åland pays Finnish VAT once, at its tax border', () => {
    const aland = territory('FI', '22100');
    expect(rate(aland, 'standard')).toBe('25.5');
    expect(rate(aland, 'reduced')).toBe('13.5');
    expect(jurisdictionLabel(aland, 'standard')).toBe('Åland Islands: VAT (FI) 25.5 %');
    expect(aland.note).toContain('declared at its border and VAT (FI) is charged there, once');
    expect(taxOf(moneyOf(1_450n, 'EUR'), '25.5', 'HALF_UP').minor).toBe(370n);
  });

  // CGI art. 296: 8.5 % (2.1 % on food) in Réunion; art. 294: no VAT in Guyane. On €14.50: 14.50 × 8.5 % = 1.2325 → €1.23.
  it('Réunion pays the DOM VAT 8.5 %, French Guiana none', () => {
    const reunion = territory('FR', '97400');
    expect(rate(reunion, 'standard')).toBe('8.5');
    expect(rate(reunion, 'reduced')).toBe('2.1');
    expect(taxOf(moneyOf(1_450n, 'EUR'), '8.5', 'HALF_UP').minor).toBe(123n);
    const guiana = territory('FR', '97300');
    expect(rate(guiana, 'standard')).toBe('0');
    expect(guiana.note).toBe('French Guiana is outside the VAT area of FR: no VAT is charged.');
  });

  // ILCCI at the Swiss rates: 8.1 %, 2.6 % on food (Legge 160/2019 art. 1 c. 559 ff.).
  it("Campione d'Italia pays ILCCI at the Swiss rates; Mount Athos no VAT", () => {
    const campione = territory('IT', '22061');
    expect([rate(campione, 'standard'), rate(campione, 'reduced')]).toEqual(['8.1', '2.6']);
    expect(rate(territory('GR', '63086'), 'standard')).toBe('0');
  });

  // UK VAT 20 % (VATA 1994 s. 2), as in Great Britain.
  it('Belfast pays UK VAT as Great Britain does, and follows EU rules for goods', () => {
    const belfast = territory('GB', 'BT1 5GS');
    expect(rate(belfast, 'standard')).toBe('20');
    expect(belfast.note).toContain("follows the EU's customs and VAT rules for goods");
  });
});

describe('borderCrossing', () => {
  const crossing = (from: string, country: string, postalCode: string | null) =>
    borderCrossing(from, country, CUSTOMS_UNIONS, postalCode === null ? null : at(country, null, postalCode));

  it('Venlo → Las Palmas is declared (a fiscal border) but owes no tariff: the goods are in free circulation', () => {
    expect(crossing('NL', 'ES', '35001')).toEqual({ crosses: true, owesDuty: false });
    expect(crossing('NL', 'ES', null)).toEqual({ crosses: false, owesDuty: false });
    expect(crossing('US', 'ES', '35001')).toEqual({ crosses: true, owesDuty: true });
  });

  it('Ceuta is declared from everywhere; the EU tariff does not apply there', () => {
    expect(crossing('NL', 'ES', '51001')).toEqual({ crosses: true, owesDuty: false });
    expect(crossing('US', 'ES', '51001')).toEqual({ crosses: true, owesDuty: false });
  });

  it('Åland, Réunion and Mount Athos are declared from an EU warehouse, without a tariff', () => {
    expect(crossing('NL', 'FI', '22100')).toEqual({ crosses: true, owesDuty: false });
    expect(crossing('NL', 'FR', '97400')).toEqual({ crosses: true, owesDuty: false });
    expect(crossing('NL', 'GR', '63086')).toEqual({ crosses: true, owesDuty: false });
  });

  it('Venlo → Belfast is no import (Windsor Framework); New Jersey → Belfast is one', () => {
    expect(crossing('NL', 'GB', 'BT1 5GS')).toEqual({ crosses: false, owesDuty: false });
    expect(crossing('NL', 'GB', null)).toEqual({ crosses: true, owesDuty: true });
    expect(crossing('US', 'GB', 'BT1 5GS')).toEqual({ crosses: true, owesDuty: true });
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
