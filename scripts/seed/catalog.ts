/**
 * The demo catalog every subgraph seeds its own part of: 17 product lines in 3 variants each (51 products),
 * 5 top-level categories, text in en/de/ja/ar (French for four lines, Chinese in both scripts for six) with deliberate gaps (so fallback is visible), base prices in
 * the brand's home currency, and stock in the three warehouses. Products, prices and stock are illustrative.
 */
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';

/**
 * Chinese is seeded in both scripts, as the script-bearing tags `zh-Hans` (Simplified: mainland China,
 * Singapore) and `zh-Hant` (Traditional: Taiwan, Hong Kong), never as bare `zh`: a `zh-TW` request must find
 * Traditional text or fall back to English, never to Simplified.
 */
export const SEED_LOCALES = ['en', 'de', 'fr', 'ja', 'ar', 'zh-Hans', 'zh-Hant'] as const;
export type SeedLocale = (typeof SEED_LOCALES)[number];
type Texts = Partial<Record<SeedLocale, string>> & { en: string };

export interface SeedCategory {
  id: string;
  name: Texts;
}

export const CATEGORIES: SeedCategory[] = [
  {
    id: 'apparel',
    name: { en: 'Apparel', de: 'Bekleidung', fr: 'Vêtements', ja: 'アパレル', ar: 'ملابس', 'zh-Hans': '服装', 'zh-Hant': '服裝' },
  },
  {
    id: 'apparel.tshirts',
    name: { en: 'T-shirts', de: 'T-Shirts', fr: 'T-shirts', ja: 'Tシャツ', ar: 'قمصان', 'zh-Hans': 'T恤', 'zh-Hant': 'T恤' },
  },
  {
    id: 'apparel.outerwear',
    name: {
      en: 'Outerwear',
      de: 'Oberbekleidung',
      fr: 'Vêtements d’extérieur',
      ja: 'アウター',
      ar: 'ملابس خارجية',
      'zh-Hans': '外套',
      'zh-Hant': '外套',
    },
  },
  {
    id: 'footwear',
    name: { en: 'Footwear', de: 'Schuhe', fr: 'Chaussures', ja: 'シューズ', ar: 'أحذية', 'zh-Hans': '鞋履', 'zh-Hant': '鞋履' },
  },
  {
    id: 'footwear.sneakers',
    name: { en: 'Sneakers', de: 'Sneaker', fr: 'Baskets', ja: 'スニーカー', ar: 'أحذية رياضية', 'zh-Hans': '运动鞋', 'zh-Hant': '運動鞋' },
  },
  {
    id: 'footwear.boots',
    name: { en: 'Boots', de: 'Stiefel', fr: 'Bottes', ja: 'ブーツ', ar: 'جزمات', 'zh-Hans': '靴子', 'zh-Hant': '靴子' },
  },
  {
    id: 'electronics',
    name: {
      en: 'Electronics',
      de: 'Elektronik',
      fr: 'Électronique',
      ja: '家電',
      ar: 'إلكترونيات',
      'zh-Hans': '电子产品',
      'zh-Hant': '電子產品',
    },
  },
  {
    id: 'electronics.audio',
    name: { en: 'Audio', de: 'Audio', fr: 'Audio', ja: 'オーディオ', ar: 'صوتيات', 'zh-Hans': '音频', 'zh-Hant': '音訊' },
  },
  {
    id: 'electronics.power',
    name: {
      en: 'Power & charging',
      de: 'Strom & Laden',
      fr: 'Alimentation et recharge',
      ja: '電源・充電',
      ar: 'الطاقة والشحن',
      'zh-Hans': '电源与充电',
      'zh-Hant': '電源與充電',
    },
  },
  { id: 'home', name: { en: 'Home', de: 'Haus', fr: 'Maison', ja: 'ホーム', ar: 'المنزل', 'zh-Hans': '家居', 'zh-Hant': '家居' } },
  {
    id: 'home.kitchen',
    name: { en: 'Kitchen', de: 'Küche', fr: 'Cuisine', ja: 'キッチン', ar: 'المطبخ', 'zh-Hans': '厨房', 'zh-Hant': '廚房' },
  },
  {
    id: 'home.pantry',
    name: { en: 'Pantry', de: 'Vorratskammer', fr: 'Épicerie', ja: '食品', ar: 'المؤونة', 'zh-Hans': '食品', 'zh-Hant': '食品' },
  },
  {
    id: 'beauty',
    name: { en: 'Beauty', de: 'Beauty', fr: 'Beauté', ja: 'ビューティー', ar: 'الجمال', 'zh-Hans': '美妆', 'zh-Hant': '美妝' },
  },
  {
    id: 'beauty.skincare',
    name: {
      en: 'Skincare',
      de: 'Hautpflege',
      fr: 'Soins de la peau',
      ja: 'スキンケア',
      ar: 'العناية بالبشرة',
      'zh-Hans': '护肤',
      'zh-Hant': '護膚',
    },
  },
  {
    id: 'beauty.fragrance',
    name: {
      en: 'Fragrance & hair',
      de: 'Duft & Haar',
      fr: 'Parfums et cheveux',
      ja: 'フレグランス・ヘア',
      ar: 'العطور والشعر',
      'zh-Hans': '香水与护发',
      'zh-Hant': '香水與護髮',
    },
  },
];

