/**
 * A part of a country that delivery treats differently from the rest of it: its own time zone (Hawaii), its own
 * regional holidays (a German state), longer transit to islands and remote areas, customs clearance where it lies
 * outside the customs or VAT territory of its country (the Canary Islands, Büsingen). Reference data with a
 * source and a date, matched on the destination's region or on the start of its postal code.
 */
export interface DestinationArea {
  id: string;
  country: string;
  /** The ISO 3166-2 region the area covers, or null for a postal zone inside a region. */
  region: string | null;
  /** Postal-code starts that place a destination in the area (`35`, `78266`); empty for a whole region. */
  postalPrefixes: readonly string[];
  /** The area's IANA zone where it differs from the country's default. */
  timeZone: string | null;
  /** The date-holidays state code of its regional holidays (`BY`, `ZH`, `CN`), or null. */
  holidayRegion: string | null;
  /** Carrier days added to every lane's transit to the area. */
  extraTransitDays: number;
  /** Customs days added where the area is outside the country's customs or VAT territory. */
  extraClearanceDays: number;
  /**
   * Warehouse countries whose parcels are not cleared into the area although it is another country's (Northern
   * Ireland: the EU member states, whose rules for goods it follows under the Windsor Framework).
   */
  unclearedFrom: readonly string[];
  /** Where the figures come from, and the day they were read. */
  source: string;
  asOf: string;
}

/** Where a request says the parcel goes, below the country. */
export interface AreaQuery {
  country: string;
  region: string | null;
  postalCode: string | null;
}

/**
 * The area a destination lies in: a postal zone first (the most specific: Büsingen inside Baden-Württemberg),
 * then its region; null when none applies (a bare country never looks).
 */
export function destinationAreaOf(areas: readonly DestinationArea[], query: AreaQuery): DestinationArea | null {
  if (query.region === null && query.postalCode === null) return null;
  const compact = query.postalCode?.replace(/\s/g, '') ?? null;
  let byRegion: DestinationArea | null = null;
  let byPostal: DestinationArea | null = null;
  let longest = 0;
  for (const area of areas) {
    if (area.country !== query.country) continue;
    if (compact !== null) {
      for (const prefix of area.postalPrefixes) {
        if (prefix.length > longest && compact.startsWith(prefix)) {
          byPostal = area;
          longest = prefix.length;
        }
      }
    }
    if (area.region !== null && area.region === query.region) byRegion = area;
  }
  return byPostal ?? byRegion;
}
