/**
 * Reference data for seeding the pricing subgraph: markets, VAT/GST rates, customs duty rates, de minimis
 * thresholds and FX rates. Every figure carries its own `source` and `asOf` (the day the figure is stated to
 * hold). A figure checked against an official source names that source; a figure we could not verify says
 * "illustrative" in its source, and `npm run data:check` lists it as such. Not legal or tariff advice: tariff
 * lines have many exceptions (specific duties per kg or litre, origin-based surcharges, quotas) not modelled.
 */
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import type {
  CarrierFee,
  DeMinimis,
  DutyRate,
  ImportTaxWaiver,
  LowValueRegime,
  ShipFromThresholds,
} from '../../subgraphs/pricing/domain/duty.ts';
import { parseEcbDailyXml, type EcbDailyRates } from '../../subgraphs/pricing/domain/ecb.ts';
import type { FxRate } from '../../subgraphs/pricing/domain/fx.ts';
import type { Market } from '../../subgraphs/pricing/domain/market.ts';
import { moneyFromDecimal } from '../../subgraphs/pricing/domain/money.ts';
import type { PresentmentRule } from '../../subgraphs/pricing/domain/rounding.ts';
import type { TaxCategory, TaxRate } from '../../subgraphs/pricing/domain/tax.ts';

/** The dated ECB sample shipped with the repo (see the comment inside it: rates are illustrative). */
export const ECB_SAMPLE_FILE = new URL('./ecb-eurofxref-2026-11-24.xml', import.meta.url);

/**
 * Where the sample's rates come from: written by hand in the ECB's exact format, not downloaded from the ECB,
 * though they are stamped source "ECB" like an imported file's. `npm run data:check` reports them as
 * illustrative. Import the ECB's real eurofxref-daily.xml or eurofxref-hist.xml with `npm run import:ecb`.
 */
export const ECB_SAMPLE_PROVENANCE = {
  illustrative: true,
  note: 'Hand-written rates in the ECB eurofxref-daily.xml format for 2026-11-24; not ECB data',
} as const;

/** Reads and parses the ECB sample file. */
export function loadEcbSample(): EcbDailyRates {
  return parseEcbDailyXml(readFileSync(ECB_SAMPLE_FILE, 'utf8'));
}

const at = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** Where a figure comes from and the day it is stated to hold. A source containing "illustrative" marks an unverified figure. */
export type Provenance = { readonly source: string; readonly asOf: Date };

/** The source text of a figure we could not check against an authority: `npm run data:check` lists it as illustrative. */
export const illustrative = (why: string): string => `illustrative: ${why}`;

/** A market as seeded: the domain's rules plus where they come from, the customs valuation basis on its own. */
export type MarketRow = Market & Provenance & { readonly customsValuationProvenance: Provenance };

// Every market's settings below are our commercial decisions (incoterm, presentment, FX margin) on top of facts
// (currency, customs valuation basis); the decisions' source is the decision itself.
const MARKET_POLICY: Provenance = {
  source: 'Meridian market policy (commercial decisions); currencies per ISO 4217; customs valuation: see CUSTOMS_VALUATION',
  asOf: at('2026-11-01'),
};

/** The day the customs valuation bases below were checked against the law or customs guidance they cite. */
const CUSTOMS_VALUATION_CHECKED = at('2026-11-29');
const customsLaw = (source: string): Provenance => ({ source, asOf: CUSTOMS_VALUATION_CHECKED });

/**
 * Where each destination's customs valuation basis (CIF: goods + freight + insurance to the border; FOB: goods at
 * export, without international transport) is laid down. All of them value on the WTO Valuation Agreement's
 * transaction value; they differ in whether transport to the border is added (GATT Art. VII, Agreement Art. 8(2)
 * leaves it to each member). A basis we could not check against the law says illustrative.
 */
export const CUSTOMS_VALUATION: Readonly<Record<string, Provenance>> = {
  EU: customsLaw(
    'Union Customs Code, Regulation (EU) No 952/2013, Art. 70 (transaction value) and Art. 71(1)(e) (transport and insurance up to the place of entry into the Union added): CIF',
  ),
  GB: customsLaw(
    'HMRC Notice 252 and "Delivery costs to include in the customs value" (gov.uk): transport and insurance up to the place of introduction into the UK included: CIF',
  ),
  US: customsLaw(
    '19 U.S.C. 1401a(b)(4)(A): the price actually paid or payable excludes international freight, insurance and related costs from the country of exportation: FOB',
  ),
  CA: customsLaw(
    'Customs Act (R.S.C. 1985, c. 1 (2nd Supp.)) s. 48(5); CBSA Memoranda D13-3-3 and D13-3-4: transport and insurance from the place of direct shipment to Canada are not part of the value for duty: FOB',
  ),
  AU: customsLaw(
    'Customs Act 1901 s. 159 (customs value) and s. 161(2)(e) (overseas freight and overseas insurance deducted from the adjusted price): FOB',
  ),
  JP: customsLaw(
    'Customs Tariff Act (Act No. 54 of 1910) Art. 4(1); Japan Customs Answer 1403: transport and insurance to the port of importation added: CIF',
  ),
  KR: customsLaw('Customs Act Art. 30(1)6 (transport and insurance up to the port of importation added to the price paid or payable): CIF'),
  SG: customsLaw('Singapore Customs (ask.gov.sg, customs value): the customs value is the CIF value, on which import GST is levied: CIF'),
  CH: customsLaw(
    illustrative(
      'Swiss duty is mostly levied per gross weight (Customs Tariff Act), not on a value; import VAT is on the value including transport to the first domestic destination (MWSTG Art. 54(3)(b)): modelled as CIF, not re-checked',
    ),
  ),
  NO: customsLaw(
    illustrative(
      'Norwegian Customs: customs value includes transport and insurance to the Norwegian border (CIF) per the WTO Valuation Agreement; not re-checked against the Customs Regulations',
    ),
  ),
  AE: customsLaw(
    illustrative(
      'GCC Common Customs Law: customs value is the CIF value at the first port of entry; not re-checked against the UAE implementing rules',
    ),
  ),
  KW: customsLaw(
    illustrative(
      'GCC Common Customs Law: customs value is the CIF value at the first port of entry; not re-checked against the Kuwaiti implementing rules',
    ),
  ),
};

const EXPONENT: PresentmentRule = { kind: 'exponent' };
const WHOLE_UNITS: PresentmentRule = { kind: 'increment', increment: '1' };

type MarketSettings = Omit<Market, 'country' | 'additionalCurrencies'> & { additionalCurrencies?: readonly string[] };

function market(country: string, settings: MarketSettings, customsValuationProvenance = CUSTOMS_VALUATION[country]): MarketRow {
  if (!customsValuationProvenance) throw new Error(`No source for the customs valuation basis of ${country}`);
  return { country, additionalCurrencies: [], ...settings, ...MARKET_POLICY, customsValuationProvenance };
}

/** An EU member state: VAT inclusive by law (Price Indication Directive 98/6/EC), DDP, CIF (Union Customs Code Art. 70–71). */
function euMarket(country: string, currency: string, locale: string, extra: Partial<MarketSettings> = {}): MarketRow {
  return market(
    country,
    {
      currency,
      locale,
      taxDisplay: 'inclusive',
      incoterm: 'DDP',
      presentment: EXPONENT,
      // Converting into the euro from a euro base costs nothing; other EU currencies carry a wider spread.
      fxMarginBps: currency === 'EUR' ? 100 : 150,
      customsValuation: 'CIF',
      ...extra,
    },
    CUSTOMS_VALUATION['EU'],
  );
}