/** Attribute keys and value codes with their labels. */
export const ATTRIBUTE_LABELS: Record<string, Texts> = {
  color: { en: 'Color', de: 'Farbe', fr: 'Couleur', ja: 'カラー', ar: 'اللون', 'zh-Hans': '颜色', 'zh-Hant': '顏色' },
  size: { en: 'Size', de: 'Größe', fr: 'Taille', ja: 'サイズ', ar: 'المقاس', 'zh-Hans': '规格', 'zh-Hant': '規格' },
  capacity: { en: 'Capacity', de: 'Inhalt', fr: 'Capacité', ja: '容量', ar: 'السعة', 'zh-Hans': '容量', 'zh-Hant': '容量' },
  material: { en: 'Material', de: 'Material', fr: 'Matière', ja: '素材', ar: 'الخامة', 'zh-Hans': '材质', 'zh-Hant': '材質' },
};
export const ATTRIBUTE_VALUE_LABELS: Record<string, Texts> = {
  navy: { en: 'Navy', de: 'Marineblau', fr: 'Bleu marine', ja: 'ネイビー', ar: 'كحلي', 'zh-Hans': '海军蓝', 'zh-Hant': '海軍藍' },
  white: { en: 'White', de: 'Weiß', fr: 'Blanc', ja: 'ホワイト', ar: 'أبيض', 'zh-Hans': '白色', 'zh-Hant': '白色' },
  black: { en: 'Black', de: 'Schwarz', fr: 'Noir', ja: 'ブラック', ar: 'أسود', 'zh-Hans': '黑色', 'zh-Hant': '黑色' },
  olive: { en: 'Olive', de: 'Oliv', fr: 'Olive', ja: 'オリーブ', ar: 'زيتي', 'zh-Hans': '橄榄绿', 'zh-Hant': '橄欖綠' },
  sand: { en: 'Sand', de: 'Sand', fr: 'Sable', ja: 'サンド', ar: 'رملي', 'zh-Hans': '沙色', 'zh-Hant': '沙色' },
  brown: { en: 'Brown', de: 'Braun', fr: 'Marron', ja: 'ブラウン', ar: 'بني', 'zh-Hans': '棕色', 'zh-Hant': '棕色' },
  silver: { en: 'Silver', de: 'Silber', fr: 'Argent', ja: 'シルバー', ar: 'فضي', 'zh-Hans': '银色', 'zh-Hant': '銀色' },
  s: { en: 'S', de: 'S', fr: 'S', ja: 'S', ar: 'S', 'zh-Hans': 'S', 'zh-Hant': 'S' },
  m: { en: 'M', de: 'M', fr: 'M', ja: 'M', ar: 'M', 'zh-Hans': 'M', 'zh-Hant': 'M' },
  l: { en: 'L', de: 'L', fr: 'L', ja: 'L', ar: 'L', 'zh-Hans': 'L', 'zh-Hant': 'L' },
  '30g': { en: '30 g', de: '30 g', fr: '30 g', ja: '30g', ar: '30 غ', 'zh-Hans': '30克', 'zh-Hant': '30克' },
  '100g': { en: '100 g', de: '100 g', fr: '100 g', ja: '100g', ar: '100 غ', 'zh-Hans': '100克', 'zh-Hant': '100克' },
  '250g': { en: '250 g', de: '250 g', fr: '250 g', ja: '250g', ar: '250 غ', 'zh-Hans': '250克', 'zh-Hant': '250克' },
  '500g': { en: '500 g', de: '500 g', fr: '500 g', ja: '500g', ar: '500 غ', 'zh-Hans': '500克', 'zh-Hant': '500克' },
  '1kg': { en: '1 kg', de: '1 kg', fr: '1 kg', ja: '1kg', ar: '1 كغ', 'zh-Hans': '1千克', 'zh-Hant': '1公斤' },
  '30ml': { en: '30 ml', de: '30 ml', fr: '30 ml', ja: '30ml', ar: '30 مل', 'zh-Hans': '30毫升', 'zh-Hant': '30毫升' },
  '50ml': { en: '50 ml', de: '50 ml', fr: '50 ml', ja: '50ml', ar: '50 مل', 'zh-Hans': '50毫升', 'zh-Hant': '50毫升' },
  '100ml': { en: '100 ml', de: '100 ml', fr: '100 ml', ja: '100ml', ar: '100 مل', 'zh-Hans': '100毫升', 'zh-Hant': '100毫升' },
  '300ml': { en: '300 ml', de: '300 ml', fr: '300 ml', ja: '300ml', ar: '300 مل', 'zh-Hans': '300毫升', 'zh-Hant': '300毫升' },
  '720ml': { en: '720 ml', de: '720 ml', fr: '720 ml', ja: '720ml', ar: '720 مل', 'zh-Hans': '720毫升', 'zh-Hant': '720毫升' },
  '1800ml': { en: '1.8 l', de: '1,8 l', fr: '1,8 l', ja: '1800ml', ar: '1.8 لتر', 'zh-Hans': '1.8升', 'zh-Hant': '1.8公升' },
  '10000mah': {
    en: '10,000 mAh',
    de: '10.000 mAh',
    fr: '10 000 mAh',
    ja: '10000mAh',
    ar: '10000 مللي أمبير',
    'zh-Hans': '10000mAh',
    'zh-Hant': '10000mAh',
  },
  '20000mah': {
    en: '20,000 mAh',
    de: '20.000 mAh',
    fr: '20 000 mAh',
    ja: '20000mAh',
    ar: '20000 مللي أمبير',
    'zh-Hans': '20000mAh',
    'zh-Hant': '20000mAh',
  },
  '26800mah': {
    en: '26,800 mAh',
    de: '26.800 mAh',
    fr: '26 800 mAh',
    ja: '26800mAh',
    ar: '26800 مللي أمبير',
    'zh-Hans': '26800mAh',
    'zh-Hant': '26800mAh',
  },
  '20cm': { en: '20 cm', de: '20 cm', fr: '20 cm', ja: '20cm', ar: '20 سم', 'zh-Hans': '20厘米', 'zh-Hant': '20公分' },
  '26cm': { en: '26 cm', de: '26 cm', fr: '26 cm', ja: '26cm', ar: '26 سم', 'zh-Hans': '26厘米', 'zh-Hant': '26公分' },
  '30cm': { en: '30 cm', de: '30 cm', fr: '30 cm', ja: '30cm', ar: '30 سم', 'zh-Hans': '30厘米', 'zh-Hant': '30公分' },
  '30w': { en: '30 W', de: '30 W', fr: '30 W', ja: '30W', ar: '30 واط', 'zh-Hans': '30W', 'zh-Hant': '30W' },
  '65w': { en: '65 W', de: '65 W', fr: '65 W', ja: '65W', ar: '65 واط', 'zh-Hans': '65W', 'zh-Hant': '65W' },
  '100w': { en: '100 W', de: '100 W', fr: '100 W', ja: '100W', ar: '100 واط', 'zh-Hans': '100W', 'zh-Hant': '100W' },
};

