/**
 * Sub-national indirect tax and special territories, for pricing at address level (see
 * subgraphs/pricing/domain/tax-jurisdiction.ts), and the demo merchant's US sales counted toward economic nexus.
 *
 * Rates are as published by each authority and in force on AS_OF; the authorities' pages could not be fetched from
 * this workplace, so every row is `verified: false` and listed by `npm run data:check` until someone reads them.
 * `reduced` is, as in pricing-reference.ts, the rate of the food we sell (coffee beans, tea): basic groceries are
 * zero-rated for GST/HST and QST and exempt from the western PSTs and from Texas and New York sales tax.
 */
import type { MerchantNexusDocument, TaxJurisdictionDocument } from '../../subgraphs/pricing/jurisdiction-models.ts';

const AS_OF = new Date('2026-12-07T00:00:00Z');

const CRA =
  'Canada Revenue Agency, "GST/HST provincial rates table" (canada.ca/en/revenue-agency/services/tax/businesses/topics/gst-hst-businesses/charge-collect-which-rate/calculator.html)';
const REVENU_QUEBEC = 'Revenu Québec, "QST rate" 9.975 % (revenuquebec.ca; Act respecting the Québec sales tax, s. 16)';
const BC_PST = 'BC Ministry of Finance, Provincial Sales Tax Act s. 37: PST 7 %';
const SK_PST = 'Saskatchewan Finance, The Provincial Sales Tax Act: PST 6 %';
const MB_RST = 'Manitoba Finance, The Retail Sales Tax Act: RST 7 %';

type Optional =
  | 'pricedAs'
  | 'postalPrefixes'
  | 'nexusRequired'
  | 'finerAddressNote'
  | 'countryRatesApply'
  | 'insideCustomsTerritory'
  | 'insideVatArea'
  | 'goodsCustomsUnion';
type Row = Omit<TaxJurisdictionDocument, 'asOf' | 'verified' | Optional> & Partial<Pick<TaxJurisdictionDocument, Optional>>;

const rates = (standard: string, reduced = '0') => ({ standard, reduced, zero: '0' });
const GST = { name: 'GST', ratePercent: rates('5'), registration: 'CA_GST_HST' };
const hst = (rate: string) => ({ name: 'HST', ratePercent: rates(rate), registration: 'CA_GST_HST' });
const province = (code: string, name: string, components: Row['components'], source: string): Row => ({
  _id: `CA-${code}`,
  country: 'CA',
  name,
  regions: [`CA-${code}`],
  components,
  source,
});

