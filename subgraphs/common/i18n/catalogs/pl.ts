import type { Catalog } from '../catalog.ts';

/**
 * Polish. Four plural forms: `one` (1), `few` (2–4, 22–24, …), `many` (0, 5–21, 25–31, …) and
 * `other` for fractions ("1,5 dnia"). "W ciągu" takes the genitive, where few and many coincide
 * ("2 godzin", "5 godzin"). Country names would need declension after "do" ("do Niemiec"), so they
 * follow "do kraju:" in the nominative.
 */
export const pl = {
  delivery: {
    arrives: 'Dostawa {{range, dateRange}}',
    arrivesOn: 'Dostawa {{date, calendarDate}}',
    orderWithin_one: 'Zamów w ciągu {{count, number}} godziny',
    orderWithin_few: 'Zamów w ciągu {{count, number}} godzin',
    orderWithin_many: 'Zamów w ciągu {{count, number}} godzin',
    orderWithin_other: 'Zamów w ciągu {{count, number}} godziny',
    businessDays_one: '{{count, number}} dzień roboczy',
    businessDays_few: '{{count, number}} dni robocze',
    businessDays_many: '{{count, number}} dni roboczych',
    businessDays_other: '{{count, number}} dnia roboczego',
    businessDaysRange_one: '{{min, number}}–{{max, number}} dzień roboczy',
    businessDaysRange_few: '{{min, number}}–{{max, number}} dni robocze',
    businessDaysRange_many: '{{min, number}}–{{max, number}} dni roboczych',
    businessDaysRange_other: '{{min, number}}–{{max, number}} dnia roboczego',
    withBusinessDays: '{{arrival}} ({{duration}})',
  },
  shipping: {
    reason: {
      RESTRICTED_GOODS: 'Produktów z kategorii „{{tag}}” nie można wysłać do kraju: {{country}}',
      EMBARGOED_DESTINATION: 'Ze względu na ograniczenia handlowe nie wysyłamy do kraju: {{country}}',
      OUT_OF_STOCK: 'Brak w magazynie',
      NO_CARRIER_SERVICE: 'Żaden przewoźnik nie obsługuje wysyłki do kraju: {{country}}',
    },
  },
  compliance: {
    tag: {
      'lithium-battery': 'baterie litowe',
      'standalone-battery': 'luźne baterie litowe',
      alcohol: 'napoje alkoholowe',
      aerosol: 'aerozole',
      perfume: 'perfumy',
      food: 'żywność',
      knife: 'noże',
    },
  },
  price: {
    taxIncluded: 'zawiera VAT',
    taxExcluded: 'bez VAT',
    dutyEstimate: 'Przy odbiorze należy zapłacić cło importowe w wysokości około {{amount}}',
    dutyIncluded: 'Cło importowe wliczone w cenę',
  },
  address: {
    name: 'Imię i nazwisko',
    organization: 'Firma',
    addressLines: 'Ulica i numer',
    sortingCode: 'Kod sortowania',
    region: {
      area: 'Obszar',
      county: 'Hrabstwo',
      department: 'Departament',
      district: 'Dystrykt',
      do_si: 'Prowincja/Miasto',
      emirate: 'Emirat',
      island: 'Wyspa',
      oblast: 'Obwód',
      parish: 'Parafia',
      prefecture: 'Prefektura',
      province: 'Prowincja',
      state: 'Stan',
    },
    locality: {
      city: 'Miejscowość',
      district: 'Dystrykt',
      post_town: 'Miasto pocztowe',
      suburb: 'Przedmieście',
    },
    sublocality: {
      district: 'Dzielnica',
      neighborhood: 'Osiedle',
      suburb: 'Przedmieście',
      townland: 'Townland',
      village_township: 'Wieś/Gmina',
    },
    postalCode: {
      eircode: 'Eircode',
      pin: 'Kod PIN',
      postal: 'Kod pocztowy',
      zip: 'Kod ZIP',
    },
  },
} as const satisfies Catalog;
