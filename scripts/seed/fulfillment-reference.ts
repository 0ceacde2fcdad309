/**
 * Reference data for seeding the fulfillment subgraph.
 *
 * ILLUSTRATIVE ONLY. Warehouses, carrier products, transit times, prices, thresholds, restricted-goods
 * rules and the embargo list are realistic in shape and order of magnitude, but they are not any
 * carrier's tariff, not legal advice and not a sanctions screening list. Holidays are NOT here: they
 * come from the maintained date-holidays dataset (see domain/calendar.ts), weekends from CLDR.
 *
 * Money is integer MINOR units in the named currency (ISO 4217 exponent): USD/EUR/GBP/CHF cents,
 * JPY whole yen (exponent 0), KWD fils (exponent 3, so 30000 = KWD 30.000).
 */
import type { ComplianceRules } from '../../subgraphs/fulfillment/domain/compliance.ts';
import type { Money } from '../../subgraphs/common/contract/money.ts';
import type { Market, WeightBand } from '../../subgraphs/fulfillment/domain/index.ts';
import type { CarrierService, ShippingZone } from '../../subgraphs/fulfillment/domain/services.ts';
import type { Warehouse } from '../../subgraphs/fulfillment/domain/warehouse.ts';

export const WAREHOUSES: readonly Warehouse[] = [
  {
    id: 'wh-us-nj',
    country: 'US',
    timeZone: 'America/New_York',
    cutoffLocalTime: '15:00',
    handlingDays: 0,
    workingDays: [1, 2, 3, 4, 5],
  },
  {
    // Handling day for export paperwork (commercial invoice, EMS customs form); Japanese logistics
    // work Saturdays, so the floor does too.
    id: 'wh-jp-chiba',
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    cutoffLocalTime: '14:00',
    handlingDays: 1,
    workingDays: [1, 2, 3, 4, 5, 6],
  },
  {
    id: 'wh-nl-venlo',
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
    cutoffLocalTime: '17:00',
    handlingDays: 0,
    workingDays: [1, 2, 3, 4, 5],
  },
];

/** Destination zones carriers price as one. EU = the 27 member states (one customs union). */
export const SHIPPING_ZONES: readonly ShippingZone[] = [
  {
    id: 'EU',
    countries: [
      'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
      'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
    ],
  },
];

/** Weight bands from `[upToGrams, amountMinor]` pairs, all in one currency. */
function bands(currency: string, steps: ReadonlyArray<readonly [number, number]>): WeightBand[] {
  return steps.map(([upToGrams, amountMinor]) => ({ upToGrams, price: { minor: BigInt(amountMinor), currency } }));
}

type Lane = Omit<CarrierService, 'rateCurrency' | 'weightBands'> & { weightBands: WeightBand[] };

function lane(service: Lane): CarrierService {
  const currency = service.weightBands[0]?.price.currency ?? '';
  return { ...service, rateCurrency: currency };
}

// ---- From wh-us-nj (USD) --------------------------------------------------------------------
const US_GROUND = bands('USD', [[1000, 899], [5000, 1499], [10000, 2299], [30000, 4599]]);
const US_2DAY = bands('USD', [[1000, 1899], [5000, 3299], [10000, 5499], [30000, 11900]]);
const US_INTL_STANDARD = bands('USD', [[1000, 3650], [2000, 4850], [5000, 7900], [20000, 15900]]);
const US_INTL_EXPRESS = bands('USD', [[1000, 6990], [5000, 12900], [10000, 19900], [30000, 39900]]);
const US_CANADA_GROUND = bands('USD', [[1000, 1890], [5000, 2890], [10000, 4290], [30000, 8900]]);
const US_GULF_EXPRESS = bands('USD', [[1000, 8990], [5000, 16900], [10000, 25900], [30000, 52900]]);