export const TAX_JURISDICTIONS: readonly Row[] = [
  // Canada: GST 5 % everywhere; HST (federal + provincial in one) in the participating provinces; QST or PST on top elsewhere.
  province('AB', 'Alberta', [GST], CRA),
  province('BC', 'British Columbia', [GST, { name: 'PST', ratePercent: rates('7'), registration: 'BC_PST' }], `${CRA}; ${BC_PST}`),
  province('MB', 'Manitoba', [GST, { name: 'RST', ratePercent: rates('7'), registration: 'MB_RST' }], `${CRA}; ${MB_RST}`),
  province('NB', 'New Brunswick', [hst('15')], CRA),
  province('NL', 'Newfoundland and Labrador', [hst('15')], CRA),
  province('NS', 'Nova Scotia', [hst('14')], `${CRA}; 14 % since 2025-04-01`),
  province('NT', 'Northwest Territories', [GST], CRA),
  province('NU', 'Nunavut', [GST], CRA),
  province('ON', 'Ontario', [hst('13')], CRA),
  province('PE', 'Prince Edward Island', [hst('15')], CRA),
  province('QC', 'Quebec', [GST, { name: 'QST', ratePercent: rates('9.975'), registration: 'QC_QST' }], `${CRA}; ${REVENU_QUEBEC}`),
  province('SK', 'Saskatchewan', [GST, { name: 'PST', ratePercent: rates('6'), registration: 'SK_PST' }], `${CRA}; ${SK_PST}`),
  province('YT', 'Yukon', [GST], CRA),
  // United States: charged only where the merchant has economic nexus (merchant_nexus below). A postal code does
  // not tell the local jurisdictions (ZIP areas cross city and district lines), so the highest combined rate is used.
  {
    _id: 'US-TX',
    country: 'US',
    name: 'Texas',
    regions: ['US-TX'],
    components: [
      { name: 'Texas state sales tax', ratePercent: rates('6.25'), registration: 'US_TX_SALES_TAX' },
      { name: 'Texas local sales tax (highest)', ratePercent: rates('2'), registration: 'US_TX_SALES_TAX' },
    ],
    nexusRequired: true,
    finerAddressNote:
      'Texas local sales tax (city, county, transit, special districts) depends on the street address; without it the highest combined rate of the state, 8.25 %, is charged (state 6.25 % + the 2 % local cap).',
    source:
      'Texas Comptroller of Public Accounts, "Sales and Use Tax": state rate 6.25 %, local taxes up to 2 % for a maximum combined 8.25 % (Tax Code §§ 151.051, 321.101, 323.101)',
  },
  {
    _id: 'US-NY',
    country: 'US',
    name: 'New York',
    regions: ['US-NY'],
    components: [
      { name: 'New York state sales tax', ratePercent: rates('4'), registration: 'US_NY_SALES_TAX' },
      { name: 'New York local sales tax (highest)', ratePercent: rates('4.875'), registration: 'US_NY_SALES_TAX' },
    ],
    nexusRequired: true,
    finerAddressNote:
      'New York local sales tax depends on the county or city; without the street address the highest combined rate of the state, 8.875 % (New York City), is charged.',
    source:
      'NYS Department of Taxation and Finance, Publication 718 "New York State Sales and Use Tax Rates by Jurisdiction": state 4 %, New York City combined 8.875 %',
  },
  // Special territories of the EU (Council Directive 2006/112/EC Art. 6; Regulation (EU) No 952/2013 Art. 4): each
  // says whether it is inside the EU customs territory and VAT area. Outside either, a parcel is declared at its
  // border from everywhere, the mainland included, and the territory's own tax (or none) replaces the VAT.
  {
    _id: 'ES-CN',
    country: 'ES',
    name: 'Canary Islands',
    regions: ['ES-GC', 'ES-TF'],
    postalPrefixes: ['35', '38'],
    insideVatArea: false,
    components: [{ name: 'IGIC', ratePercent: { standard: '7', reduced: '3', zero: '0' }, registration: null }],
    source:
      "Council Directive 2006/112/EC Art. 6(1)(b) (outside the EU VAT area; inside the customs territory, Regulation (EU) No 952/2013 Art. 4); Ley 4/2012, de 25 de junio, de medidas administrativas y fiscales (Canarias), arts. 51–57: IGIC general 7 %, reducido 3 %, cero 0 % (read in a secondary source, supercontable.com, not in the BOC); levied on imports (Ley 20/1991 REF de Canarias). AIEM (the islands' excise on some imports) not modelled",
  },
  ...(
    [
      ['ES-CE', 'Ceuta', '51'],
      ['ES-ML', 'Melilla', '52'],
    ] as const
  ).map(
    ([id, name, prefix]): Row => ({
      _id: id,
      country: 'ES',
      name,
      regions: [id],
      postalPrefixes: [prefix],
      insideCustomsTerritory: false,
      insideVatArea: false,
      // IPSI import rates are set per kind of goods by each city's ordinance, between 0.5 % and 10 % (Ley 8/1991
      // art. 18): the statutory maximum is charged, as the US rows charge the highest local rate, so never short.
      components: [{ name: 'IPSI', ratePercent: { standard: '10', reduced: '10', zero: '0' }, registration: null }],
      finerAddressNote: `${name}'s IPSI on imports depends on the kind of goods (0.5 % to 10 %): the highest rate, 10 %, is charged.`,
      source: `Council Directive 2006/112/EC Art. 6(1)(c) and Regulation (EU) No 952/2013 Art. 4: outside the EU VAT area and customs territory (Agencia Tributaria, "Ceuta y Melilla", sede.agenciatributaria.gob.es: IPSI applies instead of VAT); Ley 8/1991, de 25 de marzo, IPSI: rates between 0.5 % and 10 % set by each city's ordinance (read in secondary sources, planesdefuturo.mapfre.es; ${name}'s ordinance rate table not read)`,
    }),
  ),
  {
    _id: 'DE-BUESINGEN',
    country: 'DE',
    name: 'Büsingen am Hochrhein',
    regions: [],
    postalPrefixes: ['78266'],
    pricedAs: 'CH',
    insideCustomsTerritory: false,
    insideVatArea: false,
    components: [],
    source:
      'Council Directive 2006/112/EC Art. 6(2)(b); Regulation (EU) No 952/2013 Art. 4; Swiss VAT Act (MWSTG) Art. 3 let. a (Büsingen is Swiss VAT territory); Treaty between Germany and Switzerland on Büsingen of 1964-11-23 (Swiss customs territory)',
  },
  {
    _id: 'DE-HELGOLAND',
    country: 'DE',
    name: 'Heligoland',
    regions: [],
    postalPrefixes: ['27498'],
    insideCustomsTerritory: false,
    insideVatArea: false,
    components: [],
    source:
      'Council Directive 2006/112/EC Art. 6(2)(a) and Regulation (EU) No 952/2013 Art. 4: outside the EU VAT area and customs territory; no VAT levied',
  },
  {
    _id: 'IT-LIVIGNO',
    country: 'IT',
    name: 'Livigno',
    regions: [],
    postalPrefixes: ['23041'],
    insideCustomsTerritory: false,
    insideVatArea: false,
    components: [],
    source:
      'Council Directive 2006/112/EC Art. 6(2)(d) and Regulation (EU) No 952/2013 Art. 4: outside the EU VAT area and customs territory; no VAT levied',
  },
  {
    _id: 'IT-CAMPIONE',
    country: 'IT',
    name: "Campione d'Italia",
    regions: [],
    postalPrefixes: ['22061'],
    insideVatArea: false,
    // ILCCI: Italy's local consumption tax at the Swiss VAT rates (8.1 % standard, 2.6 % on food since 2024-01-01).
    components: [{ name: 'ILCCI', ratePercent: { standard: '8.1', reduced: '2.6', zero: '0' }, registration: null }],
    source:
      'Council Directive 2006/112/EC Art. 6(2)(c) as amended by Directive (EU) 2019/475 (outside the EU VAT area); Regulation (EU) 2019/474 (inside the EU customs territory from 2020-01-01); Legge 27 dicembre 2019 n. 160, art. 1 commi 559–566: imposta locale sul consumo (ILCCI) at the Swiss VAT rates, also on imports from Italy and the EU; 8.1 % / 2.6 % from 2024-01-01 (read in secondary sources, laregione.ch and ecnews.it, not in the Gazzetta Ufficiale)',
  },
  {
    _id: 'FI-ALAND',
    country: 'FI',
    name: 'Åland Islands',
    regions: [],
    postalPrefixes: ['22'],
    insideVatArea: false,
    // Finnish VAT is levied on import into Åland (not at checkout as well): the country's rates, charged once there.
    countryRatesApply: true,
    components: [],
    source:
      'Council Directive 2006/112/EC Art. 6(1)(d) (outside the EU VAT area; inside the customs territory, Regulation (EU) No 952/2013 Art. 4); Finnish VAT Act (Arvonlisäverolaki 1501/1993) and the Act on the Åland tax border (Laki Ahvenanmaan maakunnan erityisestä verorajasta 1266/1996): Finnish VAT collected by Finnish Customs on goods brought into Åland',
  },
  {
    _id: 'GR-ATHOS',
    country: 'GR',
    name: 'Mount Athos',
    regions: [],
    postalPrefixes: ['63086'],
    insideVatArea: false,
    components: [],
    source:
      'Council Directive 2006/112/EC Art. 6(1)(a): outside the EU VAT area (inside the customs territory, Regulation (EU) No 952/2013 Art. 4); no VAT levied (Greek VAT Code, Law 2859/2000 art. 2, not read here)',
  },
  // French overseas departments: outside the EU VAT area, inside the customs territory (outermost regions, TFEU
  // Art. 349). French VAT at the DOM rates in Guadeloupe, Martinique and Réunion; none in Guyane and Mayotte. Octroi
  // de mer (per product and territory) is not modelled.
  ...(
    [
      ['FR-971', 'Guadeloupe', '971', true],
      ['FR-972', 'Martinique', '972', true],
      ['FR-973', 'French Guiana', '973', false],
      ['FR-974', 'Réunion', '974', true],
      ['FR-976', 'Mayotte', '976', false],
    ] as const
  ).map(
    ([id, name, prefix, vat]): Row => ({
      _id: id,
      country: 'FR',
      name,
      regions: [],
      postalPrefixes: [prefix],
      insideVatArea: false,
      components: vat ? [{ name: 'TVA (DOM)', ratePercent: { standard: '8.5', reduced: '2.1', zero: '0' }, registration: null }] : [],
      source: vat
        ? 'Council Directive 2006/112/EC Art. 6(1)(e) (outside the EU VAT area; inside the customs territory, Regulation (EU) No 952/2013 Art. 4); Code général des impôts art. 294 and 296: TVA taux normal 8.5 %, taux réduit 2.1 % (food) in Guadeloupe, Martinique and Réunion, levied on imports; octroi de mer (Loi n° 2004-639) not modelled'
        : 'Council Directive 2006/112/EC Art. 6(1)(e) (outside the EU VAT area; inside the customs territory, Regulation (EU) No 952/2013 Art. 4); Code général des impôts art. 294: TVA provisionally not applicable in Guyane and Mayotte; octroi de mer (Loi n° 2004-639) not modelled',
    }),
  ),
  {
    _id: 'GB-NIR',
    country: 'GB',
    name: 'Northern Ireland',
    regions: ['GB-NIR'],
    postalPrefixes: ['BT'],
    countryRatesApply: true,
    goodsCustomsUnion: 'EU',
    components: [],
    source:
      'Windsor Framework (Protocol on Ireland/Northern Ireland to the EU–UK Withdrawal Agreement, as amended 2023) Arts. 5 and 8: EU customs and VAT rules for goods apply in Northern Ireland, so goods from a member state move without import (an intra-EU distance sale charged UK VAT under the XI regime); HMRC VAT Notice 700/1 (XI VAT registration); UK VAT rates as GB',
  },
];