/**
 * The markets we sell into: the 27 EU member states, GB, CH, NO, US, CA, AU, JP, KR, SG, AE and KW. Every other
 * country is not sold to (`BAD_USER_INPUT`, reason `NOT_SOLD`, everywhere); fulfillment's markets list the same
 * countries (test/unit/markets-agree.test.ts).
 *
 * Incoterm — how our carrier clears a consignment NO seller-collection scheme covers (a commercial decision per
 * market; which scheme covers which consignment is law data, scripts/seed/collection-reference.ts, and the
 * merchant's registrations, `npm run registrations`):
 * - DDP (we clear as importer; duty and import VAT/GST as the border computes them are in the checkout total):
 *   the EU, UK, Norway, Australia and Singapore for consignments above their scheme's ceiling or with goods it
 *   excludes (IOSS ≤ €150, UK ≤ £135, VOEC < NOK 3,000 per item, ARN ≤ A$1,000, OVR ≤ S$400 cover the others),
 *   Japan (no seller scheme; no consumption tax or duty at all up to ¥10,000 customs value) and Kuwait (no VAT).
 * - DAP (cleared in the shopper's name: no destination VAT/GST at checkout; duty, import VAT/GST and the carrier's
 *   fee due on delivery): Switzerland (not registered: see collection-reference.ts), the US (duty on delivery),
 *   Canada (GST/HST at the border for non-registered sellers), South Korea (list clearance) and the UAE.
 *
 * Customs valuation: CIF (goods + insurance + freight to the border) in the EU, UK, CH, NO, JP, KR, SG and the GCC
 * (AE, KW); FOB (the goods' value at export, no international freight) in the US, Canada and Australia. Each
 * market carries the source of its basis (`customsValuationProvenance`, from {@link CUSTOMS_VALUATION}).
 */
export const MARKETS: readonly MarketRow[] = [
  euMarket('AT', 'EUR', 'de-AT'),
  euMarket('BE', 'EUR', 'nl-BE'),
  // Bulgaria adopted the euro on 2026-01-01 (Council decision of 8 July 2025, 1.95583 BGN per EUR).
  euMarket('BG', 'EUR', 'bg-BG'),
  euMarket('CY', 'EUR', 'el-CY'),
  // Czech prices are whole crowns: the haléř coins were withdrawn in 2008.
  euMarket('CZ', 'CZK', 'cs-CZ', { presentment: WHOLE_UNITS }),
  euMarket('DE', 'EUR', 'de-DE'),
  euMarket('DK', 'DKK', 'da-DK'),
  euMarket('EE', 'EUR', 'et-EE'),
  euMarket('ES', 'EUR', 'es-ES'),
  euMarket('FI', 'EUR', 'fi-FI'),
  euMarket('FR', 'EUR', 'fr-FR'),
  euMarket('GR', 'EUR', 'el-GR'),
  euMarket('HR', 'EUR', 'hr-HR'),
  // Hungarian prices are whole forints: the fillér is long gone.
  euMarket('HU', 'HUF', 'hu-HU', { presentment: WHOLE_UNITS }),
  euMarket('IE', 'EUR', 'en-IE'),
  euMarket('IT', 'EUR', 'it-IT'),
  euMarket('LT', 'EUR', 'lt-LT'),
  euMarket('LU', 'EUR', 'fr-LU'),
  euMarket('LV', 'EUR', 'lv-LV'),
  euMarket('MT', 'EUR', 'en-MT'),
  // NL shows converted prices with a .99 ending (our call, to exercise charm pricing on a real market).
  euMarket('NL', 'EUR', 'nl-NL', { presentment: { kind: 'charm', ending: '0.99' } }),
  euMarket('PL', 'PLN', 'pl-PL'),
  euMarket('PT', 'EUR', 'pt-PT'),
  euMarket('RO', 'RON', 'ro-RO'),
  euMarket('SE', 'SEK', 'sv-SE'),
  euMarket('SI', 'EUR', 'sl-SI'),
  euMarket('SK', 'EUR', 'sk-SK'),
  market('GB', {
    currency: 'GBP',
    locale: 'en-GB',
    taxDisplay: 'inclusive',
    incoterm: 'DDP',
    presentment: EXPONENT,
    fxMarginBps: 150,
    customsValuation: 'CIF',
  }),
  // Swiss prices end in 0.05 steps, as cash can be paid (the 1- and 2-rappen coins are gone).
  market('CH', {
    currency: 'CHF',
    locale: 'de-CH',
    taxDisplay: 'inclusive',
    incoterm: 'DAP',
    presentment: { kind: 'increment', increment: '0.05' },
    fxMarginBps: 150,
    customsValuation: 'CIF',
    additionalCurrencies: ['EUR'],
  }),
  market('NO', {
    currency: 'NOK',
    locale: 'nb-NO',
    taxDisplay: 'inclusive',
    incoterm: 'DDP',
    presentment: WHOLE_UNITS,
    fxMarginBps: 150,
    customsValuation: 'CIF',
  }),
  // US and Canadian prices are shown before tax, as is customary there; state and provincial sales taxes are out of scope.
  market('US', {
    currency: 'USD',
    locale: 'en-US',
    taxDisplay: 'exclusive',
    incoterm: 'DAP',
    presentment: EXPONENT,
    fxMarginBps: 150,
    customsValuation: 'FOB',
  }),
  market('CA', {
    currency: 'CAD',
    locale: 'en-CA',
    taxDisplay: 'exclusive',
    incoterm: 'DAP',
    presentment: EXPONENT,
    fxMarginBps: 150,
    customsValuation: 'FOB',
  }),
  // Australian consumer law requires the total price, GST included.
  market('AU', {
    currency: 'AUD',
    locale: 'en-AU',
    taxDisplay: 'inclusive',
    incoterm: 'DDP',
    presentment: EXPONENT,
    fxMarginBps: 150,
    customsValuation: 'FOB',
  }),
  market('JP', {
    currency: 'JPY',
    locale: 'ja-JP',
    taxDisplay: 'inclusive',
    incoterm: 'DDP',
    presentment: WHOLE_UNITS,
    fxMarginBps: 200,
    customsValuation: 'CIF',
  }),
  // Korean prices end in 10 won: the 1- and 5-won coins are no longer minted.
  market('KR', {
    currency: 'KRW',
    locale: 'ko-KR',
    taxDisplay: 'inclusive',
    incoterm: 'DAP',
    presentment: { kind: 'increment', increment: '10' },
    fxMarginBps: 200,
    customsValuation: 'CIF',
  }),
  market('SG', {
    currency: 'SGD',
    locale: 'en-SG',
    taxDisplay: 'inclusive',
    incoterm: 'DDP',
    presentment: EXPONENT,
    fxMarginBps: 150,
    customsValuation: 'CIF',
  }),
  market('AE', {
    currency: 'AED',
    locale: 'ar-AE',
    taxDisplay: 'inclusive',
    incoterm: 'DAP',
    presentment: EXPONENT,
    fxMarginBps: 250,
    customsValuation: 'CIF',
  }),
  // Kuwait has no VAT (0 %), so inclusive and exclusive show the same; KWD has 3 decimals (fils).
  market('KW', {
    currency: 'KWD',
    locale: 'ar-KW',
    taxDisplay: 'inclusive',
    incoterm: 'DDP',
    presentment: EXPONENT,
    fxMarginBps: 250,
    customsValuation: 'CIF',
  }),
];

/** A VAT/GST rate as seeded, with its own provenance. */
export type TaxRateRow = TaxRate & Provenance;

const EC_VAT_RATES = 'European Commission, "VAT rates applied in the Member States of the European Union" (Taxes in Europe Database, TEDB)';

