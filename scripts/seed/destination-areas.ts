/**
 * Parts of countries that delivery treats apart from the rest (see subgraphs/fulfillment/domain/destination-area.ts):
 * their own time zone (IANA tz database, which ICU ships), regional holidays (date-holidays state codes), extra
 * carrier days to islands and remote areas, and customs days where the area lies outside its country's customs or
 * VAT territory (so a parcel from a warehouse in that country still clears customs).
 *
 * Extra carrier days are ILLUSTRATIVE (no carrier's published table was reachable here): the order of magnitude
 * carriers announce for these destinations. The customs status of each territory is law: Council Directive
 * 2006/112/EC (VAT Directive) Art. 6 and Regulation (EU) No 952/2013 (Union Customs Code) Art. 4, as amended by
 * Regulation (EU) 2019/474 (Campione d'Italia into the customs territory from 2020-01-01).
 */
import type { DestinationAreaDocument } from '../../subgraphs/fulfillment/models.ts';
import { EU_MEMBER_STATES } from './pricing-reference.ts';

const TZ = 'IANA tz database (tzdata as shipped with ICU)';
const CARRIERS = "illustrative: extra carrier days typical of carriers' published transit to this area, not any carrier's table";
const EU_TERRITORIES =
  'Council Directive 2006/112/EC Art. 6 (eur-lex.europa.eu/eli/dir/2006/112/2024-01-01); Regulation (EU) No 952/2013 Art. 4';
const AS_OF = new Date('2026-12-07T00:00:00Z');

type Area = Omit<DestinationAreaDocument, 'asOf'>;