// ---- From wh-jp-chiba (JPY, exponent 0) ------------------------------------------------------
const JP_DOMESTIC = bands('JPY', [[2000, 1060], [5000, 1460], [10000, 1880], [25000, 2550]]);
const JP_EMS_ASIA = bands('JPY', [[1000, 2900], [2000, 3900], [5000, 7300], [10000, 12500], [30000, 30300]]);
const JP_EMS_NEAR = bands('JPY', [[1000, 3900], [2000, 5300], [5000, 10100], [10000, 17500], [30000, 41400]]);
const JP_EMS_FAR = bands('JPY', [[1000, 4400], [2000, 6100], [5000, 11800], [10000, 20500], [30000, 48900]]);
const JP_AIR_PARCEL = bands('JPY', [[1000, 2200], [2000, 3600], [5000, 8000], [10000, 14000]]);
const JP_SURFACE = bands('JPY', [[1000, 2500], [5000, 4900], [10000, 7600], [30000, 16800]]);

// ---- From wh-nl-venlo (EUR) ------------------------------------------------------------------
const NL_DOMESTIC = bands('EUR', [[2000, 695], [10000, 795], [23000, 1395]]);
const NL_TO_DE = bands('EUR', [[2000, 590], [5000, 790], [10000, 1090], [31500, 1590]]);
const NL_EU_ROAD = bands('EUR', [[2000, 990], [5000, 1290], [10000, 1690], [31500, 2690]]);
const NL_EU_EXPRESS = bands('EUR', [[1000, 1890], [5000, 2990], [10000, 4290], [30000, 7990]]);
const NL_NEAR_NON_EU_ROAD = bands('EUR', [[2000, 1490], [5000, 1890], [10000, 2490], [31500, 3990]]);
const NL_NEAR_NON_EU_EXPRESS = bands('EUR', [[1000, 2790], [5000, 3990], [10000, 5490], [30000, 9990]]);
const NL_INTL_STANDARD = bands('EUR', [[1000, 2450], [2000, 3150], [5000, 5250], [20000, 11500]]);
const NL_INTL_EXPRESS = bands('EUR', [[1000, 5490], [5000, 9990], [10000, 15900], [30000, 32900]]);

/**
 * Where every lane below comes from: no carrier's published tariff was checked, so transit days and weight-band
 * prices are illustrative (plausible in shape and size). `npm run data:check` lists each lane as illustrative.
 */
export const LANE_PROVENANCE = {
  source: 'illustrative: plausible transit days and prices per lane, not any carrier\'s published tariff',
  asOf: new Date('2026-11-01T00:00:00Z'),
} as const;

/**
 * Carrier services per lane. Transit is in destination business days; clearance is 0 inside the
 * EU customs union and 1–3 destination business days elsewhere.
 */