type RateWithProvenance = readonly [ratePercent: string, provenance: Provenance];

/**
 * One country's rows. `reduced` is, in this codebase, the rate that applies to the food we sell (roasted coffee
 * beans, tea: `taxCategory: 'reduced'` in scripts/seed/catalog.ts), whatever the country calls it: 0 where food
 * is zero-rated (GB, IE, CA, AU), the standard rate where food has no reduced rate (DK, EE, KR, SG, AE).
 * `zero` is for zero-rated or exempt supplies (0 everywhere).
 */
function vat(country: string, standard: RateWithProvenance, reduced: RateWithProvenance): TaxRateRow[] {
  const row = (category: TaxCategory, [ratePercent, provenance]: RateWithProvenance): TaxRateRow => ({
    country,
    category,
    ratePercent,
    ...provenance,
  });
  return [row('standard', standard), row('reduced', reduced), row('zero', ['0', standard[1]])];
}

/** The day the rates below were checked to be in force: their `asOf` (when a rate took effect is in its source). */
const IN_FORCE = at('2026-11-01');
/** A rate `source` states to be in force on 2026-11-01; `since`: the day it took effect, when that is recent. */
const sourced = (ratePercent: string, source: string, since?: string): RateWithProvenance => [
  ratePercent,
  { source: since && !source.includes(since) ? `${source}; ${ratePercent} % since ${since}` : source, asOf: IN_FORCE },
];
const eu = (ratePercent: string, since?: string): RateWithProvenance => sourced(ratePercent, EC_VAT_RATES, since);
/** A food rate we could not confirm for coffee beans and tea specifically. */
const unverifiedFood = (ratePercent: string, why: string): RateWithProvenance => [
  ratePercent,
  { source: illustrative(why), asOf: IN_FORCE },
];

/**
 * VAT/GST by destination and category, in percent, each row with its source. EU standard rates from the
 * Commission's table, including the 2024–2026 changes: FI 25.5 % since 2024-09-01 (food 13.5 % since
 * 2026-01-01), SK 23 % since 2025-01-01, EE 24 % since 2025-07-01, RO 21 % since 2025-08-01 (food 11 %), SE
 * food 6 % from 2026-04-01 to 2027-12-31 (temporary cut, Prop. 2025/26:55). US: 0 at our level — sales tax is
 * set by states and localities and the buyer's address, out of scope (a sales-tax service would be needed).
 * CA: the 5 % federal GST only; provincial HST/PST/QST are out of scope. KW: no VAT.
 */
export const TAX_TABLE: { readonly rates: readonly TaxRateRow[] } = {
  rates: [
    ...vat('AT', eu('20'), sourced('10', 'Austrian UStG 1994 § 10 (2) and Annex 1 (food, coffee and tea) — BMF')),
    ...vat('BE', eu('21'), sourced('6', 'Belgian VAT Code, Royal Decree no. 20, Table A (food) — SPF Finances')),
    ...vat(
      'BG',
      eu('20'),
      unverifiedFood('20', 'Bulgaria taxes food at the standard rate as far as we know; not checked for coffee and tea'),
    ),
    ...vat('CY', eu('19'), unverifiedFood('5', 'Cyprus 5 % food rate assumed to cover coffee and tea; not checked')),
    ...vat(
      'CZ',
      eu('21'),
      sourced('12', 'Czech VAT Act 235/2004 § 47 (single reduced rate since 2024-01-01) — Finanční správa', '2024-01-01'),
    ),
    ...vat('DE', eu('19'), sourced('7', 'German UStG § 12 (2) no. 1 and Annex 2 no. 12 (coffee, tea) — BMF')),
    // Denmark has no reduced VAT rate: food is taxed at 25 %.
    ...vat('DK', eu('25'), eu('25')),
    // Estonia's reduced rates (9 %, 13 %) cover books, medicines and accommodation, not food.
    ...vat('EE', eu('24', '2025-07-01'), eu('24', '2025-07-01')),
    ...vat('ES', eu('21'), sourced('10', 'Spanish Ley 37/1992 del IVA, art. 91.Uno.1 (food; coffee and tea at 10 %) — AEAT')),
    ...vat(
      'FI',
      eu('25.5', '2024-09-01'),
      sourced('13.5', 'Finnish VAT Act 1501/1993 § 85 (food), 13.5 % since 2026-01-01 — Vero Skatt', '2026-01-01'),
    ),
    ...vat('FR', eu('20'), sourced('5.5', 'French CGI art. 278-0 bis (food for human consumption) — DGFiP')),
    ...vat('GR', eu('24'), unverifiedFood('13', 'Greek 13 % food rate assumed to cover coffee and tea; not checked')),
    ...vat('HR', eu('25'), unverifiedFood('13', 'Croatian reduced rate for coffee and tea not checked')),
    ...vat('HU', eu('27'), unverifiedFood('27', 'Hungary taxes coffee at the standard rate as far as we know; not checked')),
    // Ireland zero-rates most food, tea and coffee included (VAT Consolidation Act 2010, Schedule 2).
    ...vat('IE', eu('23'), sourced('0', 'Irish VAT Consolidation Act 2010, Schedule 2 (food zero-rated) — Revenue')),
    ...vat('IT', eu('22'), unverifiedFood('22', 'Italy taxes coffee at 22 % (tea at 10 %); one food rate cannot hold both — not checked')),
    ...vat('LT', eu('21'), eu('21')),
    ...vat('LU', eu('17'), sourced('3', 'Luxembourg VAT law art. 40 and Annex A (food at the super-reduced rate) — AED')),
    ...vat('LV', eu('21'), eu('21')),
    ...vat('MT', eu('18'), unverifiedFood('0', 'Malta exempts food with credit; coffee and tea not checked')),
    ...vat('NL', eu('21'), sourced('9', 'Dutch Wet OB 1968, Table I item a.1 (food) — Belastingdienst')),
    ...vat('PL', eu('23'), unverifiedFood('23', 'Poland taxes coffee and tea at 23 % as far as we know; not checked')),
    ...vat('PT', eu('23'), unverifiedFood('23', 'Portugal taxes coffee at the standard rate as far as we know; not checked')),
    ...vat(
      'RO',
      eu('21', '2025-08-01'),
      unverifiedFood('11', 'Romania taxes most food at 11 % since 2025-08-01 (Law 141/2025); coffee and tea not checked'),
    ),
    ...vat(
      'SE',
      eu('25'),
      sourced(
        '6',
        'Swedish VAT Act 2023:200 as amended by Prop. 2025/26:55 (food 6 % from 2026-04-01 to 2027-12-31) — Skatteverket',
        '2026-04-01',
      ),
    ),
    ...vat('SI', eu('22'), unverifiedFood('9.5', 'Slovenian 9.5 % food rate assumed to cover coffee and tea; not checked')),
    ...vat(
      'SK',
      eu('23', '2025-01-01'),
      unverifiedFood('19', 'Slovak food rates (5 % / 19 %) since 2025; which covers coffee and tea not checked'),
    ),
    // The UK zero-rates food, coffee beans and tea included (VAT Act 1994 Sch. 8 Group 1; HMRC VAT Notice 701/14,
    // "Food products"); its 5 % reduced rate (domestic fuel, children's car seats, …) covers nothing we sell.
    ...vat(
      'GB',
      sourced('20', 'HMRC, VAT rates on different goods and services'),
      sourced('0', 'HMRC VAT Notice 701/14 (food zero-rated; VAT Act 1994 Sch. 8 Group 1)'),
    ),
    ...vat(
      'CH',
      sourced('8.1', 'Swiss MWSTG Art. 25 — ESTV/AFC, rates since 2024-01-01', '2024-01-01'),
      sourced('2.6', 'Swiss MWSTG Art. 25 (2) (food) — ESTV/AFC, rates since 2024-01-01', '2024-01-01'),
    ),
    ...vat('NO', sourced('25', 'Norwegian VAT Act § 5-1 — Skatteetaten'), sourced('15', 'Norwegian VAT Act § 5-2 (food) — Skatteetaten')),
    ...vat(
      'US',
      sourced('0', 'Out of scope: US sales tax is set by states and localities (not collected by us at this level)'),
      sourced('0', 'Out of scope: US sales tax is set by states and localities'),
    ),
    // Basic groceries, coffee beans and tea included, are zero-rated (Excise Tax Act Sch. VI Part III).
    ...vat(
      'CA',
      sourced('5', 'Canada Revenue Agency, GST 5 % (federal; provincial HST/PST/QST out of scope)'),
      sourced('0', 'Excise Tax Act Sch. VI Part III (basic groceries zero-rated) — CRA'),
    ),
    // Basic food (coffee beans, tea) is GST-free (A New Tax System (GST) Act 1999 s. 38-2).
    ...vat('AU', sourced('10', 'Australian Taxation Office, GST 10 %'), sourced('0', 'ATO, GST-free food (GST Act 1999 s. 38-2)')),
    ...vat(
      'JP',
      sourced('10', 'National Tax Agency Japan, consumption tax 10 %'),
      sourced('8', 'National Tax Agency Japan, reduced rate 8 % (food and beverages except alcohol)'),
    ),
    // Only unprocessed food is VAT-exempt in Korea; roasted coffee and processed tea are taxed at 10 %.
    ...vat(
      'KR',
      sourced('10', 'National Tax Service Korea, VAT Act art. 30 (10 %)'),
      sourced('10', 'National Tax Service Korea, VAT Act art. 26 (only unprocessed food exempt)'),
    ),
    ...vat(
      'SG',
      sourced('9', 'IRAS, GST 9 % since 2024-01-01', '2024-01-01'),
      sourced('9', 'IRAS, GST 9 % (no reduced rate for food)', '2024-01-01'),
    ),
    ...vat(
      'AE',
      sourced('5', 'UAE Federal Tax Authority, VAT 5 % (Federal Decree-Law 8/2017)'),
      sourced('5', 'UAE Federal Tax Authority (food at the standard rate)'),
    ),
    ...vat(
      'KW',
      sourced('0', 'Kuwait has not introduced VAT (GCC VAT framework not implemented) — Kuwait Ministry of Finance'),
      sourced('0', 'Kuwait has not introduced VAT'),
    ),
  ],
};

