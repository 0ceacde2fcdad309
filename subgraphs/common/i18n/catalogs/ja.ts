import type { Catalog } from '../catalog.ts';

/** Japanese. No grammatical plural: only `_other`. Full-width colon after labels, as Japanese shops write it. */
export const ja = {
  delivery: {
    arrives: 'お届け予定：{{range, dateRange}}',
    arrivesOn: 'お届け予定日：{{date, calendarDate}}',
    orderWithin_other: '{{count, number}}時間以内にご注文ください',
    businessDays_other: '{{count, number}}営業日',
    businessDaysRange_other: '{{min, number}}～{{max, number}}営業日',
    withBusinessDays: '{{arrival}}（{{duration}}）',
  },
  shipping: {
    reason: {
      RESTRICTED_GOODS: '{{tag}}は{{country}}へ発送できません',
      EMBARGOED_DESTINATION: '貿易規制により、{{country}}へはお届けできません',
      OUT_OF_STOCK: '在庫切れ',
      NO_CARRIER_SERVICE: '{{country}}へお届けできる配送サービスがありません',
    },
  },
  compliance: {
    tag: {
      'lithium-battery': 'リチウム電池',
      'standalone-battery': 'リチウム電池単体',
      alcohol: '酒類',
      aerosol: 'エアゾール製品',
      perfume: '香水',
      food: '食品',
      knife: '刃物',
    },
  },
  price: {
    taxIncluded: '税込',
    taxExcluded: '税抜',
    dutyEstimate: 'お届け時に約{{amount}}の輸入関税をお支払いいただきます',
    dutyIncluded: '輸入関税込み',
  },
  address: {
    name: '氏名',
    organization: '会社名',
    addressLines: '住所',
    sortingCode: '仕分けコード',
    region: {
      area: '地域',
      county: '郡',
      department: '県',
      district: '地区',
      do_si: '道・市',
      emirate: '首長国',
      island: '島',
      oblast: '州',
      parish: '教区',
      prefecture: '都道府県',
      province: '州',
      state: '州',
    },
    locality: {
      city: '市区町村',
      district: '地区',
      post_town: '郵便町',
      suburb: '郊外',
    },
    sublocality: {
      district: '地区',
      neighborhood: '地域',
      suburb: '郊外',
      townland: 'タウンランド',
      village_township: '村・町',
    },
    postalCode: {
      eircode: 'Eircode',
      pin: 'PINコード',
      postal: '郵便番号',
      zip: 'ZIPコード',
    },
  },
} as const satisfies Catalog;