interface Variant {
  code: string;
  attribute: string;
  value: string;
  /** Extra grams over the line's base weight. */
  extraGrams?: number;
  /** Base-price delta in minor units of the line's currency. */
  priceDeltaMinor?: number;
}

/** A product line: what its variants share. */
export interface ProductLine {
  code: string;
  brand: string;
  category: string;
  hsCode: string;
  originCountry: string;
  weightGrams: number;
  dimensions: { lengthCm: number; widthCm: number; heightCm: number };
  complianceTags: string[];
  taxCategory: 'standard' | 'reduced' | 'zero';
  basePrice: { currency: string; minor: number };
  /** Units in stock per warehouse id, per variant index. */
  stock: Record<string, [number, number, number]>;
  title: Texts;
  description: Partial<Texts>;
  variants: [Variant, Variant, Variant];
}

const colors = (a: string, b: string, c: string): [Variant, Variant, Variant] => [
  { code: a.toUpperCase().slice(0, 3), attribute: 'color', value: a },
  { code: b.toUpperCase().slice(0, 3), attribute: 'color', value: b },
  { code: c.toUpperCase().slice(0, 3), attribute: 'color', value: c },
];

export const PRODUCT_LINES: ProductLine[] = [
  {
    code: 'APP-TEE',
    brand: 'Northline',
    category: 'apparel.tshirts',
    hsCode: '610910',
    originCountry: 'US',
    weightGrams: 180,
    dimensions: { lengthCm: 30, widthCm: 25, heightCm: 3 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'USD', minor: 2800 },
    stock: { 'wh-us-nj': [120, 80, 60], 'wh-nl-venlo': [40, 0, 25] },
    title: {
      en: 'Organic Cotton Tee',
      de: 'T-Shirt aus Bio-Baumwolle',
      fr: 'T-shirt en coton biologique',
      ja: 'オーガニックコットンTシャツ',
      ar: 'تيشيرت من القطن العضوي',
      'zh-Hans': '有机棉T恤',
      'zh-Hant': '有機棉T恤',
    },
    description: {
      en: 'A heavyweight tee in GOTS-certified organic cotton, garment-dyed for a soft hand.',
      'zh-Hans': '采用GOTS认证有机棉制成的厚磅T恤，成衣染色，手感柔软。',
      'zh-Hant': '採用GOTS認證有機棉製成的厚磅T恤，成衣染色，手感柔軟。',
      de: 'Ein schweres T-Shirt aus GOTS-zertifizierter Bio-Baumwolle, stückgefärbt für einen weichen Griff.',
      fr: 'Un t-shirt épais en coton biologique certifié GOTS, teint après confection pour un toucher doux.',
      ja: 'GOTS認証オーガニックコットンを使用した肉厚Tシャツ。製品染めで柔らかな風合い。',
    },
    variants: colors('navy', 'white', 'black'),
  },
  {
    code: 'APP-MERINO',
    brand: 'Fjell',
    category: 'apparel.outerwear',
    hsCode: '611011',
    originCountry: 'PT',
    weightGrams: 420,
    dimensions: { lengthCm: 35, widthCm: 28, heightCm: 6 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'EUR', minor: 11900 },
    stock: { 'wh-nl-venlo': [30, 22, 14], 'wh-us-nj': [0, 5, 0] },
    title: {
      en: 'Merino Crew Sweater',
      de: 'Merino-Pullover mit Rundhalsausschnitt',
      fr: 'Pull col rond en mérinos',
      ja: 'メリノ クルーネックセーター',
    },
    description: {
      en: 'Extra-fine 18.5 micron merino, knitted in Portugal. Warm, breathable, machine washable.',
      de: 'Extrafeiner 18,5-Mikron-Merino, in Portugal gestrickt. Warm, atmungsaktiv, maschinenwaschbar.',
      fr: 'Mérinos extrafin de 18,5 microns, tricoté au Portugal. Chaud, respirant, lavable en machine.',
    },
    variants: colors('olive', 'navy', 'sand'),
  },
  {
    code: 'APP-DOWN',
    brand: 'Fjell',
    category: 'apparel.outerwear',
    hsCode: '620140',
    originCountry: 'VN',
    weightGrams: 650,
    dimensions: { lengthCm: 40, widthCm: 30, heightCm: 10 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'EUR', minor: 24900 },
    stock: { 'wh-nl-venlo': [12, 9, 0], 'wh-us-nj': [6, 0, 4] },
    title: { en: 'Packable Down Jacket', de: 'Verstaubare Daunenjacke', ja: 'パッカブル ダウンジャケット', ar: 'سترة ريش قابلة للطي' },
    description: {
      en: '700-fill responsibly sourced down that packs into its own pocket.',
      de: 'Verantwortungsvoll gewonnene 700-Cuin-Daune, die sich in die eigene Tasche packen lässt.',
      ja: '自身のポケットに収納できる、責任ある調達の700フィルパワーダウン。',
    },
    variants: colors('black', 'olive', 'navy'),
  },
  {
    code: 'FTW-CANVAS',
    brand: 'Northline',
    category: 'footwear.sneakers',
    hsCode: '640419',
    originCountry: 'VN',
    weightGrams: 900,
    dimensions: { lengthCm: 33, widthCm: 21, heightCm: 12 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'USD', minor: 6500 },
    stock: { 'wh-us-nj': [50, 44, 38], 'wh-nl-venlo': [10, 0, 12] },
    title: { en: 'Canvas Low-Top Sneaker', de: 'Canvas-Sneaker (Low-Top)', ja: 'キャンバス ローカットスニーカー' },
    description: { en: 'Vulcanised rubber sole, organic cotton canvas upper, recycled laces.' },
    variants: colors('white', 'black', 'navy'),
  },
  {
    code: 'FTW-CHELSEA',
    brand: 'Sapateiro',
    category: 'footwear.boots',
    hsCode: '640391',
    originCountry: 'PT',
    weightGrams: 1600,
    dimensions: { lengthCm: 35, widthCm: 24, heightCm: 14 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'EUR', minor: 18900 },
    stock: { 'wh-nl-venlo': [8, 11, 3] },
    title: {
      en: 'Leather Chelsea Boot',
      de: 'Chelsea-Boot aus Leder',
      fr: 'Bottine Chelsea en cuir',
      ja: 'レザー チェルシーブーツ',
      ar: 'حذاء تشيلسي جلدي',
    },
    description: {
      en: 'Full-grain leather on a Goodyear-welted sole, made to be resoled.',
      de: 'Vollnarbenleder auf rahmengenähter Sohle, gemacht, um neu besohlt zu werden.',
      fr: 'Cuir pleine fleur et semelle cousue Goodyear : une bottine faite pour être ressemelée.',
      ar: 'جلد طبيعي كامل على نعل مخيط بطريقة غوديير، مصنوع ليُعاد تنعيله.',
    },
    variants: colors('brown', 'black', 'sand'),
  },
  {
    code: 'ELE-ANC',
    brand: 'Kotone',
    category: 'electronics.audio',
    hsCode: '851830',
    originCountry: 'JP',
    weightGrams: 650,
    dimensions: { lengthCm: 22, widthCm: 19, heightCm: 9 },
    complianceTags: ['lithium-battery'],
    taxCategory: 'standard',
    basePrice: { currency: 'JPY', minor: 38000 },
    stock: { 'wh-jp-chiba': [40, 35, 12], 'wh-nl-venlo': [0, 6, 0] },
    title: {
      en: 'Wireless Noise-Cancelling Headphones',
      de: 'Kabellose Kopfhörer mit Geräuschunterdrückung',
      fr: 'Casque sans fil à réduction de bruit',
      ja: 'ワイヤレス ノイズキャンセリングヘッドホン',
      ar: 'سماعات لاسلكية بخاصية إلغاء الضوضاء',
      'zh-Hans': '无线降噪耳机',
      'zh-Hant': '無線降噪耳機',
    },
    description: {
      'zh-Hans': '自适应降噪，内置锂离子电池，续航30小时，支持USB-C快充。',
      'zh-Hant': '自適應降噪，內建鋰離子電池，續航30小時，支援USB-C快充。',
      en: 'Adaptive noise cancelling, 30-hour battery with a built-in lithium-ion cell, USB-C fast charge.',
      de: 'Adaptive Geräuschunterdrückung, 30 Stunden Akkulaufzeit mit eingebautem Lithium-Ionen-Akku, USB-C-Schnellladen.',
      ja: 'アダプティブノイズキャンセリング、リチウムイオン電池内蔵で30時間再生、USB-C急速充電。',
      ar: 'إلغاء ضوضاء تكيفي، بطارية ليثيوم أيون مدمجة تدوم 30 ساعة، وشحن سريع عبر USB-C.',
    },
    variants: colors('black', 'silver', 'sand'),
  },
  {
    code: 'ELE-POWERBANK',
    brand: 'Kotone',
    category: 'electronics.power',
    hsCode: '850760',
    originCountry: 'CN',
    weightGrams: 250,
    dimensions: { lengthCm: 15, widthCm: 8, heightCm: 3 },
    complianceTags: ['lithium-battery', 'standalone-battery'],
    taxCategory: 'standard',
    basePrice: { currency: 'JPY', minor: 4980 },
    stock: { 'wh-jp-chiba': [200, 150, 90], 'wh-us-nj': [60, 0, 0] },
    // Chinese in Simplified only (made in China, written for the mainland): Traditional requests fall back to English.
    title: { en: 'Portable Power Bank', de: 'Powerbank', ja: 'モバイルバッテリー', 'zh-Hans': '便携式充电宝' },
    description: {
      en: 'Pocket-size lithium-ion power bank with USB-C PD in and out.',
      ja: 'USB-C PD入出力対応のポケットサイズのリチウムイオンモバイルバッテリー。',
      'zh-Hans': '口袋大小的锂离子充电宝，支持USB-C PD输入与输出。',
    },
    variants: [
      { code: '10K', attribute: 'capacity', value: '10000mah' },
      { code: '20K', attribute: 'capacity', value: '20000mah', extraGrams: 160, priceDeltaMinor: 2000 },
      { code: '27K', attribute: 'capacity', value: '26800mah', extraGrams: 300, priceDeltaMinor: 4000 },
    ],
  },
  {
    code: 'ELE-CHARGER',
    brand: 'Voltway',
    category: 'electronics.power',
    hsCode: '850440',
    originCountry: 'CN',
    weightGrams: 140,
    dimensions: { lengthCm: 9, widthCm: 7, heightCm: 4 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'USD', minor: 2900 },
    stock: { 'wh-us-nj': [300, 240, 80], 'wh-nl-venlo': [90, 60, 20], 'wh-jp-chiba': [40, 40, 0] },
    // Chinese in Simplified only, like the power bank.
    title: {
      en: 'GaN USB-C Charger',
      de: 'GaN-USB-C-Ladegerät',
      ja: 'GaN USB-C充電器',
      ar: 'شاحن USB-C بتقنية GaN',
      'zh-Hans': '氮化镓USB-C充电器',
    },
    description: {
      en: 'Gallium-nitride wall charger with foldable prongs.',
      de: 'Galliumnitrid-Ladegerät mit klappbarem Stecker.',
      'zh-Hans': '氮化镓墙插充电器，插脚可折叠。',
    },
    variants: [
      { code: '30W', attribute: 'capacity', value: '30w' },
      { code: '65W', attribute: 'capacity', value: '65w', extraGrams: 40, priceDeltaMinor: 1600 },
      { code: '100W', attribute: 'capacity', value: '100w', extraGrams: 90, priceDeltaMinor: 3600 },
    ],
  },
  {
    code: 'HOM-MILL',
    brand: 'Hario-ya',
    category: 'home.kitchen',
    hsCode: '821000',
    originCountry: 'JP',
    weightGrams: 700,
    dimensions: { lengthCm: 22, widthCm: 12, heightCm: 12 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'JPY', minor: 8800 },
    stock: { 'wh-jp-chiba': [25, 18, 9] },
    // Chinese in Traditional only: Simplified requests fall back to English, never to Traditional.
    title: {
      en: 'Ceramic Burr Coffee Mill',
      de: 'Kaffeemühle mit Keramikmahlwerk',
      ja: 'セラミック コーヒーミル',
      ar: 'مطحنة قهوة بشفرات سيراميك',
      'zh-Hant': '陶瓷刀盤磨豆機',
    },
    description: {
      en: 'Hand mill with adjustable ceramic burrs, for pour-over to espresso.',
      'zh-Hant': '手搖磨豆機，陶瓷刀盤可調粗細，從手沖到義式濃縮皆適用。',
      de: 'Handmühle mit verstellbarem Keramikmahlwerk, von Handfilter bis Espresso.',
      ja: '挽き目を調整できるセラミック刃の手挽きミル。ハンドドリップからエスプレッソまで。',
    },
    variants: colors('black', 'white', 'silver'),
  },
  {
    code: 'HOM-SKILLET',
    brand: 'Forge & Field',
    category: 'home.kitchen',
    hsCode: '732391',
    originCountry: 'US',
    weightGrams: 2700,
    dimensions: { lengthCm: 45, widthCm: 30, heightCm: 8 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'USD', minor: 5500 },
    stock: { 'wh-us-nj': [40, 30, 20] },
    title: { en: 'Cast Iron Skillet', de: 'Gusseisenpfanne', ja: '鋳鉄スキレット', ar: 'مقلاة من الحديد الزهر' },
    description: {
      en: 'Pre-seasoned cast iron, poured in Tennessee. Oven, grill and induction safe.',
      de: 'Vorgeölt, in Tennessee gegossen. Für Backofen, Grill und Induktion geeignet.',
    },
    variants: [
      { code: '20', attribute: 'size', value: '20cm' },
      { code: '26', attribute: 'size', value: '26cm', extraGrams: 800, priceDeltaMinor: 1500 },
      { code: '30', attribute: 'size', value: '30cm', extraGrams: 1500, priceDeltaMinor: 2500 },
    ],
  },
  {
    code: 'PAN-COFFEE',
    brand: 'Forge & Field',
    category: 'home.pantry',
    hsCode: '090121',
    originCountry: 'US',
    weightGrams: 300,
    dimensions: { lengthCm: 20, widthCm: 12, heightCm: 7 },
    complianceTags: ['food'],
    taxCategory: 'reduced',
    basePrice: { currency: 'USD', minor: 1800 },
    stock: { 'wh-us-nj': [100, 60, 30], 'wh-nl-venlo': [50, 20, 0] },
    title: {
      en: 'Single-Origin Coffee Beans',
      de: 'Kaffeebohnen aus einer Herkunft',
      ja: 'シングルオリジン コーヒー豆',
      ar: 'حبوب قهوة أحادية المصدر',
    },
    description: {
      en: 'Washed Ethiopian Yirgacheffe, roasted light in small batches.',
      de: 'Gewaschener äthiopischer Yirgacheffe, hell in kleinen Chargen geröstet.',
    },
    variants: [
      { code: '250', attribute: 'size', value: '250g' },
      { code: '500', attribute: 'size', value: '500g', extraGrams: 250, priceDeltaMinor: 1400 },
      { code: '1K', attribute: 'size', value: '1kg', extraGrams: 750, priceDeltaMinor: 3800 },
    ],
  },
  {
    code: 'PAN-SAKE',
    brand: 'Kurabito',
    category: 'home.pantry',
    hsCode: '220600',
    originCountry: 'JP',
    weightGrams: 1400,
    dimensions: { lengthCm: 32, widthCm: 10, heightCm: 10 },
    complianceTags: ['alcohol'],
    taxCategory: 'standard',
    basePrice: { currency: 'JPY', minor: 2400 },
    stock: { 'wh-jp-chiba': [60, 40, 20] },
    title: { en: 'Junmai Ginjo Sake', de: 'Junmai-Ginjo-Sake', ja: '純米吟醸酒' },
    description: { en: 'Fruity, dry junmai ginjo from Niigata. 15% ABV.', ja: '新潟の辛口でフルーティーな純米吟醸。アルコール分15%。' },
    variants: [
      // A 300 ml bottle costs a little more per ml than the 720 ml one (1,100 vs 1,000 yen proportionate).
      { code: '300', attribute: 'size', value: '300ml', extraGrams: -900, priceDeltaMinor: -1300 },
      { code: '720', attribute: 'size', value: '720ml' },
      { code: '1800', attribute: 'size', value: '1800ml', extraGrams: 1700, priceDeltaMinor: 2600 },
    ],
  },
  {
    code: 'PAN-MATCHA',
    brand: 'Kurabito',
    category: 'home.pantry',
    hsCode: '090210',
    originCountry: 'JP',
    weightGrams: 150,
    dimensions: { lengthCm: 10, widthCm: 10, heightCm: 8 },
    complianceTags: ['food'],
    taxCategory: 'reduced',
    basePrice: { currency: 'JPY', minor: 3200 },
    stock: { 'wh-jp-chiba': [80, 50, 25], 'wh-nl-venlo': [15, 0, 0] },
    title: {
      en: 'Ceremonial Matcha',
      de: 'Zeremonieller Matcha',
      ja: '抹茶（茶道用）',
      ar: 'ماتشا احتفالية',
      'zh-Hans': '仪式级抹茶',
      'zh-Hant': '儀式級抹茶',
    },
    description: {
      en: 'First-harvest stone-ground matcha from Uji.',
      ja: '宇治産の一番茶を石臼挽きした抹茶。',
      'zh-Hans': '选用宇治头采茶叶，以石磨研磨而成的抹茶。',
      'zh-Hant': '選用宇治頭採茶葉，以石磨研磨而成的抹茶。',
    },
    variants: [
      // A 30 g tin, a 100 g tin and a 1 kg bag; larger packs cost less per gram (107, 96 and 64 yen a gram).
      { code: '30', attribute: 'size', value: '30g' },
      { code: '100', attribute: 'size', value: '100g', extraGrams: 100, priceDeltaMinor: 6400 },
      { code: '1K', attribute: 'size', value: '1kg', extraGrams: 950, priceDeltaMinor: 60800 },
    ],
  },
  {
    code: 'BTY-SERUM',
    brand: 'Hadaka',
    category: 'beauty.skincare',
    hsCode: '330499',
    originCountry: 'JP',
    weightGrams: 120,
    dimensions: { lengthCm: 12, widthCm: 5, heightCm: 5 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'JPY', minor: 4400 },
    stock: { 'wh-jp-chiba': [70, 50, 30], 'wh-nl-venlo': [20, 10, 0] },
    title: { en: 'Hyaluronic Acid Serum', de: 'Hyaluronsäure-Serum', ja: 'ヒアルロン酸美容液', ar: 'سيروم حمض الهيالورونيك' },
    description: {
      en: 'Three weights of hyaluronic acid for layered hydration. Fragrance free.',
      de: 'Drei Molekülgrößen Hyaluronsäure für mehrschichtige Feuchtigkeit. Ohne Duftstoffe.',
      ja: '3種のヒアルロン酸で角層まで潤う。無香料。',
    },
    variants: [
      { code: '30', attribute: 'size', value: '30ml' },
      { code: '50', attribute: 'size', value: '50ml', extraGrams: 30, priceDeltaMinor: 1800 },
      { code: '100', attribute: 'size', value: '100ml', extraGrams: 90, priceDeltaMinor: 4200 },
    ],
  },
  {
    code: 'BTY-SPF',
    brand: 'Hadaka',
    category: 'beauty.skincare',
    hsCode: '330499',
    originCountry: 'JP',
    weightGrams: 90,
    dimensions: { lengthCm: 14, widthCm: 5, heightCm: 4 },
    complianceTags: [],
    taxCategory: 'standard',
    basePrice: { currency: 'JPY', minor: 2200 },
    stock: { 'wh-jp-chiba': [150, 90, 0] },
    title: { en: 'Sunscreen Gel SPF 50+', de: 'Sonnenschutz-Gel LSF 50+', ja: '日焼け止めジェル SPF50+' },
    description: { en: 'Lightweight, invisible finish. PA++++.' },
    variants: [
      { code: '30', attribute: 'size', value: '30ml' },
      { code: '50', attribute: 'size', value: '50ml', extraGrams: 25, priceDeltaMinor: 800 },
      { code: '100', attribute: 'size', value: '100ml', extraGrams: 70, priceDeltaMinor: 1800 },
    ],
  },
  {
    code: 'BTY-EDP',
    brand: 'Maison Voss',
    category: 'beauty.fragrance',
    hsCode: '330300',
    originCountry: 'FR',
    weightGrams: 350,
    dimensions: { lengthCm: 12, widthCm: 8, heightCm: 8 },
    complianceTags: ['perfume'],
    taxCategory: 'standard',
    basePrice: { currency: 'EUR', minor: 8900 },
    stock: { 'wh-nl-venlo': [45, 30, 15], 'wh-us-nj': [10, 0, 0] },
    title: {
      en: 'Eau de Parfum Cedre',
      de: 'Eau de Parfum Cèdre',
      fr: 'Eau de parfum Cèdre',
      ja: 'オードパルファム セードル',
      ar: 'أو دو بارفان سيدر',
    },
    description: {
      en: 'Atlas cedar, bergamot and vetiver. 18% concentration.',
      de: 'Atlas-Zeder, Bergamotte und Vetiver. 18 % Konzentration.',
      fr: 'Cèdre de l’Atlas, bergamote et vétiver. Concentration de 18 %.',
      ar: 'أرز الأطلس والبرغموت ونجيل الهند. تركيز 18%.',
    },
    variants: [
      { code: '30', attribute: 'size', value: '30ml', extraGrams: -80 },
      { code: '50', attribute: 'size', value: '50ml', priceDeltaMinor: 3000 },
      { code: '100', attribute: 'size', value: '100ml', extraGrams: 120, priceDeltaMinor: 6000 },
    ],
  },
  {
    code: 'BTY-DRYSHAMPOO',
    brand: 'Maison Voss',
    category: 'beauty.fragrance',
    hsCode: '330530',
    originCountry: 'NL',
    weightGrams: 260,
    dimensions: { lengthCm: 20, widthCm: 6, heightCm: 6 },
    complianceTags: ['aerosol'],
    taxCategory: 'standard',
    basePrice: { currency: 'EUR', minor: 1450 },
    stock: { 'wh-nl-venlo': [90, 60, 0], 'wh-us-nj': [0, 0, 0] },
    title: { en: 'Dry Shampoo Spray', de: 'Trockenshampoo-Spray', ar: 'بخاخ شامبو جاف' },
    description: {
      en: 'Rice starch dry shampoo in a recyclable aluminium can.',
      de: 'Trockenshampoo mit Reisstärke in einer recycelbaren Aluminiumdose.',
    },
    variants: [
      { code: '100', attribute: 'size', value: '100ml' },
      { code: '300', attribute: 'size', value: '300ml', extraGrams: 140, priceDeltaMinor: 800 },
      { code: 'BLK', attribute: 'color', value: 'black' },
    ],
  },
];

/** One seeded product: a variant of a line, with everything each subgraph needs of it. */
export interface SeedProduct {
  id: string;
  sku: string;
  line: ProductLine;
  variant: Variant;
  weightGrams: number;
  basePriceMinor: number;
  /** Units per warehouse id. */
  stock: Record<string, number>;
  createdAt: Date;
}

/** The 51 products of the demo catalog, with ids derived from their SKUs (stable across seeds). */
export function seedProducts(): SeedProduct[] {
  const base = Date.UTC(2026, 0, 5, 9, 0, 0);
  return PRODUCT_LINES.flatMap((line, lineIndex) =>
    line.variants.map((variant, variantIndex) => {
      const sku = `${line.code}-${variant.code}`;
      return {
        id: stableObjectIdHex(sku),
        sku,
        line,
        variant,
        weightGrams: line.weightGrams + (variant.extraGrams ?? 0),
        basePriceMinor: line.basePrice.minor + (variant.priceDeltaMinor ?? 0),
        stock: Object.fromEntries(Object.entries(line.stock).map(([warehouse, units]) => [warehouse, units[variantIndex]!])),
        createdAt: new Date(base + (lineIndex * 3 + variantIndex) * 36 * 3_600_000),
      };
    }),
  );
}
