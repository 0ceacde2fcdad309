import type { Catalog } from '../catalog.ts';

/**
 * French. `one` covers 0 and 1 ("0 heure"); `many` is CLDR's form for round millions
 * ("1 000 000 d’heures"). A country after "vers" would need its article (la Suisse, le Japon,
 * les États-Unis), so sentences name it in parentheses. Before a colon French typography puts a
 * no-break space (U+00A0).
 */
export const fr = {
  delivery: {
    arrives: 'Livraison {{range, dateRange}}',
    arrivesOn: 'Livraison le {{date, calendarDate}}',
    orderWithin_one: 'Commandez dans un délai de {{count, number}} heure',
    orderWithin_many: 'Commandez dans un délai de {{count, number}} d’heures',
    orderWithin_other: 'Commandez dans un délai de {{count, number}} heures',
    businessDays_one: '{{count, number}} jour ouvré',
    businessDays_many: '{{count, number}} de jours ouvrés',
    businessDays_other: '{{count, number}} jours ouvrés',
    businessDaysRange_one: '{{min, number}}–{{max, number}} jour ouvré',
    businessDaysRange_many: '{{min, number}}–{{max, number}} de jours ouvrés',
    businessDaysRange_other: '{{min, number}}–{{max, number}} jours ouvrés',
    withBusinessDays: '{{arrival}} ({{duration}})',
  },
  shipping: {
    reason: {
      RESTRICTED_GOODS: 'Livraison de «\u00a0{{tag}}\u00a0» impossible dans le pays de destination ({{country}})',
      EMBARGOED_DESTINATION: 'En raison de restrictions commerciales, nous ne livrons pas le pays de destination ({{country}})',
      OUT_OF_STOCK: 'En rupture de stock',
      NO_CARRIER_SERVICE: 'Aucun transporteur ne dessert le pays de destination ({{country}})',
    },
  },
  compliance: {
    tag: {
      'lithium-battery': 'batteries au lithium',
      'standalone-battery': 'batteries au lithium seules',
      alcohol: 'boissons alcoolisées',
      aerosol: 'aérosols',
      perfume: 'parfums',
      food: 'denrées alimentaires',
      knife: 'couteaux',
    },
  },
  price: {
    taxIncluded: 'TTC',
    taxExcluded: 'HT',
    dutyEstimate: 'Des droits d’importation d’environ {{amount}} seront à régler à la livraison',
    dutyIncluded: 'Droits d’importation inclus',
  },
  address: {
    name: 'Nom complet',
    organization: 'Société',
    addressLines: 'Adresse',
    sortingCode: 'Code de tri',
    region: {
      area: 'Zone',
      county: 'Comté',
      department: 'Département',
      district: 'District',
      do_si: 'Province/Ville',
      emirate: 'Émirat',
      island: 'Île',
      oblast: 'Oblast',
      parish: 'Paroisse',
      prefecture: 'Préfecture',
      province: 'Province',
      state: 'État',
    },
    locality: {
      city: 'Ville',
      district: 'District',
      post_town: 'Ville postale',
      suburb: 'Banlieue',
    },
    sublocality: {
      district: 'District',
      neighborhood: 'Quartier',
      suburb: 'Banlieue',
      townland: 'Townland',
      village_township: 'Village/Canton',
    },
    postalCode: {
      eircode: 'Eircode',
      pin: 'Code PIN',
      postal: 'Code postal',
      zip: 'Code ZIP',
    },
  },
} as const satisfies Catalog;