/** A duty rate as seeded, with the provenance of the tariff it comes from. */
export type DutyRateRow = DutyRate & Provenance;

/** One destination's (or customs union's) tariff, summarised for the HS headings the catalog uses. */
type Tariff = {
  readonly destinations: readonly string[];
  readonly source: string;
  readonly asOf: Date;
  readonly rates: Readonly<Record<string, string>>;
};

function rowsOf(tariff: Tariff): DutyRateRow[] {
  return tariff.destinations.flatMap((destination) =>
    Object.entries(tariff.rates).map(([hsPrefix, ratePercent]) => ({
      destination,
      hsPrefix,
      ratePercent,
      source: tariff.source,
      asOf: tariff.asOf,
    })),
  );
}

/** The 27 EU member states: one customs union, one Common Customs Tariff (see CUSTOMS_UNIONS in domain/duty.ts). */
export const EU_MEMBER_STATES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

const TARIFF_AS_OF = at('2026-01-01');

/**
 * Ad valorem MFN duty rates by HS prefix (chapter 2 / heading 4 / subheading 6 digits); the most specific prefix
 * wins. Chapters the catalog uses: 09 coffee/tea, 22 beverages (sake), 33 cosmetics and perfume, 61/62 apparel,
 * 64 footwear, 73 cast-iron cookware, 82 kitchen hand tools, 85 electronics (plus 42 leather goods and 95 toys).
 * Origin-based surcharges (US tariffs by origin, preferential rates under FTAs) and specific duties (per kg,
 * litre, pair) are not modelled: where the real tariff is specific, the value is a rough ad valorem equivalent.
 * We summarised these tariffs line by line without an authoritative check of each, so every table is marked
 * illustrative; the table names the tariff to check against.
 */