/** The jurisdictions as stored, dated and marked unverified (see above). */
export function taxJurisdictionDocuments(): TaxJurisdictionDocument[] {
  return TAX_JURISDICTIONS.map((row) => ({
    pricedAs: null,
    postalPrefixes: [],
    nexusRequired: false,
    finerAddressNote: null,
    countryRatesApply: false,
    insideCustomsTerritory: true,
    insideVatArea: true,
    goodsCustomsUnion: null,
    ...row,
    asOf: AS_OF,
    verified: false,
  }));
}

/**
 * The demo merchant's sales into two states (fictitious figures). Counted as each state's statute counts them:
 * gross receipts from sales of goods delivered into the state (shipping included, sales tax excluded), Texas over
 * the preceding twelve calendar months, New York over the four preceding sales-tax quarters.
 */
export const MERCHANT_NEXUS: readonly MerchantNexusDocument[] = [
  {
    _id: 'US-TX',
    thresholdMinor: 50_000_000,
    thresholdTransactions: null,
    bothRequired: false,
    currency: 'USD',
    salesMinor: 61_240_000,
    transactions: 1_240,
    counted: 'gross receipts from goods delivered into Texas in the preceding 12 calendar months',
    source: 'Texas Comptroller, 34 TAC § 3.286(b)(2): remote sellers with more than $500,000 in Texas revenue in the preceding 12 months',
    asOf: AS_OF,
    verified: false,
  },
  {
    _id: 'US-NY',
    thresholdMinor: 50_000_000,
    thresholdTransactions: 100,
    bothRequired: true,
    currency: 'USD',
    salesMinor: 18_000_000,
    transactions: 900,
    counted: 'gross receipts from goods delivered into New York in the four preceding sales-tax quarters',
    source:
      'NY Tax Law § 1101(b)(8)(iv): more than $500,000 of sales of tangible personal property delivered into the state AND more than 100 sales, in the four preceding quarters',
    asOf: AS_OF,
    verified: false,
  },
];
