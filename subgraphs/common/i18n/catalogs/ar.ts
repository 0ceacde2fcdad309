import type { Catalog } from '../catalog.ts';

/**
 * Arabic (written right to left). All six CLDR plural forms: `zero` (0), `one` (1) and `two` (2)
 * are idiomatically written without the numeral ("خلال ساعتين"; zero business days reads "within
 * the same business day"), `few` (3–10) takes the plural noun, `many` (11–99) and `other`
 * (100, 102, …, fractions) the singular.
 */
export const ar = {
  delivery: {
    arrives: 'موعد التوصيل: {{range, dateRange}}',
    arrivesOn: 'موعد التوصيل: {{date, calendarDate}}',
    orderWithin_zero: 'اطلب الآن',
    orderWithin_one: 'اطلب خلال ساعة واحدة',
    orderWithin_two: 'اطلب خلال ساعتين',
    orderWithin_few: 'اطلب خلال {{count, number}} ساعات',
    orderWithin_many: 'اطلب خلال {{count, number}} ساعة',
    orderWithin_other: 'اطلب خلال {{count, number}} ساعة',
    businessDays_zero: 'خلال يوم العمل نفسه',
    businessDays_one: 'يوم عمل واحد',
    businessDays_two: 'يوما عمل',
    businessDays_few: '{{count, number}} أيام عمل',
    businessDays_many: '{{count, number}} يوم عمل',
    businessDays_other: '{{count, number}} يوم عمل',
    businessDaysRange_zero: '{{min, number}}–{{max, number}} يوم عمل',
    businessDaysRange_one: '{{min, number}}–{{max, number}} يوم عمل',
    businessDaysRange_two: '{{min, number}}–{{max, number}} يوم عمل',
    businessDaysRange_few: '{{min, number}}–{{max, number}} أيام عمل',
    businessDaysRange_many: '{{min, number}}–{{max, number}} يوم عمل',
    businessDaysRange_other: '{{min, number}}–{{max, number}} يوم عمل',
    withBusinessDays: '{{arrival}} ({{duration}})',
  },
  shipping: {
    reason: {
      RESTRICTED_GOODS: 'لا يمكن شحن {{tag}} إلى {{country}}',
      EMBARGOED_DESTINATION: 'لا يمكننا الشحن إلى {{country}} بسبب قيود تجارية',
      OUT_OF_STOCK: 'نفد من المخزون',
      NO_CARRIER_SERVICE: 'لا تتوفر خدمة شحن إلى {{country}}',
    },
  },
  compliance: {
    tag: {
      'lithium-battery': 'بطاريات الليثيوم',
      'standalone-battery': 'بطاريات الليثيوم المنفصلة',
      alcohol: 'المشروبات الكحولية',
      aerosol: 'البخاخات',
      perfume: 'العطور',
      food: 'المواد الغذائية',
      knife: 'السكاكين',
    },
  },
  price: {
    taxIncluded: 'شامل ضريبة القيمة المضافة',
    taxExcluded: 'غير شامل ضريبة القيمة المضافة',
    dutyEstimate: 'تُستحق رسوم استيراد تبلغ نحو {{amount}} عند التسليم',
    dutyIncluded: 'شامل رسوم الاستيراد',
  },
  address: {
    name: 'الاسم الكامل',
    organization: 'الشركة',
    addressLines: 'عنوان الشارع',
    sortingCode: 'رمز الفرز',
    region: {
      area: 'المنطقة',
      county: 'المقاطعة',
      department: 'المقاطعة',
      district: 'الحي',
      do_si: 'المقاطعة/المدينة',
      emirate: 'الإمارة',
      island: 'الجزيرة',
      oblast: 'الإقليم',
      parish: 'الأبرشية',
      prefecture: 'المحافظة',
      province: 'المقاطعة',
      state: 'الولاية',
    },
    locality: {
      city: 'المدينة',
      district: 'الحي',
      post_town: 'مدينة البريد',
      suburb: 'الضاحية',
    },
    sublocality: {
      district: 'الحي',
      neighborhood: 'الحي',
      suburb: 'الضاحية',
      townland: 'البلدة',
      village_township: 'القرية/البلدة',
    },
    postalCode: {
      eircode: 'Eircode',
      pin: 'رمز PIN',
      postal: 'الرمز البريدي',
      zip: 'الرمز البريدي الأمريكي',
    },
  },
} as const satisfies Catalog;