export const DESTINATION_AREAS: readonly Area[] = [
  // US: states in their own zone; Hawaii and Alaska are reached by air, a couple of days beyond the mainland.
  {
    _id: 'US-HI',
    country: 'US',
    region: 'US-HI',
    timeZone: 'Pacific/Honolulu',
    extraTransitDays: 2,
    extraClearanceDays: 0,
    source: `${TZ}; ${CARRIERS}`,
  },
  {
    _id: 'US-AK',
    country: 'US',
    region: 'US-AK',
    timeZone: 'America/Anchorage',
    extraTransitDays: 2,
    extraClearanceDays: 0,
    source: `${TZ}; ${CARRIERS}`,
  },
  { _id: 'US-IL', country: 'US', region: 'US-IL', timeZone: 'America/Chicago', extraTransitDays: 0, extraClearanceDays: 0, source: TZ },
  { _id: 'US-CA', country: 'US', region: 'US-CA', timeZone: 'America/Los_Angeles', extraTransitDays: 0, extraClearanceDays: 0, source: TZ },
  { _id: 'CA-BC', country: 'CA', region: 'CA-BC', timeZone: 'America/Vancouver', extraTransitDays: 0, extraClearanceDays: 0, source: TZ },
  // Spain: the Canary Islands are outside the EU VAT area (import declaration, IGIC at the border), and Ceuta and
  // Melilla outside the customs territory too (IPSI); Canarian holidays are the community's (date-holidays `CN`).
  ...(['ES-GC', 'ES-TF'] as const).map((region) => ({
    _id: region,
    country: 'ES',
    region,
    postalPrefixes: [region === 'ES-GC' ? '35' : '38'],
    timeZone: 'Atlantic/Canary',
    holidayRegion: 'CN',
    extraTransitDays: 2,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; ${TZ}; ${CARRIERS}`,
  })),
  {
    _id: 'ES-CE',
    country: 'ES',
    region: 'ES-CE',
    postalPrefixes: ['51'],
    holidayRegion: 'CE',
    extraTransitDays: 2,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; ${CARRIERS}`,
  },
  {
    _id: 'ES-ML',
    country: 'ES',
    region: 'ES-ML',
    postalPrefixes: ['52'],
    holidayRegion: 'ML',
    extraTransitDays: 2,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; ${CARRIERS}`,
  },
  // Germany: Büsingen (78266) is inside the Swiss customs and VAT territory, Heligoland (27498) outside both areas.
  {
    _id: 'DE-BUESINGEN',
    country: 'DE',
    postalPrefixes: ['78266'],
    holidayRegion: 'BW',
    extraTransitDays: 0,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; Treaty between Germany and Switzerland on Büsingen of 1964-11-23`,
  },
  {
    _id: 'DE-HELGOLAND',
    country: 'DE',
    postalPrefixes: ['27498'],
    holidayRegion: 'SH',
    extraTransitDays: 2,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; ${CARRIERS}`,
  },
  // Italy: Livigno (23041) outside customs and VAT; Campione d'Italia (22061) outside VAT only since 2020.
  {
    _id: 'IT-LIVIGNO',
    country: 'IT',
    postalPrefixes: ['23041'],
    extraTransitDays: 1,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; ${CARRIERS}`,
  },
  {
    _id: 'IT-CAMPIONE',
    country: 'IT',
    postalPrefixes: ['22061'],
    extraTransitDays: 1,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; Regulation (EU) 2019/474; ${CARRIERS}`,
  },
  // Finland: the Åland Islands (22xxx) are outside the EU VAT area; Greece: Mount Athos (63086) likewise.
  {
    _id: 'FI-ALAND',
    country: 'FI',
    postalPrefixes: ['22'],
    extraTransitDays: 1,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; ${CARRIERS}`,
  },
  {
    _id: 'GR-ATHOS',
    country: 'GR',
    postalPrefixes: ['63086'],
    extraTransitDays: 2,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; ${CARRIERS}`,
  },
  // Portugal and France: islands reached by air or sea.
  {
    _id: 'PT-20',
    country: 'PT',
    region: 'PT-20',
    timeZone: 'Atlantic/Azores',
    extraTransitDays: 2,
    extraClearanceDays: 0,
    source: `${TZ}; ${CARRIERS}`,
  },
  {
    _id: 'PT-30',
    country: 'PT',
    region: 'PT-30',
    timeZone: 'Atlantic/Madeira',
    extraTransitDays: 2,
    extraClearanceDays: 0,
    source: `${TZ}; ${CARRIERS}`,
  },
  { _id: 'FR-CORSE', country: 'FR', postalPrefixes: ['20'], extraTransitDays: 1, extraClearanceDays: 0, source: CARRIERS },
  // French overseas departments: outside the EU VAT area (import declaration, DOM VAT and octroi de mer at the
  // border), reached by air, in their own zones.
  ...(
    [
      ['FR-971', '971', 'America/Guadeloupe'],
      ['FR-972', '972', 'America/Martinique'],
      ['FR-973', '973', 'America/Cayenne'],
      ['FR-974', '974', 'Indian/Reunion'],
      ['FR-976', '976', 'Indian/Mayotte'],
    ] as const
  ).map(([id, prefix, timeZone]) => ({
    _id: id,
    country: 'FR',
    postalPrefixes: [prefix],
    timeZone,
    extraTransitDays: 3,
    extraClearanceDays: 1,
    source: `${EU_TERRITORIES}; ${TZ}; ${CARRIERS}`,
  })),
  // Northern Ireland (BT postcodes) follows EU rules for goods under the Windsor Framework: a parcel from an EU
  // warehouse is not cleared there; one from anywhere else is, as into Great Britain.
  {
    _id: 'GB-NIR',
    country: 'GB',
    postalPrefixes: ['BT'],
    extraTransitDays: 1,
    extraClearanceDays: 0,
    unclearedFrom: [...EU_MEMBER_STATES],
    source: `Windsor Framework (Protocol on Ireland/Northern Ireland, Withdrawal Agreement) Art. 5; ${CARRIERS}`,
  },
];

/** The areas as stored, dated. */
export function destinationAreaDocuments(): DestinationAreaDocument[] {
  return DESTINATION_AREAS.map((area) => ({
    region: null,
    postalPrefixes: [],
    timeZone: null,
    holidayRegion: null,
    unclearedFrom: [],
    ...area,
    asOf: AS_OF,
  }));
}
