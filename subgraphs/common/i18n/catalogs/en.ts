import type { Catalog } from '../catalog.ts';

/**
 * English: the reference catalog every other language must match key for key, and the last
 * fallback of all of them. Dates go through the `calendarDate` / `dateRange` formatters and counts
 * through `number`, so digits, month names and separators follow the shopper's locale.
 */
export const en = {
  delivery: {
    arrives: 'Arrives {{range, dateRange}}',
    arrivesOn: 'Arrives {{date, calendarDate}}',
    orderWithin_one: 'Order within {{count, number}} hour',
    orderWithin_other: 'Order within {{count, number}} hours',
    businessDays_one: '{{count, number}} business day',
    businessDays_other: '{{count, number}} business days',
    businessDaysRange_one: '{{min, number}}–{{max, number}} business days',
    businessDaysRange_other: '{{min, number}}–{{max, number}} business days',
    withBusinessDays: '{{arrival}} ({{duration}})',
  },
  shipping: {
    reason: {
      RESTRICTED_GOODS: 'We cannot ship {{tag}} to {{country}}',
      EMBARGOED_DESTINATION: 'We cannot ship to {{country}} because of trade restrictions',
      OUT_OF_STOCK: 'Out of stock',
      NO_CARRIER_SERVICE: 'No shipping service is available to {{country}}',
    },
  },
  compliance: {
    tag: {
      'lithium-battery': 'lithium batteries',
      'standalone-battery': 'loose lithium batteries',
      alcohol: 'alcoholic beverages',
      aerosol: 'aerosols',
      perfume: 'perfume',
      food: 'food',
      knife: 'knives',
    },
  },
  price: {
    taxIncluded: 'incl. VAT',
    taxExcluded: 'excl. tax',
    dutyEstimate: 'Import duties of about {{amount}} are due on delivery',
    dutyIncluded: 'Import duties included',
  },
  address: {
    name: 'Full name',
    organization: 'Company',
    addressLines: 'Street address',
    sortingCode: 'Sorting code',
    region: {
      area: 'Area',
      county: 'County',
      department: 'Department',
      district: 'District',
      do_si: 'Province/City',
      emirate: 'Emirate',
      island: 'Island',
      oblast: 'Oblast',
      parish: 'Parish',
      prefecture: 'Prefecture',
      province: 'Province',
      state: 'State',
    },
    locality: {
      city: 'City',
      district: 'District',
      post_town: 'Post town',
      suburb: 'Suburb',
    },
    sublocality: {
      district: 'District',
      neighborhood: 'Neighborhood',
      suburb: 'Suburb',
      townland: 'Townland',
      village_township: 'Village/Township',
    },
    postalCode: {
      eircode: 'Eircode',
      pin: 'PIN code',
      postal: 'Postal code',
      zip: 'ZIP code',
    },
  },
} as const satisfies Catalog;