export const TARIFFS: readonly Tariff[] = [
  {
    destinations: EU_MEMBER_STATES,
    source: illustrative('EU Common Customs Tariff (Reg. (EEC) 2658/87 Annex I, CN 2026; TARIC), summarised'),
    asOf: TARIFF_AS_OF,
    rates: {
      '09': '0',
      '090121': '7.5',
      '090210': '3.2',
      '22': '5',
      '2202': '9.6',
      '33': '0',
      '42': '3',
      '420292': '9.7',
      '61': '12',
      '62': '12',
      '64': '8',
      '6402': '16.9',
      '6404': '17',
      '73': '3.2',
      '82': '2.7',
      '85': '2.7',
      '8517': '0',
      '8518': '2',
      '8528': '14',
      '95': '0',
    },
  },
  {
    destinations: ['GB'],
    source: illustrative('UK Global Tariff (Trade Tariff, HMRC), summarised'),
    asOf: TARIFF_AS_OF,
    rates: {
      '09': '0',
      '090121': '6',
      '22': '5',
      '2202': '8',
      '33': '0',
      '42': '2',
      '420292': '8',
      '61': '12',
      '62': '12',
      '64': '8',
      '6402': '16',
      '6404': '16',
      '73': '2',
      '82': '2',
      '85': '2',
      '8517': '0',
      '8528': '14',
      '95': '0',
    },
  },
  {
    destinations: ['US'],
    source: illustrative('US HTSUS, general (MFN) column, summarised; origin-based additional duties not modelled'),
    asOf: TARIFF_AS_OF,
    rates: {
      '09': '0',
      '22': '2',
      '33': '0',
      '42': '8',
      '420221': '9',
      '61': '15',
      '6109': '16.5',
      '62': '15',
      '64': '10',
      '6404': '20',
      '73': '0',
      '82': '3',
      '85': '0',
      '8518': '4.9',
      '95': '0',
    },
  },
  {
    destinations: ['JP'],
    source: illustrative('Japan Customs tariff schedule (statistical code), summarised'),
    asOf: TARIFF_AS_OF,
    rates: {
      '09': '0',
      '090121': '12',
      '22': '15',
      '33': '0',
      '42': '10',
      '61': '10',
      '62': '9',
      '64': '27',
      '73': '0',
      '82': '0',
      '85': '0',
      '95': '0',
    },
  },
  {
    // Switzerland abolished industrial tariffs on 1 January 2024; agricultural duties are per kg gross weight,
    // shown here as a rough ad valorem equivalent.
    destinations: ['CH'],
    source: illustrative(
      'Swiss customs tariff Tares (BAZG), industrial tariffs abolished 2024-01-01; agricultural per-kg duties approximated',
    ),
    asOf: TARIFF_AS_OF,
    rates: { '09': '0', '22': '8', '33': '0', '42': '0', '61': '0', '62': '0', '64': '0', '73': '0', '82': '0', '85': '0', '95': '0' },
  },
  {
    // Norway levies duty on few industrial goods (some apparel); agricultural goods carry per-kg duties.
    destinations: ['NO'],
    source: illustrative('Norwegian customs tariff (Tolltariffen, Tolletaten), summarised'),
    asOf: TARIFF_AS_OF,
    rates: {
      '09': '0',
      '22': '0',
      '33': '0',
      '42': '0',
      '61': '10.7',
      '62': '10.7',
      '64': '0',
      '73': '0',
      '82': '0',
      '85': '0',
      '95': '0',
    },
  },
  {
    destinations: ['CA'],
    source: illustrative('Canadian Customs Tariff (CBSA), MFN column, summarised; CUSMA preferences not modelled'),
    asOf: TARIFF_AS_OF,
    rates: {
      '09': '0',
      '22': '0',
      '33': '6.5',
      '3303': '0',
      '42': '8',
      '61': '18',
      '62': '18',
      '64': '18',
      '73': '0',
      '82': '3',
      '85': '0',
      '95': '0',
    },
  },
  {
    // Australia's general rate is 5 %; many electronics and foods are free.
    destinations: ['AU'],
    source: illustrative('Australian Customs Tariff Act 1995 Schedule 3 (ABF), general rate, summarised'),
    asOf: TARIFF_AS_OF,
    rates: {
      '09': '0',
      '22': '5',
      '33': '5',
      '42': '5',
      '61': '5',
      '62': '5',
      '64': '5',
      '73': '5',
      '82': '5',
      '85': '0',
      '8518': '5',
      '95': '0',
    },
  },
  {
    destinations: ['KR'],
    source: illustrative('Korea Customs Service tariff schedule (basic rates), summarised'),
    asOf: TARIFF_AS_OF,
    rates: {
      '09': '8',
      '22': '15',
      '33': '6.5',
      '42': '8',
      '61': '13',
      '62': '13',
      '64': '13',
      '73': '8',
      '82': '8',
      '85': '0',
      '8518': '8',
      '95': '8',
    },
  },
  {
    // Korea protects its tea growers: green tea (HS 0902.10, matcha included) outside the tariff-rate quota pays
    // 513.6 % — the WTO-bound rate Korea applies (or KRW 1,800/kg, whichever is greater; the per-kg alternative is
    // not modelled). In-quota imports (a small TRQ at 40 %) are not modelled either: a shopper's parcel is out of quota.
    destinations: ['KR'],
    source: illustrative(
      'Korea Customs Service tariff schedule, HS 0902.10 green tea: 513.6 % out-of-quota (WTO bound rate, Schedule LX); figure from the schedule as summarised, not re-checked against the current KCS tariff',
    ),
    asOf: TARIFF_AS_OF,
    rates: { '090210': '513.6' },
  },
  {
    // Singapore levies customs duty only on liquor, tobacco, motor vehicles and petroleum; liquor duty is per
    // litre of alcohol (approximated as 0 ad valorem here).
    destinations: ['SG'],
    source: illustrative('Singapore Customs, dutiable goods (liquor per litre of alcohol approximated)'),
    asOf: TARIFF_AS_OF,
    rates: { '09': '0', '22': '0', '33': '0', '42': '0', '61': '0', '62': '0', '64': '0', '73': '0', '82': '0', '85': '0', '95': '0' },
  },
  {
    // GCC common external tariff: 5 % on most goods, 50 % on alcoholic beverages. Kuwait bans alcohol imports —
    // refusing such a shipment is fulfillment's compliance check, not pricing's — so KW has no chapter 22 rate.
    destinations: ['AE'],
    source: illustrative(
      'GCC Common Customs Tariff (UAE Federal Authority for Identity, Citizenship, Customs & Port Security), summarised',
    ),
    asOf: TARIFF_AS_OF,
    rates: { '09': '5', '22': '50', '33': '5', '42': '5', '61': '5', '62': '5', '64': '5', '73': '5', '82': '5', '85': '5', '95': '5' },
  },
  {
    destinations: ['KW'],
    source: illustrative('GCC Common Customs Tariff (Kuwait General Administration of Customs), summarised'),
    asOf: TARIFF_AS_OF,
    rates: { '09': '5', '33': '5', '42': '5', '61': '5', '62': '5', '64': '5', '73': '5', '82': '5', '85': '5', '95': '5' },
  },
];

/** Every duty rate to seed, each with its tariff's source and date. */
export const DUTY_TABLE: { readonly rates: readonly DutyRateRow[] } = { rates: TARIFFS.flatMap(rowsOf) };

function marketCurrencyOf(country: string): string {
  const found = MARKETS.find((candidate) => candidate.country === country);
  if (!found) throw new Error(`No market ${country} for its de minimis threshold`);
  return found.currency;
}

/** A euro amount in `currency` at the ECB sample's rate, rounded down to whole units (never above the euro figure). */
function euroAmountIn(euros: string, currency: string) {
  if (currency === 'EUR') return moneyFromDecimal(new Decimal(euros).toFixed(2), 'EUR');
  const rate = loadEcbSample().rates.find((candidate) => candidate.quote === currency);
  if (!rate) throw new Error(`The ECB sample has no EUR/${currency} rate for a de minimis threshold`);
  return moneyFromDecimal(new Decimal(euros).times(rate.rate).toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(0), currency);
}

/** The day the low-value rules below were read against the law memo's sources. */
const LOW_VALUE_RULES_READ = at('2026-12-07');

/**
 * The EU's temporary flat customs duty on low-value e-commerce consignments, which replaced the €150 duty relief
 * (Reg. (EC) 1186/2009 Art. 23) on 2026-07-01: €3 per item on B2C distance-sale consignments of intrinsic value up
 * to €150, until 2028-07-01, after which the normal tariff applies whatever the value (unless extended). An "item"
 * is each distinct tariff classification and origin declared, however many units ("1 silk blouse and 2 wool
 * blouses: two items, €6"): see `flatDutyItemOf`. Read only in secondary sources (Council press release as
 * reported; Baker McKenzie, 2 July 2026; WiseTech Academy; a Spanish customs practitioner), not in the OJ text.
 */
export const EU_LOW_VALUE_REGIME: LowValueRegime = {
  kind: 'FLAT_PER_TARIFF_SUBHEADING',
  name: 'EU low-value flat duty',
  amountPerSubheading: moneyFromDecimal('3.00', 'EUR'),
  valueCeiling: moneyFromDecimal('150.00', 'EUR'),
  // 1 July 2026 at midnight UTC stands in for each member state's own midnight (22:00 UTC the day before in Berlin).
  validFrom: at('2026-07-01'),
  // "until 1 July 2028": read as exclusive (the first day without it); whether 1 July itself is covered is unverified.
  validTo: at('2028-07-01'),
  after: 'ORDINARY_TARIFF',
  // Per the Commission's guide as reported, alcohol, perfume and tobacco — excluded from the old relief — are covered.
  excludedHsPrefixes: [],
  source:
    'Council Regulation (EU) 2026/382 and Commission Delegated Regulation (EU) 2026/1022 (OJ L 1.7.2026): €3 per item (distinct tariff classification and origin declared) on B2C distance-sale consignments of intrinsic value ≤ €150, 2026-07-01 until 2028-07-01, then normal duties; read in Baker McKenzie (2026-07-02), WiseTech Academy and the Council press release as reported, not the OJ text',
  asOf: LOW_VALUE_RULES_READ,
  verified: false,
  note: 'Unverified (secondary sources only). Scope: all B2C distance sales ≤ €150 whatever the VAT scheme (Baker McKenzie, the later text) rather than IOSS only (Council release of Dec 2025). Alcohol, perfume and tobacco are covered (Commission guide per WiseTech; "per Commission guide (secondary)"), so the ad valorem exclusion kept until now is dropped while the regime is in force; before 2026-07-01 the Art. 24 exclusion of the old relief still applies. Item = (tariff subheading, origin): the HS-6 precision of an H7 declaration; an H1 declaration at 10 digits may count more items (not modelled). Not modelled: goods claiming a preference declared in H1 outside IOSS are outside the €3 (secondary, unverified) — our ≤ €150 EU imports go under IOSS/H7, where the €3 applies whatever the origin proof.',
};

