// Preferential origin: a trade agreement's rate replaces the MFN rate only when the goods originate in a partner,
// the merchant holds the agreement's proof, the parcel leaves from the origin's side and the agreement is in force.
// Figures are worked by hand from the law memo of issue #23 (section 13, "Worked example, ELE-ANC to DE"): the
// MFN rate 2 % (EU, HS 8518) and the EU–Japan EPA rate 0 % are the seed's illustrative tariff rows, not verified.
import { describe, expect, it } from 'vitest';
import { customsDeclarationOf, tariffCodeFor, tariffTerritoryOf } from '../../../subgraphs/pricing/domain/customs-declaration.ts';
import { findDutyRate, type DeMinimis, type DutyRate } from '../../../subgraphs/pricing/domain/duty.ts';
import { quoteConsignment, type QuoteLine } from '../../../subgraphs/pricing/domain/landed-cost.ts';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import {
  selectPreferentialRate,
  type PreferenceData,
  type PreferentialRate,
  type TradeAgreement,
} from '../../../subgraphs/pricing/domain/preferential-origin.ts';
import { priceForShopper } from '../../../subgraphs/pricing/domain/shopper-price.ts';
import type { TaxRate } from '../../../subgraphs/pricing/domain/tax.ts';
import { gtinCheckDigit, isValidGtin } from '../../../scripts/seed/customs-data.ts';
import { dec, eur } from './helpers.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

