/**
 * Levies and excise: charges that are neither VAT/GST nor customs duty (see subgraphs/pricing/domain/levy.ts). Each
 * row carries its legal source, `asOf` (the day the source was read: 2026-12-07, law memo of issue #23, sections 11
 * and 12), its validity and whether its decisive text was read from a primary source (`verified`); `npm run
 * data:check` lists them, the unverified ones as such.
 */
import type { Levy } from '../../subgraphs/pricing/domain/levy.ts';
import { moneyFromDecimal } from '../../subgraphs/pricing/domain/money.ts';

const at = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** The day the sources below were read (law memo of issue #23). */
const READ = at('2026-12-07');

export const LEVIES: readonly Levy[] = [
  {
    code: 'DE_COFFEE_TAX',
    name: 'Coffee tax (Kaffeesteuer)',
    destination: 'DE',
    kind: 'EXCISE',
    basis: 'PER_KG_NET',
    amount: null,
    // CN 0901 2x: roasted coffee (decaffeinated or not); CN 2101 11: extracts, essences and concentrates (soluble).
    rates: [
      { hsPrefix: '090121', goods: 'roasted coffee', perUnit: moneyFromDecimal('2.19', 'EUR') },
      { hsPrefix: '090122', goods: 'roasted coffee', perUnit: moneyFromDecimal('2.19', 'EUR') },
      { hsPrefix: '210111', goods: 'soluble coffee', perUnit: moneyFromDecimal('4.78', 'EUR') },
    ],
    ceiling: null,
    ceilingInclusive: true,
    ceilingBasis: 'INTRINSIC_VALUE',
    scope: 'ALL_DELIVERIES',
    liable: 'DECLARANT',
    inVatBase: true,
    validFrom: at('2010-04-01'),
    validTo: null,
    source:
      'Kaffeesteuergesetz (KaffeeStG) § 1, § 2(1) ("für Röstkaffee 2,19 Euro je Kilogramm und für löslichen Kaffee 4,78 Euro je Kilogramm"), §§ 13, 15 (import), § 18 (mail order); Kaffeesteuerverordnung § 22; zoll.de "Kaffee"',
    asOf: READ,
    verified: true,
    note: 'Read: § 18 on bundesrecht.juris.de, § 2 in buzer.de and gesetze-mit-links.de copies, KaffeeStV § 22 and zoll.de. No value or quantity exemption for parcels. Counted on the NET coffee (products.netQuantity, a 250 g bag → 0.25 kg), rounded once per line half up to the cent: the statute states no per-item rounding and the shopper pays cents. Who pays: from another member state (Venlo) to private persons the mail-order seller owes it (§ 18(5)) — in the price, never due on delivery; on an import from the US or Japan whoever clears the goods owes it (§§ 13–15, declared in the customs declaration, H1): at checkout when we collect under IOSS or clear as importer, due on delivery where the carrier clears. In the VAT base (consideration; import VAT base § 11(3) no. 2 UStG, from knowledge). Unverified: whether Venlo → DE is § 18 depends on the seller being established in NL (else § 17(2)); coffee-containing goods (tiered § 2(2)) are not modelled — no seeded product holds them.',
  },
  {
    code: 'IT_LOW_VALUE_CONTRIBUTION',
    name: 'Italian contribution on low-value consignments',
    destination: 'IT',
    kind: 'LEVY',
    basis: 'PER_CONSIGNMENT',
    amount: moneyFromDecimal('2.00', 'EUR'),
    rates: [],
    ceiling: moneyFromDecimal('150.00', 'EUR'),
    ceilingInclusive: true,
    ceilingBasis: 'CUSTOMS_VALUE',
    scope: 'IMPORTS',
    liable: 'DECLARANT',
    inVatBase: false,
    validFrom: at('2026-01-01'),
    validTo: null,
    source:
      'Legge 30 dicembre 2025, n. 199 (Legge di bilancio 2026), art. 1, commi 126–128; ADM circolari 37/2025, 1/D/2026 and 4/2026 (VAT base); contribution code 159',
    asOf: READ,
    verified: false,
    note: 'Unverified here: secondary sources only (redazionefiscale.it, zpcsrl.com, beneggiassociati.com); the law and the ADM circulars were not opened. €2 per consignment of declared value not exceeding €150 from outside the EU; the value is the customs value (one practitioner, unverified). Due on the import declaration, so whoever clears pays it: at checkout under IOSS or when we clear as importer, due on delivery where the carrier clears. Outside the VAT base (ADM circ. 4/2026, as quoted). Never on a parcel from Venlo (no import). Whether it was suspended after the EU €3 duty started on 2026-07-01 is unknown: re-check.',
  },
  {
    code: 'RO_PARCEL_LEVY',
    name: 'Romanian levy per parcel from outside the EU',
    destination: 'RO',
    kind: 'LEVY',
    basis: 'PER_CONSIGNMENT',
    amount: moneyFromDecimal('25.00', 'RON'),
    rates: [],
    ceiling: moneyFromDecimal('150.00', 'EUR'),
    ceilingInclusive: false,
    ceilingBasis: 'INTRINSIC_VALUE',
    scope: 'IMPORTS',
    liable: 'SELLER',
    inVatBase: true,
    validFrom: at('2026-01-01'),
    validTo: null,
    source: 'Legea nr. 239/2025 (Monitorul Oficial, 15 December 2025) and the ANAF president order on its declaration',
    asOf: READ,
    verified: false,
    note: 'Unverified here: secondary sources only (Agerpres via antena3.ro, adevarul.ro, capital.ro); the law was not opened and its article is unknown. RON 25 per parcel of declared commercial value below €150 (strictly) from outside the EU, distance sales. The supplier, shipper or platform owes it; postal/courier providers collect it from them, so we pass it on in the checkout total and it is never due on delivery (one charge). In the VAT base as part of the consideration for the goods (VAT Directive Art. 78(a): taxes, duties and levies are in the taxable amount) — unverified for this levy. The €150 is compared in the quote currency at the reference rate.',
  },
  {
    code: 'JP_LIQUOR_TAX',
    name: 'Liquor tax (酒税)',
    destination: 'JP',
    kind: 'EXCISE',
    basis: 'PER_LITRE_NET',
    amount: null,
    // Sake (清酒) is HS 2206.00 in Japan's tariff; the heading also holds cider and mead, taxed at other rates: no
    // seeded product is one of them.
    rates: [{ hsPrefix: '2206', goods: 'sake (seishu)', perUnit: moneyFromDecimal('100', 'JPY') }],
    ceiling: null,
    ceilingInclusive: true,
    ceilingBasis: 'CUSTOMS_VALUE',
    scope: 'IMPORTS',
    liable: 'DECLARANT',
    inVatBase: true,
    validFrom: at('2023-10-01'),
    validTo: null,
    source:
      'Liquor Tax Act (酒税法) Art. 23 as revised in 2017: sake ¥100,000 per kilolitre from 2023-10-01; imports: taxed when taken out of the bonded area, declared to Customs with the duty (Art. 30-2); not waived by the ¥10,000 small-value exemption: Japan Customs, Customs Answer 1006 ("domestic excises other than consumption tax (ex. liquor tax, tobacco tax, etc.) … shall not be exempted")',
    asOf: READ,
    verified: false,
    note: 'Rate unverified here: secondary sources only (asahi.com SMBiz on the 2023 revision, vino-joy.com 2020-09-30); the NTA rate table was not opened. The never-waived rule is primary (Customs Answer 1006). Liquor made in Japan and sold from a Japanese warehouse carries the tax in its price already (the brewery paid it on leaving the brewery), so only an import owes it: whoever clears pays it (at checkout when we clear as importer, due on delivery where the carrier clears). In the import consumption tax base (Consumption Tax Act Art. 28(4): customs value + duty + excises other than consumption tax; from knowledge, unverified). The simplified rates an importer of small consignments may elect (Customs Tariff Act Art. 3-3) are not modelled; whether they would lower the charge for sake was not checked.',
  },
];
