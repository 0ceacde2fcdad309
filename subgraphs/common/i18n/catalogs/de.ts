import type { Catalog } from '../catalog.ts';

/**
 * German. Country names are nominative and some take an article ("in die Schweiz"), so sentences
 * name the country as an apposition ("in das Lieferland Schweiz") instead of after "nach".
 */
export const de = {
  delivery: {
    arrives: 'Lieferung {{range, dateRange}}',
    arrivesOn: 'Lieferung am {{date, calendarDate}}',
    orderWithin_one: 'Bestellung innerhalb von {{count, number}} Stunde',
    orderWithin_other: 'Bestellung innerhalb von {{count, number}} Stunden',
    businessDays_one: '{{count, number}} Werktag',
    businessDays_other: '{{count, number}} Werktage',
    businessDaysRange_one: '{{min, number}}–{{max, number}} Werktag',
    businessDaysRange_other: '{{min, number}}–{{max, number}} Werktage',
    withBusinessDays: '{{arrival}} ({{duration}})',
  },
  shipping: {
    reason: {
      RESTRICTED_GOODS: 'Versand von {{tag}} in das Lieferland {{country}} ist nicht möglich',
      EMBARGOED_DESTINATION: 'Aufgrund von Handelsbeschränkungen liefern wir nicht in das Lieferland {{country}}',
      OUT_OF_STOCK: 'Derzeit nicht auf Lager',
      NO_CARRIER_SERVICE: 'Für das Lieferland {{country}} ist kein Versanddienst verfügbar',
    },
  },
  compliance: {
    tag: {
      'lithium-battery': 'Lithium-Akkus',
      'standalone-battery': 'einzelnen Lithium-Akkus',
      alcohol: 'alkoholischen Getränken',
      aerosol: 'Spraydosen',
      perfume: 'Parfum',
      food: 'Lebensmitteln',
      knife: 'Messern',
    },
  },
  price: {
    taxIncluded: 'inkl. MwSt.',
    taxExcluded: 'zzgl. MwSt.',
    dutyEstimate: 'Bei Lieferung fallen Einfuhrabgaben von etwa {{amount}} an',
    dutyIncluded: 'inkl. Einfuhrabgaben',
  },
  address: {
    name: 'Vollständiger Name',
    organization: 'Firma',
    addressLines: 'Straße und Hausnummer',
    sortingCode: 'Sortiercode',
    region: {
      area: 'Gebiet',
      county: 'Grafschaft',
      department: 'Departement',
      district: 'Bezirk',
      do_si: 'Provinz/Stadt',
      emirate: 'Emirat',
      island: 'Insel',
      oblast: 'Oblast',
      parish: 'Parish',
      prefecture: 'Präfektur',
      province: 'Provinz',
      state: 'Bundesstaat',
    },
    locality: {
      city: 'Ort',
      district: 'Bezirk',
      post_town: 'Poststadt',
      suburb: 'Vorort',
    },
    sublocality: {
      district: 'Bezirk',
      neighborhood: 'Stadtviertel',
      suburb: 'Vorort',
      townland: 'Townland',
      village_township: 'Dorf/Gemeinde',
    },
    postalCode: {
      eircode: 'Eircode',
      pin: 'PIN-Code',
      postal: 'Postleitzahl',
      zip: 'ZIP-Code',
    },
  },
} as const satisfies Catalog;