const EU_JP: TradeAgreement = {
  code: 'EU-JP-EPA',
  name: 'EU–Japan EPA',
  parties: ['EU', 'JP'],
  ruleOfOrigin: 'Chapter 3',
  proofsAccepted: ['statement on origin', 'importer’s knowledge'],
  sellerProof: 'statement on origin',
  statementReference: 'Art. 3.17, Annex 3-D',
  validFrom: at('2019-02-01'),
  validTo: null,
  source: 'OJ L 330, 27.12.2018',
  asOf: at('2026-12-07'),
  verified: true,
};
const pref = (destination: string, hsPrefix: string, ratePercent: string): PreferentialRate => ({
  agreement: 'EU-JP-EPA',
  destination,
  hsPrefix,
  ratePercent,
  source: 'illustrative',
  asOf: at('2026-12-07'),
  verified: false,
});
const DATA: PreferenceData = { agreements: [EU_JP], preferentialRates: [pref('DE', '8518', '0')] };
const DUTY: DutyRate[] = [{ destination: 'DE', hsPrefix: '8518', ratePercent: '2' }];
const TAX: TaxRate[] = [{ country: 'DE', category: 'standard', ratePercent: '19' }];
const DE: Market = {
  country: 'DE',
  currency: 'EUR',
  locale: 'de-DE',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: { kind: 'exponent' },
  fxMarginBps: 0,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
// No relief and no flat regime: the ad valorem rates apply, as above €150 (the memo's example is €300 of goods).
const NO_RELIEF: DeMinimis[] = [{ destination: 'DE', dutyThreshold: null, taxThreshold: null, asOf: NOW, source: 'test' }];

const proven = { originCountry: 'JP', originProofs: ['EU-JP-EPA'], shipFrom: 'JP' };
const mfnOf = (hsCode: string) => findDutyRate(hsCode, 'DE', DUTY);

describe('selectPreferentialRate', () => {
  it('JP-origin headphones with a statement on origin, shipped from JP into DE: EU–JP EPA 0 % instead of MFN 2 %', () => {
    const match = selectPreferentialRate(mfnOf('851830'), '851830', 'DE', proven, DATA, NOW);
    expect(match).toMatchObject({ ratePercent: '0', hsPrefix: '8518', matched: true });
    expect(match.preference).toMatchObject({ agreement: 'EU-JP-EPA', proof: 'statement on origin', mfnRatePercent: '2', verified: false });
  });

  it('without the proof, the MFN rate', () => {
    const match = selectPreferentialRate(mfnOf('851830'), '851830', 'DE', { ...proven, originProofs: [] }, DATA, NOW);
    expect(match).toMatchObject({ ratePercent: '2', preference: null });
  });

  it('shipped from a third country (US warehouse): no direct transport shown, the MFN rate', () => {
    const match = selectPreferentialRate(mfnOf('851830'), '851830', 'DE', { ...proven, shipFrom: 'US' }, DATA, NOW);
    expect(match).toMatchObject({ ratePercent: '2', preference: null });
  });

  it('origin outside the agreement (CN) even with a stray proof code: the MFN rate', () => {
    const match = selectPreferentialRate(mfnOf('851830'), '851830', 'DE', { ...proven, originCountry: 'CN', shipFrom: 'CN' }, DATA, NOW);
    expect(match.preference).toBeNull();
  });

  it('before the agreement entered into force (2019-02-01): the MFN rate', () => {
    const match = selectPreferentialRate(mfnOf('851830'), '851830', 'DE', proven, DATA, at('2019-01-31'));
    expect(match.preference).toBeNull();
    expect(selectPreferentialRate(mfnOf('851830'), '851830', 'DE', proven, DATA, at('2019-02-01')).preference).not.toBeNull();
  });

  it('a preferential rate not below MFN is not claimed (never pay more than MFN)', () => {
    const data = { ...DATA, preferentialRates: [pref('DE', '8518', '2')] };
    expect(selectPreferentialRate(mfnOf('851830'), '851830', 'DE', proven, data, NOW).preference).toBeNull();
  });

  it('goods of EU origin into the EU are not a preference case (same party)', () => {
    const match = selectPreferentialRate(mfnOf('851830'), '851830', 'DE', { ...proven, originCountry: 'PT', shipFrom: 'PT' }, DATA, NOW);
    expect(match.preference).toBeNull();
  });
});

describe('the quote: memo §13 worked example, ELE-ANC to DE, €300 goods + €10 shipping, parcel from JP', () => {
  // €300.00 net at 19 % = €357.00 gross; the parcel's €11.90 charge is €10.00 net. CIF customs value 300 + 10 = €310.00.
  const headphones = (proofs: string[]): QuoteLine => ({
    productId: 'anc',
    unitPrice: eur('357.00'),
    quantity: 1,
    hsCode: '851830',
    taxCategory: 'standard',
    origin: { originCountry: 'JP', originProofs: proofs },
  });
  const quote = (proofs: string[], fromCountry = 'JP') =>
    quoteConsignment({
      lines: [headphones(proofs)],
      market: DE,
      taxRates: TAX,
      dutyRates: DUTY,
      deMinimis: NO_RELIEF,
      now: NOW,
      parcels: [{ fromCountry, lineIndexes: [0], charge: eur('11.90') }],
      preferences: DATA,
    });

  it('without proof: MFN 2 % × €310.00 = €6.20 duty; import VAT 19 % × €6.20 = €1.178 → €1.18; total 357 + 11.90 + 6.20 + 1.18 = €376.28', () => {
    const result = quote([]);
    expect(dec(result.duty)).toBe('6.20');
    expect(dec(result.importTax)).toBe('1.18');
    expect(dec(result.total)).toBe('376.28');
    expect(result.items[0]?.dutyPreference).toBeNull();
  });

  it('with the EU–JP statement on origin: duty 0 % × €310.00 = €0.00; total 357 + 11.90 = €368.90, and the explanation names the agreement', () => {
    const result = quote(['EU-JP-EPA']);
    expect(dec(result.duty)).toBe('0.00');
    expect(dec(result.importTax)).toBe('0.00');
    expect(dec(result.total)).toBe('368.90');
    expect(result.items[0]?.dutyPreference).toMatchObject({ agreement: 'EU-JP-EPA', ratePercent: '0', mfnRatePercent: '2' });
    const duty = result.steps.find((step) => step.kind === 'DUTY');
    expect(duty?.label).toContain('EU–Japan EPA');
    expect(duty?.amount).toBe('0.00');
  });

  it('with proof but shipped from the US warehouse: MFN, €6.20', () => {
    expect(dec(quote(['EU-JP-EPA'], 'US').duty)).toBe('6.20');
  });

  it('the parcel declares the claim: one item, tariff code at EU precision, the statement reference', () => {
    const result = quote(['EU-JP-EPA']);
    const [consignment] = result.consignments;
    const declaration = customsDeclarationOf({
      shipmentIndex: 0,
      consignment: consignment!,
      lines: result.items,
      products: [
        {
          sku: 'ELE-ANC-SAN',
          hsCode: '851830',
          originCountry: 'JP',
          gtin: '2000000000178',
          customsDescription: 'Wireless headphones',
          tariffCodes: [{ territory: 'EU', code: '8518300000', verified: false }],
          weightGrams: 650,
        },
      ],
      destination: 'DE',
      incoterm: 'DDP',
      currency: 'EUR',
    });
    expect(declaration).toMatchObject({ fromCountry: 'JP', tariffTerritory: 'EU', category: 'SALE_OF_GOODS', registrationNumber: null });
    expect(declaration.items[0]).toMatchObject({
      tariffCode: '8518300000',
      nationalPrecision: true,
      originCountry: 'JP',
      netWeightGrams: 650,
    });
    // The item's value is the line's net of VAT: €357.00 ÷ 1.19 = €300.00.
    expect(dec(declaration.items[0]!.value)).toBe('300.00');
    expect(dec(declaration.totalValue)).toBe('300.00');
    expect(declaration.preferenceClaims.map((claim) => claim.statementReference)).toEqual(['Art. 3.17, Annex 3-D']);
  });
});

describe('the product page (price-book price €357.00 in DE, DDP, no freight on a page)', () => {
  const page = (proofs: string[]) =>
    priceForShopper({
      productId: 'anc',
      market: DE,
      localPrices: [{ productId: 'anc', country: 'DE', price: eur('357.00') }],
      basePrice: null,
      hsCode: '851830',
      taxCategory: 'standard',
      taxRates: TAX,
      dutyRates: DUTY,
      deMinimis: NO_RELIEF,
      rates: [],
      now: NOW,
      maxRateAgeHours: 72,
      origin: { originCountry: 'JP', originProofs: proofs, shipFrom: 'JP' },
      preferences: DATA,
    });

  it('without proof: net €357.00 ÷ 1.19 = €300.00; duty 2 % = €6.00; import VAT 19 % × 6.00 = €1.14; shown €364.14', () => {
    const price = page([]);
    expect(dec(price.duty)).toBe('6.00');
    expect(dec(price.amount)).toBe('364.14');
    expect(price.dutyPreference).toBeNull();
  });

  it('with the statement on origin: duty 0 % = €0.00; shown €357.00; the duty step names the agreement', () => {
    const price = page(['EU-JP-EPA']);
    expect(dec(price.duty)).toBe('0.00');
    expect(dec(price.amount)).toBe('357.00');
    expect(price.dutyPreference?.agreement).toBe('EU-JP-EPA');
    expect(price.steps.find((step) => step.kind === 'DUTY')?.label).toBe(
      'Import duty 0 % on the net price (EU–Japan EPA preferential rate for JP origin on a statement on origin, MFN 2 %)',
    );
  });
});

describe('tariff codes and GTINs', () => {
  it('EU members declare in the EU nomenclature; others in their own', () => {
    expect(tariffTerritoryOf('DE')).toBe('EU');
    expect(tariffTerritoryOf('GB')).toBe('GB');
  });

  it('falls back to the HS subheading, marked as not of national precision', () => {
    const product = {
      sku: 'X',
      hsCode: '8518.30',
      originCountry: 'JP',
      gtin: null,
      customsDescription: null,
      tariffCodes: [],
      weightGrams: 1,
    };
    expect(tariffCodeFor(product, 'KR')).toEqual({ code: '851830', verified: false, national: false });
  });

  it('GS1 check digit: 400638133393 → 1 (GTIN 4006381333931, the GS1 example)', () => {
    // Weights 1,3,1,3… from the left: 4×1 + 0×3 + 0×1 + 6×3 + 3×1 + 8×3 + 1×1 + 3×3 + 3×1 + 3×3 + 9×1 + 3×3 = 4+0+0+18+3+24+1+9+3+9+9+9 = 89; (10 − 89 mod 10) mod 10 = 1.
    expect(gtinCheckDigit('400638133393')).toBe('1');
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
  });
});