/** Switzerland's waiver on the import VAT amount: CHF 5.00 or less per assessment is not levied. */
export const CH_IMPORT_TAX_WAIVER: ImportTaxWaiver = {
  amount: moneyFromDecimal('5.00', 'CHF'),
  source:
    'Verordnung des EFD über die steuerbefreite Einfuhr von Gegenständen in kleinen Mengen, von unbedeutendem Wert oder mit geringfügigem Steuerbetrag (SR 641.204) Art. 1 let. d: tax amount per assessment decision not more than CHF 5 (read in an unofficial mirror)',
  asOf: at('2026-12-07'),
};

const carrierFeeOf = (amount: string, currency: string, what: string): CarrierFee => ({
  amount: moneyFromDecimal(amount, currency),
  source: illustrative(`${what}; a carrier's price list, not checked against its current one`),
  asOf: at('2026-12-07'),
  illustrative: true,
});

/** What our carrier charges the recipient for advancing duty and import tax, in the DAP markets. */
export const CARRIER_FEES: Readonly<Record<string, CarrierFee>> = {
  CH: carrierFeeOf('11.50', 'CHF', 'Swiss courier customs-clearance (disbursement) fee for private recipients'),
  US: carrierFeeOf('10.00', 'USD', 'US courier disbursement fee for advancing duty'),
  CA: carrierFeeOf('9.95', 'CAD', 'Canadian courier/postal handling fee for collecting duty and GST/HST'),
  KR: carrierFeeOf('5000', 'KRW', 'Korean courier customs-clearance fee'),
  AE: carrierFeeOf('30.00', 'AED', 'UAE courier duty-and-tax advancement fee'),
};

/**
 * Japan's designated articles the ¥10,000 exemption does not cover (Customs Tariff Act Enforcement Order Art. 16-3
 * and its annexed list, from a secondary summary): knitted garments, footwear, leather bags and leather clothing.
 * Rice, milk, meat preparations, salt and imitation goods are on the list too but not in our catalog.
 */
const JP_DESIGNATED_ARTICLES = ['61', '64', '420211', '420221', '420231', '420291', '4203'];

/** Alcoholic beverages (CN/HS 2203–2208: beer, wine, sake, spirits) and tobacco (24). */
const ALCOHOL_AND_TOBACCO = ['2203', '2204', '2205', '2206', '2207', '2208', '24'];

/**
 * Canada's CUSMA courier thresholds for parcels shipped FROM the US or Mexico (place of direct shipment, not
 * origin): up to CAD 40 duty and tax free; CAD 40.01–150 duty free, GST/HST due; above CAD 150 both.
 */
export const CA_CUSMA_COURIER: ShipFromThresholds = {
  shipFrom: ['US', 'MX'],
  dutyThreshold: moneyFromDecimal('150.00', 'CAD'),
  taxThreshold: moneyFromDecimal('40.00', 'CAD'),
  excludedHsPrefixes: [],
  validFrom: at('2020-07-01'),
  validTo: null,
  source:
    'CBSA, "CUSMA: What importers need to know – Increase to low-value shipment thresholds": imported by courier from the US and Mexico, up to $40 duty and tax free, above $40 to $150 duty free but taxes apply; Customs Notice 20-18',
  asOf: LOW_VALUE_RULES_READ,
  verified: true,
  note: 'Courier only (postal from the US stays CAD 20); chosen by the parcel warehouse country. A product page assumes it ships from the goods origin, as it does for dutiability and preferences.',
};

/**
 * Korea's USD 200 for list-clearance goods shipped from the US. Goods excluded from list clearance (food — coffee
 * and tea included —, health supplements, medicines, cosmetics, perfume) go through general clearance at USD 150,
 * and one of them moves the whole parcel there.
 */
export const KR_US_LIST_CLEARANCE: ShipFromThresholds = {
  shipFrom: ['US'],
  dutyThreshold: moneyFromDecimal('200.00', 'USD'),
  taxThreshold: moneyFromDecimal('200.00', 'USD'),
  excludedHsPrefixes: ['04', '09', '16', '17', '18', '19', '20', '21', '30', '3303', '3304'],
  validFrom: at('2020-12-01'),
  validTo: null,
  source:
    'KCS express-consignment notice (특송물품 수입통관 사무처리에 관한 고시): list clearance USD 200 for goods from the US; read only in secondary sources (a-ha.io broker answer, epyqh.asia, boxoregon.com)',
  asOf: LOW_VALUE_RULES_READ,
  verified: false,
  note: 'Unverified (secondary only). Only functional cosmetics are excluded from list clearance, but HS 3304 does not tell an SPF cream from a serum: all of 3304 is treated as general clearance, and perfume (3303) too since the 60 ml cut-off is not checked (never an undercharge). validFrom is the PCCC date, not the tier own start (not found).',
};

/** Where the EU's threshold basis comes from: "intrinsic value" excludes transport and insurance. */
const EU_INTRINSIC_VALUE =
  'Commission Delegated Regulation (EU) 2015/2446 Art. 1(48): "intrinsic value" — the price of the goods themselves, excluding transport and insurance costs';

/**
 * Low-value thresholds per destination, in its currency; a value AT the threshold is exempt, only a higher one
 * owes (see `assessConsignmentDuty`). `null` = no threshold, always owed. `thresholdBasis` says what a threshold
 * is compared with: the goods' intrinsic value (EU, UK, AU, NO) or the customs value on the destination's basis
 * (the default) — duty itself is always on the customs value.
 */