export const CARRIER_SERVICES: readonly CarrierService[] = [
  // wh-us-nj
  lane({ id: 'us-ups-ground', carrier: 'UPS', origin: 'US', destination: 'US', level: 'standard', mode: 'road', transitDaysMin: 1, transitDaysMax: 5, clearanceDays: 0, weightBands: US_GROUND, volumetricDivisor: 5000 }),
  lane({ id: 'us-ups-2nd-day-air', carrier: 'UPS', origin: 'US', destination: 'US', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 2, clearanceDays: 0, weightBands: US_2DAY, volumetricDivisor: 5000 }),
  lane({ id: 'us-usps-pmi-eu', carrier: 'USPS', origin: 'US', destination: 'EU', level: 'standard', mode: 'air', transitDaysMin: 6, transitDaysMax: 10, clearanceDays: 2, weightBands: US_INTL_STANDARD, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-eu', carrier: 'DHL Express', origin: 'US', destination: 'EU', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 3, clearanceDays: 1, weightBands: US_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-usps-pmi-gb', carrier: 'USPS', origin: 'US', destination: 'GB', level: 'standard', mode: 'air', transitDaysMin: 6, transitDaysMax: 10, clearanceDays: 2, weightBands: US_INTL_STANDARD, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-gb', carrier: 'DHL Express', origin: 'US', destination: 'GB', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 3, clearanceDays: 1, weightBands: US_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-usps-pmi-ch', carrier: 'USPS', origin: 'US', destination: 'CH', level: 'standard', mode: 'air', transitDaysMin: 7, transitDaysMax: 12, clearanceDays: 2, weightBands: US_INTL_STANDARD, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-ch', carrier: 'DHL Express', origin: 'US', destination: 'CH', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1, weightBands: US_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-usps-pmi-jp', carrier: 'USPS', origin: 'US', destination: 'JP', level: 'standard', mode: 'air', transitDaysMin: 6, transitDaysMax: 10, clearanceDays: 1, weightBands: US_INTL_STANDARD, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-jp', carrier: 'DHL Express', origin: 'US', destination: 'JP', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1, weightBands: US_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-ups-standard-ca', carrier: 'UPS', origin: 'US', destination: 'CA', level: 'standard', mode: 'road', transitDaysMin: 3, transitDaysMax: 7, clearanceDays: 1, weightBands: US_CANADA_GROUND, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-ca', carrier: 'DHL Express', origin: 'US', destination: 'CA', level: 'express', mode: 'air', transitDaysMin: 1, transitDaysMax: 3, clearanceDays: 1, weightBands: US_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-usps-pmi-au', carrier: 'USPS', origin: 'US', destination: 'AU', level: 'standard', mode: 'air', transitDaysMin: 8, transitDaysMax: 14, clearanceDays: 2, weightBands: US_INTL_STANDARD, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-au', carrier: 'DHL Express', origin: 'US', destination: 'AU', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: US_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-kr', carrier: 'DHL Express', origin: 'US', destination: 'KR', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: US_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-sg', carrier: 'DHL Express', origin: 'US', destination: 'SG', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: US_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-no', carrier: 'DHL Express', origin: 'US', destination: 'NO', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1, weightBands: US_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-ae', carrier: 'DHL Express', origin: 'US', destination: 'AE', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 2, weightBands: US_GULF_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'us-dhl-express-kw', carrier: 'DHL Express', origin: 'US', destination: 'KW', level: 'express', mode: 'air', transitDaysMin: 4, transitDaysMax: 6, clearanceDays: 2, weightBands: US_GULF_EXPRESS, volumetricDivisor: 5000 }),

  // wh-jp-chiba
  lane({ id: 'jp-yamato-takkyubin', carrier: 'Yamato Transport', origin: 'JP', destination: 'JP', level: 'standard', mode: 'road', transitDaysMin: 1, transitDaysMax: 2, clearanceDays: 0, weightBands: JP_DOMESTIC, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-us', carrier: 'Japan Post EMS', origin: 'JP', destination: 'US', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1, weightBands: JP_EMS_NEAR, volumetricDivisor: 6000 }),
  lane({ id: 'jp-air-parcel-us', carrier: 'Japan Post', origin: 'JP', destination: 'US', level: 'standard', mode: 'air', transitDaysMin: 6, transitDaysMax: 10, clearanceDays: 2, weightBands: JP_AIR_PARCEL, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-eu', carrier: 'Japan Post EMS', origin: 'JP', destination: 'EU', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: JP_EMS_FAR, volumetricDivisor: 6000 }),
  lane({ id: 'jp-air-parcel-eu', carrier: 'Japan Post', origin: 'JP', destination: 'EU', level: 'standard', mode: 'air', transitDaysMin: 7, transitDaysMax: 14, clearanceDays: 2, weightBands: JP_AIR_PARCEL, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-gb', carrier: 'Japan Post EMS', origin: 'JP', destination: 'GB', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: JP_EMS_FAR, volumetricDivisor: 6000 }),
  lane({ id: 'jp-air-parcel-gb', carrier: 'Japan Post', origin: 'JP', destination: 'GB', level: 'standard', mode: 'air', transitDaysMin: 7, transitDaysMax: 14, clearanceDays: 2, weightBands: JP_AIR_PARCEL, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-ch', carrier: 'Japan Post EMS', origin: 'JP', destination: 'CH', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: JP_EMS_FAR, volumetricDivisor: 6000 }),
  lane({ id: 'jp-air-parcel-ch', carrier: 'Japan Post', origin: 'JP', destination: 'CH', level: 'standard', mode: 'air', transitDaysMin: 7, transitDaysMax: 14, clearanceDays: 2, weightBands: JP_AIR_PARCEL, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-kr', carrier: 'Japan Post EMS', origin: 'JP', destination: 'KR', level: 'express', mode: 'air', transitDaysMin: 1, transitDaysMax: 3, clearanceDays: 1, weightBands: JP_EMS_ASIA, volumetricDivisor: 6000 }),
  lane({ id: 'jp-air-parcel-kr', carrier: 'Japan Post', origin: 'JP', destination: 'KR', level: 'standard', mode: 'air', transitDaysMin: 3, transitDaysMax: 6, clearanceDays: 1, weightBands: JP_AIR_PARCEL, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-sg', carrier: 'Japan Post EMS', origin: 'JP', destination: 'SG', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1, weightBands: JP_EMS_ASIA, volumetricDivisor: 6000 }),
  lane({ id: 'jp-air-parcel-sg', carrier: 'Japan Post', origin: 'JP', destination: 'SG', level: 'standard', mode: 'air', transitDaysMin: 4, transitDaysMax: 8, clearanceDays: 1, weightBands: JP_AIR_PARCEL, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-au', carrier: 'Japan Post EMS', origin: 'JP', destination: 'AU', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1, weightBands: JP_EMS_NEAR, volumetricDivisor: 6000 }),
  lane({ id: 'jp-air-parcel-au', carrier: 'Japan Post', origin: 'JP', destination: 'AU', level: 'standard', mode: 'air', transitDaysMin: 6, transitDaysMax: 10, clearanceDays: 2, weightBands: JP_AIR_PARCEL, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-ca', carrier: 'Japan Post EMS', origin: 'JP', destination: 'CA', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1, weightBands: JP_EMS_NEAR, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-no', carrier: 'Japan Post EMS', origin: 'JP', destination: 'NO', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 6, clearanceDays: 1, weightBands: JP_EMS_FAR, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-ae', carrier: 'Japan Post EMS', origin: 'JP', destination: 'AE', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 6, clearanceDays: 2, weightBands: JP_EMS_FAR, volumetricDivisor: 6000 }),
  lane({ id: 'jp-ems-kw', carrier: 'Japan Post EMS', origin: 'JP', destination: 'KW', level: 'express', mode: 'air', transitDaysMin: 5, transitDaysMax: 8, clearanceDays: 3, weightBands: JP_EMS_FAR, volumetricDivisor: 6000 }),
  lane({ id: 'jp-surface-kw', carrier: 'Japan Post', origin: 'JP', destination: 'KW', level: 'standard', mode: 'sea', transitDaysMin: 30, transitDaysMax: 45, clearanceDays: 3, weightBands: JP_SURFACE, volumetricDivisor: 6000 }),

  // wh-nl-venlo
  lane({ id: 'nl-postnl-pakket', carrier: 'PostNL', origin: 'NL', destination: 'NL', level: 'standard', mode: 'road', transitDaysMin: 1, transitDaysMax: 2, clearanceDays: 0, weightBands: NL_DOMESTIC, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-paket-de', carrier: 'DHL Paket', origin: 'NL', destination: 'DE', level: 'standard', mode: 'road', transitDaysMin: 1, transitDaysMax: 2, clearanceDays: 0, weightBands: NL_TO_DE, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-parcel-connect-eu', carrier: 'DHL Parcel', origin: 'NL', destination: 'EU', level: 'standard', mode: 'road', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 0, weightBands: NL_EU_ROAD, volumetricDivisor: 5000 }),
  lane({ id: 'nl-ups-express-saver-eu', carrier: 'UPS', origin: 'NL', destination: 'EU', level: 'express', mode: 'air', transitDaysMin: 1, transitDaysMax: 2, clearanceDays: 0, weightBands: NL_EU_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dpd-classic-gb', carrier: 'DPD', origin: 'NL', destination: 'GB', level: 'standard', mode: 'road', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: NL_NEAR_NON_EU_ROAD, volumetricDivisor: 5000 }),
  lane({ id: 'nl-ups-express-saver-gb', carrier: 'UPS', origin: 'NL', destination: 'GB', level: 'express', mode: 'air', transitDaysMin: 1, transitDaysMax: 2, clearanceDays: 1, weightBands: NL_NEAR_NON_EU_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dpd-classic-ch', carrier: 'DPD', origin: 'NL', destination: 'CH', level: 'standard', mode: 'road', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: NL_NEAR_NON_EU_ROAD, volumetricDivisor: 5000 }),
  lane({ id: 'nl-ups-express-saver-ch', carrier: 'UPS', origin: 'NL', destination: 'CH', level: 'express', mode: 'air', transitDaysMin: 1, transitDaysMax: 2, clearanceDays: 1, weightBands: NL_NEAR_NON_EU_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dpd-classic-no', carrier: 'DPD', origin: 'NL', destination: 'NO', level: 'standard', mode: 'road', transitDaysMin: 3, transitDaysMax: 6, clearanceDays: 1, weightBands: NL_NEAR_NON_EU_ROAD, volumetricDivisor: 5000 }),
  lane({ id: 'nl-ups-express-saver-no', carrier: 'UPS', origin: 'NL', destination: 'NO', level: 'express', mode: 'air', transitDaysMin: 1, transitDaysMax: 3, clearanceDays: 1, weightBands: NL_NEAR_NON_EU_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-postnl-intl-ca', carrier: 'PostNL', origin: 'NL', destination: 'CA', level: 'standard', mode: 'air', transitDaysMin: 7, transitDaysMax: 12, clearanceDays: 2, weightBands: NL_INTL_STANDARD, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-express-ca', carrier: 'DHL Express', origin: 'NL', destination: 'CA', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1, weightBands: NL_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-postnl-intl-au', carrier: 'PostNL', origin: 'NL', destination: 'AU', level: 'standard', mode: 'air', transitDaysMin: 10, transitDaysMax: 18, clearanceDays: 2, weightBands: NL_INTL_STANDARD, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-express-au', carrier: 'DHL Express', origin: 'NL', destination: 'AU', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 6, clearanceDays: 1, weightBands: NL_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-express-kr', carrier: 'DHL Express', origin: 'NL', destination: 'KR', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: NL_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-express-sg', carrier: 'DHL Express', origin: 'NL', destination: 'SG', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: NL_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-express-ae', carrier: 'DHL Express', origin: 'NL', destination: 'AE', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 2, weightBands: NL_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-postnl-intl-us', carrier: 'PostNL', origin: 'NL', destination: 'US', level: 'standard', mode: 'air', transitDaysMin: 6, transitDaysMax: 10, clearanceDays: 2, weightBands: NL_INTL_STANDARD, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-express-us', carrier: 'DHL Express', origin: 'NL', destination: 'US', level: 'express', mode: 'air', transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1, weightBands: NL_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-postnl-intl-jp', carrier: 'PostNL', origin: 'NL', destination: 'JP', level: 'standard', mode: 'air', transitDaysMin: 8, transitDaysMax: 14, clearanceDays: 2, weightBands: NL_INTL_STANDARD, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-express-jp', carrier: 'DHL Express', origin: 'NL', destination: 'JP', level: 'express', mode: 'air', transitDaysMin: 3, transitDaysMax: 5, clearanceDays: 1, weightBands: NL_INTL_EXPRESS, volumetricDivisor: 5000 }),
  lane({ id: 'nl-dhl-express-kw', carrier: 'DHL Express', origin: 'NL', destination: 'KW', level: 'express', mode: 'air', transitDaysMin: 4, transitDaysMax: 6, clearanceDays: 2, weightBands: NL_INTL_EXPRESS, volumetricDivisor: 5000 }),
];

const money = (minor: number, currency: string): Money => ({ minor: BigInt(minor), currency });

/**
 * The markets fulfillment delivers to — exactly pricing's markets (scripts/seed/pricing-reference.ts; a unit test
 * checks both lists agree) — with their currency, the zone delivery dates are read in when the shopper's own is
 * unknown (the capital's, or the most populous zone's where a country has several: US New York, CA Toronto, AU
 * Sydney) and the items total above which shipping is free. The thresholds are our commercial decisions,
 * illustrative in size (about €35–€100 in each currency).
 */
export const MARKETS: readonly Market[] = [
  { country: 'AT', currency: 'EUR', defaultTimeZone: 'Europe/Vienna', freeShippingThreshold: money(4900, 'EUR') },
  { country: 'BE', currency: 'EUR', defaultTimeZone: 'Europe/Brussels', freeShippingThreshold: money(4900, 'EUR') },
  { country: 'BG', currency: 'EUR', defaultTimeZone: 'Europe/Sofia', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'CY', currency: 'EUR', defaultTimeZone: 'Asia/Nicosia', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'CZ', currency: 'CZK', defaultTimeZone: 'Europe/Prague', freeShippingThreshold: money(150000, 'CZK') },
  { country: 'DE', currency: 'EUR', defaultTimeZone: 'Europe/Berlin', freeShippingThreshold: money(4900, 'EUR') },
  { country: 'DK', currency: 'DKK', defaultTimeZone: 'Europe/Copenhagen', freeShippingThreshold: money(40000, 'DKK') },
  { country: 'EE', currency: 'EUR', defaultTimeZone: 'Europe/Tallinn', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'ES', currency: 'EUR', defaultTimeZone: 'Europe/Madrid', freeShippingThreshold: money(5900, 'EUR') },
  { country: 'FI', currency: 'EUR', defaultTimeZone: 'Europe/Helsinki', freeShippingThreshold: money(5900, 'EUR') },
  { country: 'FR', currency: 'EUR', defaultTimeZone: 'Europe/Paris', freeShippingThreshold: money(4900, 'EUR') },
  { country: 'GR', currency: 'EUR', defaultTimeZone: 'Europe/Athens', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'HR', currency: 'EUR', defaultTimeZone: 'Europe/Zagreb', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'HU', currency: 'HUF', defaultTimeZone: 'Europe/Budapest', freeShippingThreshold: money(2500000, 'HUF') },
  { country: 'IE', currency: 'EUR', defaultTimeZone: 'Europe/Dublin', freeShippingThreshold: money(5900, 'EUR') },
  { country: 'IT', currency: 'EUR', defaultTimeZone: 'Europe/Rome', freeShippingThreshold: money(5900, 'EUR') },
  { country: 'LT', currency: 'EUR', defaultTimeZone: 'Europe/Vilnius', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'LU', currency: 'EUR', defaultTimeZone: 'Europe/Luxembourg', freeShippingThreshold: money(4900, 'EUR') },
  { country: 'LV', currency: 'EUR', defaultTimeZone: 'Europe/Riga', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'MT', currency: 'EUR', defaultTimeZone: 'Europe/Malta', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'NL', currency: 'EUR', defaultTimeZone: 'Europe/Amsterdam', freeShippingThreshold: money(3500, 'EUR') },
  { country: 'PL', currency: 'PLN', defaultTimeZone: 'Europe/Warsaw', freeShippingThreshold: money(25000, 'PLN') },
  { country: 'PT', currency: 'EUR', defaultTimeZone: 'Europe/Lisbon', freeShippingThreshold: money(5900, 'EUR') },
  { country: 'RO', currency: 'RON', defaultTimeZone: 'Europe/Bucharest', freeShippingThreshold: money(30000, 'RON') },
  { country: 'SE', currency: 'SEK', defaultTimeZone: 'Europe/Stockholm', freeShippingThreshold: money(60000, 'SEK') },
  { country: 'SI', currency: 'EUR', defaultTimeZone: 'Europe/Ljubljana', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'SK', currency: 'EUR', defaultTimeZone: 'Europe/Bratislava', freeShippingThreshold: money(6900, 'EUR') },
  { country: 'GB', currency: 'GBP', defaultTimeZone: 'Europe/London', freeShippingThreshold: money(4000, 'GBP') },
  { country: 'CH', currency: 'CHF', defaultTimeZone: 'Europe/Zurich', freeShippingThreshold: money(9900, 'CHF') },
  { country: 'NO', currency: 'NOK', defaultTimeZone: 'Europe/Oslo', freeShippingThreshold: money(99900, 'NOK') },
  { country: 'US', currency: 'USD', defaultTimeZone: 'America/New_York', freeShippingThreshold: money(7500, 'USD') },
  { country: 'CA', currency: 'CAD', defaultTimeZone: 'America/Toronto', freeShippingThreshold: money(12500, 'CAD') },
  { country: 'AU', currency: 'AUD', defaultTimeZone: 'Australia/Sydney', freeShippingThreshold: money(15000, 'AUD') },
  { country: 'JP', currency: 'JPY', defaultTimeZone: 'Asia/Tokyo', freeShippingThreshold: money(8000, 'JPY') },
  { country: 'KR', currency: 'KRW', defaultTimeZone: 'Asia/Seoul', freeShippingThreshold: money(120000, 'KRW') },
  { country: 'SG', currency: 'SGD', defaultTimeZone: 'Asia/Singapore', freeShippingThreshold: money(12000, 'SGD') },
  { country: 'AE', currency: 'AED', defaultTimeZone: 'Asia/Dubai', freeShippingThreshold: money(35000, 'AED') },
  { country: 'KW', currency: 'KWD', defaultTimeZone: 'Asia/Kuwait', freeShippingThreshold: money(30000, 'KWD') },
];

/**
 * Restricted goods and embargoed destinations. ILLUSTRATIVE: real rules depend on the exporter's
 * jurisdiction, the exact goods (UN numbers, quantities) and each carrier's acceptance policy.
 * The embargo list is an example, not a sanctions list; real screening needs a maintained service.
 */
export const COMPLIANCE_RULES: ComplianceRules = {
  embargoedDestinations: ['CU', 'IR', 'KP', 'SY'],
  restrictions: [
    { tag: 'alcohol', destinations: ['KW'], note: 'Importing alcoholic beverages into Kuwait is prohibited.' },
    {
      tag: 'aerosol',
      destinations: ['JP', 'KW'],
      modes: ['air'],
      note: 'Pressurised aerosols (UN1950) are dangerous goods by air; our air services to these destinations refuse them.',
    },
    {
      // Keyed on `standalone-battery`, not `lithium-battery`: headphones with a built-in cell (UN3481,
      // packed in equipment) fly on these lanes; only loose cells and power banks (UN3480) may not.
      tag: 'standalone-battery',
      destinations: ['CH', 'JP', 'KW'],
      modes: ['air'],
      note: 'Standalone lithium-ion batteries (UN3480) are barred from passenger aircraft and from postal air services on these lanes.',
    },
    {
      tag: 'perfume',
      destinations: ['JP', 'KW'],
      modes: ['air'],
      note: 'Alcohol-based perfume is a flammable liquid (UN1266); the air services on these lanes do not accept it.',
    },
    {
      tag: 'knife',
      destinations: ['GB'],
      note: 'UK law requires age-verified hand-over of bladed articles sold remotely; our cross-border carriers do not offer it.',
    },
  ],
};
