/**
 * What customs declarations need of each demo product, kept beside the catalog (keyed by product line code and
 * SKU) so the catalog's product literals stay as they are: a plain English customs description per line, tariff
 * codes at each territory's declaration precision per line, a GTIN per SKU, and the trade agreements under which
 * the merchant holds proof of a SKU's preferential origin.
 *
 * Illustrative: the national codes were classified from the HS subheading by us and not checked against TARIC,
 * the UK Trade Tariff, the HTSUS or Japan's tariff (each row says `verified: false`); the GTINs use the GS1
 * restricted-circulation prefix 20, so they can never be a real product's.
 */

/** A line's plain English description for CN23 / commercial invoice / H7 item descriptions. */
export const CUSTOMS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'APP-TEE': "T-shirt, knitted, of cotton, men's/unisex",
  'APP-MERINO': 'Sweater, knitted, of merino wool',
  'APP-DOWN': "Jacket, down-filled, of synthetic fibres, men's",
  'FTW-CANVAS': 'Sneakers, textile uppers, rubber soles',
  'FTW-CHELSEA': 'Ankle boots, leather uppers, rubber soles',
  'ELE-ANC': 'Wireless headphones, noise-cancelling, with lithium-ion battery',
  'ELE-POWERBANK': 'Power bank (lithium-ion battery pack)',
  'ELE-CHARGER': 'USB-C power adapter (static converter)',
  'HOM-MILL': 'Coffee grinder, hand-operated',
  'HOM-SKILLET': 'Skillet of cast iron, enamelled',
  'PAN-COFFEE': 'Coffee, roasted, beans, not decaffeinated',
  'PAN-SAKE': 'Sake (rice wine), in bottles',
  'PAN-MATCHA': 'Green tea powder (matcha), in packings ≤ 3 kg',
  'BTY-SERUM': 'Skin care serum (cosmetic preparation)',
  'BTY-SPF': 'Sunscreen lotion (cosmetic preparation)',
  'BTY-EDP': 'Perfume (eau de parfum)',
  'BTY-DRYSHAMPOO': 'Dry shampoo (hair preparation, aerosol)',
};

type Codes = { readonly EU: string; readonly GB: string; readonly US: string; readonly JP: string };

/**
 * Per line: EU 10-digit TARIC (CN 8 + TARIC 2), GB 10-digit commodity code, US 10-digit HTS (statistical suffix),
 * JP 9-digit statistical code. Unverified classifications (see the file comment).
 */
const TARIFF_CODES: Readonly<Record<string, Codes>> = {
  'APP-TEE': { EU: '6109100010', GB: '6109100010', US: '6109100012', JP: '610910000' },
  'APP-MERINO': { EU: '6110111000', GB: '6110111000', US: '6110110015', JP: '611011000' },
  'APP-DOWN': { EU: '6201400000', GB: '6201400000', US: '6201400010', JP: '620140000' },
  'FTW-CANVAS': { EU: '6404199000', GB: '6404199000', US: '6404199060', JP: '640419000' },
  'FTW-CHELSEA': { EU: '6403919800', GB: '6403919800', US: '6403919045', JP: '640391000' },
  'ELE-ANC': { EU: '8518300000', GB: '8518300000', US: '8518302000', JP: '851830000' },
  'ELE-POWERBANK': { EU: '8507600000', GB: '8507600000', US: '8507600020', JP: '850760000' },
  'ELE-CHARGER': { EU: '8504409590', GB: '8504409590', US: '8504409580', JP: '850440000' },
  'HOM-MILL': { EU: '8210000000', GB: '8210000000', US: '8210000000', JP: '821000000' },
  'HOM-SKILLET': { EU: '7323910000', GB: '7323910000', US: '7323915000', JP: '732391000' },
  'PAN-COFFEE': { EU: '0901210000', GB: '0901210000', US: '0901210045', JP: '090121000' },
  'PAN-SAKE': { EU: '2206005900', GB: '2206005900', US: '2206000045', JP: '220600000' },
  'PAN-MATCHA': { EU: '0902100000', GB: '0902100000', US: '0902101015', JP: '090210000' },
  'BTY-SERUM': { EU: '3304990000', GB: '3304990000', US: '3304995000', JP: '330499000' },
  'BTY-SPF': { EU: '3304990000', GB: '3304990000', US: '3304995000', JP: '330499000' },
  'BTY-EDP': { EU: '3303001000', GB: '3303001000', US: '3303003000', JP: '330300000' },
  'BTY-DRYSHAMPOO': { EU: '3305900000', GB: '3305900000', US: '3305900000', JP: '330590000' },
};

/** Agreements under which the merchant holds proof of a SKU's origin (the exporter's own statement on origin). */
export const ORIGIN_PROOFS: Readonly<Record<string, readonly string[]>> = {
  // The sand headphones' batch came with the Japanese maker's statement on origin (EU–JP EPA, UK–JP CEPA) and an
  // origin certification document (JAEPA); the black and silver ones did not: they pay the MFN rate.
  'ELE-ANC-SAN': ['EU-JP-EPA', 'UK-JP-CEPA', 'JP-AU-EPA'],
};

/** The GS1 check digit of the first 12 (GTIN-13) digits: weights 1 and 3 alternating from the left. */
export function gtinCheckDigit(body: string): string {
  const total = [...body].reduce((sum, digit, index) => sum + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return String((10 - (total % 10)) % 10);
}

/** True when `gtin` (8, 12, 13 or 14 digits) has a valid GS1 check digit. */
export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(gtin)) return false;
  const padded = gtin.padStart(14, '0');
  const total = [...padded.slice(0, 13)].reduce((sum, digit, index) => sum + Number(digit) * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (total % 10)) % 10 === Number(padded[13]);
}

/** The customs fields of one seeded product, to spread into its stored document. */
export function customsFieldsOf(
  lineCode: string,
  sku: string,
  index: number,
): {
  originProofs: string[];
  gtin: string;
  customsDescription: string | null;
  tariffCodes: { territory: string; code: string; verified: boolean }[];
} {
  const codes = TARIFF_CODES[lineCode];
  // 20 (restricted circulation) + a 10-digit running number per product.
  const body = `20${String(index + 1).padStart(10, '0')}`;
  return {
    originProofs: [...(ORIGIN_PROOFS[sku] ?? [])],
    gtin: `${body}${gtinCheckDigit(body)}`,
    customsDescription: CUSTOMS_DESCRIPTIONS[lineCode] ?? null,
    tariffCodes: codes ? Object.entries(codes).map(([territory, code]) => ({ territory, code, verified: false })) : [],
  };
}
