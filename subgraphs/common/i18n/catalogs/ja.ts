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
} as const satisfies Catalog;