export const DE_MINIMIS: readonly DeMinimis[] = [
  ...EU_MEMBER_STATES.map(
    (destination): DeMinimis => ({
      destination,
      // The relief as it stood until 2026-06-30, still applied to prices at an earlier clock. The EU states €150; a
      // non-euro member state applies its national-currency equivalent (CCT Reg. (EEC) 2658/87 Art. 18: at the rate
      // of the first working day of October, for the next year) — here converted at the ECB sample's rate and
      // rounded down to whole units.
      dutyThreshold: euroAmountIn('150', marketCurrencyOf(destination)),
      // No import-VAT de minimis since the e-commerce VAT package of 1 July 2021.
      taxThreshold: null,
      // The relief "shall not apply to" alcoholic products (CN 2203–2208: beer, wine, sake, spirits — not the
      // water and soft drinks of 2201/2202), perfumes and toilet waters (3303), tobacco and tobacco products (24):
      // Reg. (EC) 1186/2009 Art. 24.
      dutyReliefExcludedHsPrefixes: ['2203', '2204', '2205', '2206', '2207', '2208', '24', '3303'],
      thresholdBasis: 'INTRINSIC_VALUE',
      thresholdBasisSource: EU_INTRINSIC_VALUE,
      // From 2026-07-01 the flat €3 per tariff subheading replaces the relief; its euro amounts are converted into a
      // non-euro member state's currency at the reference rate when a price is computed (see `deMinimisIn`).
      lowValueRegime: EU_LOW_VALUE_REGIME,
      asOf: at('2026-07-01'),
      source:
        'EU duty relief Reg. (EC) 1186/2009 Art. 23–24 (≤ €150, until 2026-06-30), replaced from 2026-07-01 by the €3 flat duty of Council Reg. (EU) 2026/382 (see lowValueRegime); no VAT de minimis since the 2021 e-commerce package',
    }),
  ),
  {
    destination: 'GB',
    // No customs duty on consignments up to £135; VAT is always due (charged at sale up to £135).
    dutyThreshold: moneyFromDecimal('135.00', 'GBP'),
    taxThreshold: null,
    // The £135 is on the goods' intrinsic value; duty above it is on the CIF customs value.
    thresholdBasis: 'INTRINSIC_VALUE',
    thresholdBasisSource:
      'HMRC, VAT and overseas goods sold directly to customers in the UK: £135 is the intrinsic value of the consignment (the goods, excluding transport and insurance)',
    asOf: at('2026-11-01'),
    source: 'HMRC, VAT and overseas goods sold directly to customers in the UK (consignments not exceeding £135: no duty, VAT at sale)',
  },
  {
    destination: 'US',
    // The $800 de minimis (Section 321) is suspended for all countries since 29 August 2025: duty on every parcel,
    // so there is no threshold to compare anything with.
    dutyThreshold: null,
    taxThreshold: null,
    thresholdBasisSource: 'No threshold: nothing is compared (duty on every parcel since 2025-08-29)',
    asOf: at('2026-11-01'),
    source: 'US Executive Order 14324 suspending duty-free de minimis treatment for all countries, effective 2025-08-29 (CBP)',
    carrierFee: CARRIER_FEES['US']!,
  },
  {
    destination: 'JP',
    // Duty and import consumption tax are waived when the total customs value is ¥10,000 or less — except on the
    // designated articles (knitted garments 61, footwear 64, leather bags 4202.x1, leather clothing 4203…), which owe
    // both at any value. Liquor and tobacco tax are never waived: the liquor tax is a levy (JP_LIQUOR_TAX in levies.ts).
    dutyThreshold: moneyFromDecimal('10000', 'JPY'),
    taxThreshold: moneyFromDecimal('10000', 'JPY'),
    dutyReliefExcludedHsPrefixes: JP_DESIGNATED_ARTICLES,
    taxReliefExcludedHsPrefixes: JP_DESIGNATED_ARTICLES,
    thresholdBasis: 'CUSTOMS_VALUE',
    thresholdBasisSource: 'Japan Customs, Customs Answer 1006: total customs value per declaration (per package for parcel post)',
    asOf: at('2026-12-07'),
    source: illustrative(
      'Japan Customs, Customs Answer 1006 (≤ ¥10,000 exempt from duty and consumption tax, not for designated articles; read); the designated-article list from a secondary source (importsquare.com)',
    ),
  },
  {
    destination: 'CH',
    // No value threshold: import VAT of CHF 5.00 or less per assessment is not levied (a TAX AMOUNT, on a base of
    // the goods, transport to the destination and duty: about CHF 62 of goods at 8.1 %, CHF 192 at 2.6 %); duty
    // (mostly 0 % since 2024) has no relief.
    dutyThreshold: null,
    taxThreshold: null,
    importTaxWaiver: CH_IMPORT_TAX_WAIVER,
    carrierFee: CARRIER_FEES['CH']!,
    thresholdBasis: 'CUSTOMS_VALUE',
    thresholdBasisSource:
      'MWSTG Art. 54(1)(a) and (3)(b): import VAT on the consideration plus transport to the first domestic destination (CIF)',
    asOf: at('2026-12-07'),
    source: 'SR 641.204 Art. 1 let. d (import VAT ≤ CHF 5 per assessment not levied), read in an unofficial mirror of the federal text',
  },
  {
    destination: 'NO',
    // No border relief: VAT on every import since 2024-01-01 (the NOK 350 exemption ended). Goods under NOK 3,000
    // per item travel under VOEC (the NO_VOEC scheme row: VAT at sale, no duty); all others are border-cleared with
    // VAT and duty — whether a duty relief survives for them was not checked, so none is assumed (never undercharged).
    dutyThreshold: null,
    taxThreshold: null,
    thresholdBasis: 'INTRINSIC_VALUE',
    thresholdBasisSource:
      'Tolletaten: VAT on all purchases from abroad since 2024-01-01; VOEC per item on the price without shipping (NO_VOEC)',
    asOf: at('2026-12-07'),
    source: illustrative(
      'Tolletaten, "From 1 January 2024, you must pay VAT on all purchases from abroad"; duty relief for non-VOEC goods not checked',
    ),
  },
  {
    destination: 'CA',
    // Courier imports from any country but the US and Mexico: duty and tax free up to CAD 20 (value for duty, FOB).
    // Parcels shipped FROM the US or Mexico: the CUSMA tier (CA_CUSMA_COURIER). Alcohol and tobacco never benefit.
    dutyThreshold: moneyFromDecimal('20.00', 'CAD'),
    taxThreshold: moneyFromDecimal('20.00', 'CAD'),
    dutyReliefExcludedHsPrefixes: ALCOHOL_AND_TOBACCO,
    taxReliefExcludedHsPrefixes: ALCOHOL_AND_TOBACCO,
    shipFromThresholds: [CA_CUSMA_COURIER],
    thresholdBasis: 'CUSTOMS_VALUE',
    thresholdBasisSource:
      'CBSA Courier Imports Remission Order: value for duty (transaction value, FOB in Canada: transport from the place of export excluded)',
    asOf: LOW_VALUE_RULES_READ,
    source:
      'CBSA, "CUSMA: What importers need to know – Increase to low-value shipment thresholds" (courier, any other country: up to $20 duty and tax free; exceptions: alcohol, cannabis, cigars, cigarettes, tobacco, publications) and Customs Notice 20-18',
    verified: true,
    note: 'Courier mode assumed for all our parcels (postal shipments keep CAD 20 from the US too). A mixed parcel with alcohol owes GST/HST on the whole parcel (never an undercharge).',
    carrierFee: CARRIER_FEES['CA']!,
  },
  {
    destination: 'AU',
    // No duty or border GST up to AUD 1,000, but the seller collects GST on such low-value imports at sale (AU_LVIG).
    // GST is owed at the border on what the seller does not collect (alcohol and tobacco at any value, consignments
    // over AUD 1,000): no tax threshold is modelled, so a border-cleared consignment always owes it.
    dutyThreshold: moneyFromDecimal('1000.00', 'AUD'),
    taxThreshold: null,
    // "If goods are alcohol or tobacco products imported into Australia, other taxes and duties will apply at the border."
    dutyReliefExcludedHsPrefixes: ['2203', '2204', '2205', '2206', '2207', '2208', '24'],
    // A$1,000 is the customs value of the goods (FOB in Australia), without transport and insurance: their intrinsic value.
    thresholdBasis: 'INTRINSIC_VALUE',
    thresholdBasisSource:
      'ATO, GST on low value imported goods: low value goods have a customs value of A$1,000 or less (customs value excludes transport and insurance)',
    asOf: at('2026-11-01'),
    source: 'ATO, GST on low value imported goods (AUD 1,000 or less: GST at sale); ABF low-value threshold',
  },
  {
    destination: 'KR',
    // Small-amount exemption: no duty or VAT when the goods price is USD 150 or less (stated in USD, converted at
    // the reference rate when a price is computed); USD 200 for list-clearance goods shipped from the US
    // (KR_US_LIST_CLEARANCE). Alcohol and tobacco are never exempt.
    dutyThreshold: moneyFromDecimal('150.00', 'USD'),
    taxThreshold: moneyFromDecimal('150.00', 'USD'),
    dutyReliefExcludedHsPrefixes: ALCOHOL_AND_TOBACCO,
    taxReliefExcludedHsPrefixes: ALCOHOL_AND_TOBACCO,
    shipFromThresholds: [KR_US_LIST_CLEARANCE],
    recipientCustomsCode: {
      name: 'Personal Customs Clearance Code (PCCC, 개인통관고유부호)',
      source:
        'KCS express-consignment notice (특송물품 수입통관 사무처리에 관한 고시) as amended 2020-12-01: the PCCC must be submitted for list clearance; read only in secondary sources (Japanq 2020-11-27, a-ha.io)',
      asOf: LOW_VALUE_RULES_READ,
      validFrom: at('2020-12-01'),
      verified: false,
      note: 'Unverified (secondary). Without it list clearance is impossible and the parcel needs a general import declaration (USD 150 exemption on application): the quote still prices, the declaration says it is missing. Annual renewal from 2026 (secondary) is not checked here.',
    },
    thresholdBasis: 'INTRINSIC_VALUE',
    thresholdBasisSource:
      'Customs Act Enforcement Rule Art. 45(2)(4) as summarised: goods price excluding international freight and insurance (unverified; one secondary source counts freight)',
    asOf: LOW_VALUE_RULES_READ,
    source:
      'Customs Act (관세법) Art. 94 item 4; Enforcement Rule Art. 45(2)(4); KCS express-consignment notice — read only in secondary sources (a licensed broker on a-ha.io, forwarders)',
    verified: false,
    note: 'Unverified (secondary only). USD 150 any origin; the KCS weekly customs rate is approximated by the reference rate. Alcohol and tobacco never exempt (secondary). The PCCC is asked for on KR quotes (ShipToInput.personalCustomsCode).',
    carrierFee: CARRIER_FEES['KR']!,
  },
  {
    destination: 'SG',
    // Air parcels up to SGD 400 enter without border GST (the seller charges GST at sale under the OVR regime);
    // Singapore charges customs duty only on liquor, tobacco, vehicles and petroleum, at any value.
    dutyThreshold: moneyFromDecimal('400.00', 'SGD'),
    taxThreshold: null,
    dutyReliefExcludedHsPrefixes: ['2203', '2204', '2205', '2206', '2207', '2208', '24', '27', '87'],
    thresholdBasis: 'CUSTOMS_VALUE',
    thresholdBasisSource: 'Singapore Customs, import GST relief for goods imported by air: total CIF value not exceeding SGD 400',
    asOf: at('2026-11-01'),
    source: 'Singapore Customs and IRAS, GST on low-value goods (SGD 400 or less: GST at sale since 2023-01-01)',
  },
  {
    destination: 'AE',
    dutyThreshold: moneyFromDecimal('1000.00', 'AED'),
    taxThreshold: null,
    thresholdBasis: 'CUSTOMS_VALUE',
    thresholdBasisSource: illustrative(
      'GCC Common Customs Law Art. 98: consignments of negligible value, on the CIF customs value; not re-checked',
    ),
    asOf: at('2026-11-01'),
    source: illustrative('GCC duty exemption for consignments up to AED 1,000; VAT on imports assumed always due'),
    carrierFee: CARRIER_FEES['AE']!,
  },
  {
    destination: 'KW',
    dutyThreshold: moneyFromDecimal('100.000', 'KWD'),
    taxThreshold: null,
    thresholdBasis: 'CUSTOMS_VALUE',
    thresholdBasisSource: illustrative('GCC Common Customs Law Art. 98, CIF customs value assumed; not re-checked'),
    asOf: at('2026-11-01'),
    source: illustrative('No authoritative source checked'),
  },
];

/** The UAE dirham's peg to the US dollar, fixed by the Central Bank of the UAE since 1997: 3.6725 AED per USD. */
export const AED_PER_USD = '3.6725';

/**
 * Rates the ECB does not publish, from a named non-ECB source, stamped at the ECB sample's moment so cross rates
 * are not flagged stale against each other. KWD: the dinar is pegged to an undisclosed basket (~3.25 USD per
 * KWD); EUR/KWD ≈ EUR/USD ÷ 3.26, illustrative. AED: derived from the sample's EUR/USD and the CBUAE peg
 * (EUR/AED = EUR/USD × 3.6725, rounded half-up to 4 decimals) — as illustrative as the sample it is derived from.
 */
export const ILLUSTRATIVE_FX_RATES: readonly FxRate[] = (() => {
  const sample = loadEcbSample();
  const eurUsd = sample.rates.find((rate) => rate.quote === 'USD');
  if (!eurUsd) throw new Error('The ECB sample has no EUR/USD rate to derive EUR/AED from');
  return [
    { base: 'EUR', quote: 'KWD', rate: '0.3535', source: 'illustrative', asOf: new Date('2026-11-24T15:00:00Z') },
    {
      base: 'EUR',
      quote: 'AED',
      rate: new Decimal(eurUsd.rate).times(AED_PER_USD).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
      source: `derived: ECB EUR/USD × CBUAE peg ${AED_PER_USD} AED per USD (illustrative)`,
      asOf: eurUsd.asOf,
    },
  ];
})();

/** Every FX rate to seed: the ECB sample plus the illustrative ones it lacks. */
export function seedFxRates(): FxRate[] {
  return [...loadEcbSample().rates, ...ILLUSTRATIVE_FX_RATES];
}

/** At most this many ECB business days of carried-forward rates are seeded (a bounded seed however late it runs). */
export const FX_CARRY_FORWARD_MAX_DAYS = 10;

/** The `source` of a carried-forward rate: not published by the ECB on that day. */
export const CARRIED_FORWARD_SOURCE = 'illustrative';

/** Days the ECB publishes no reference rates besides weekends: TARGET's fixed closing days (Easter is ignored). */
const TARGET_FIXED_CLOSING_DAYS = new Set(['01-01', '05-01', '12-25', '12-26']);

/**
 * The demo FX history, fresh on the day it is seeded: the dated sample (the ECB sample of 2026-11-24 plus KWD),
 * then the same rates carried forward — stamped `source: 'illustrative'`, never 'ECB' — to every ECB business
 * day after the sample whose 16:00 Frankfurt fixing is at or before `now` (the last {@link
 * FX_CARRY_FORWARD_MAX_DAYS} of them). Seeded with the demo clock (`MERIDIAN_NOW=2026-11-25T10:00:00Z`) it is
 * exactly the sample, so the README's answers hold; seeded by an unpinned `npm start`, the newest rate is at most
 * one business day old, so prices are not flagged `stale`. A rate dated after the clock is never used (the
 * pricing subgraph picks the newest rate at or before now), so a history seeded later still answers the pinned
 * demo exactly. Real rates come from `npm run import:ecb` (source 'ECB').
 */
export function seedFxRateHistory(now: Date): FxRate[] {
  const sample = seedFxRates();
  const sampleDay = DateTime.fromJSDate(loadEcbSample().asOf, { zone: 'Europe/Berlin' }).startOf('day');
  const carried: DateTime[] = [];
  for (let day = sampleDay.plus({ days: 1 }); ; day = day.plus({ days: 1 })) {
    const fixing = day.set({ hour: 16, minute: 0 });
    if (fixing.toMillis() > now.getTime()) break;
    if (day.weekday >= 6 || TARGET_FIXED_CLOSING_DAYS.has(day.toFormat('MM-dd'))) continue;
    carried.push(fixing);
  }
  return [
    ...sample,
    ...carried
      .slice(-FX_CARRY_FORWARD_MAX_DAYS)
      .flatMap((fixing) => sample.map((rate) => ({ ...rate, source: CARRIED_FORWARD_SOURCE, asOf: fixing.toJSDate() }))),
  ];
}
