import type { TaxCategory, TaxRate } from './tax.ts';
import type { TerritoryBorder } from './territory-border.ts';

/** One tax a jurisdiction levies (Canada's GST, Quebec's QST, a US state's sales tax, the Canaries' IGIC). */
export interface TaxComponent {
  /** Its name as the authority spells it: `GST`, `QST`, `HST`, `IGIC`, `Texas sales tax`. */
  readonly name: string;
  /** Its rate per tax category, decimal strings ("9.975"). */
  readonly ratePercent: Readonly<Record<TaxCategory, string>>;
  /** The tax registration scheme a seller needs to charge it (a `tax_registrations` scheme code), or null. */
  readonly registration: string | null;
}

/**
 * A part of a country with its own indirect tax, as reference data: a Canadian province, a US state, a special
 * territory outside its country's VAT area (the Canary Islands) or inside another country's (Büsingen).
 */
export interface TaxJurisdiction extends TerritoryBorder {
  /** ISO 3166-2 code or territory id: `CA-QC`, `US-TX`, `ES-CN`, `DE-BUESINGEN`. */
  readonly id: string;
  readonly country: string;
  /** Its name for people: `Quebec`, `Canary Islands`. */
  readonly name: string;
  /** The ISO 3166-2 regions it covers, and the postal-code starts that place an address in it. */
  readonly regions: readonly string[];
  readonly postalPrefixes: readonly string[];
  /** Priced as another country for tax and customs (Büsingen: CH); null otherwise. */
  readonly pricedAs: string | null;
  /** The taxes that replace the country's VAT/GST there, added up; empty when `pricedAs` is set. */
  readonly components: readonly TaxComponent[];
  /**
   * The country's own VAT is charged there instead of `components`: once, at the territory's border (Åland: Finnish
   * VAT on import) or as at home (Northern Ireland: UK VAT).
   */
  readonly countryRatesApply: boolean;
  /** True for US states: the tax is charged only where the merchant has nexus (see `NexusRecord`). */
  readonly nexusRequired: boolean;
  /**
   * Where local rates vary below what an address at this precision can tell: the rates above are the highest of
   * the jurisdiction, and this says so in the answer. Null where the rate is the same everywhere in it.
   */
  readonly finerAddressNote: string | null;
  readonly source: string;
  readonly asOf: Date;
  /** False where the source could not be read here (listed by `npm run data:check`). */
  readonly verified: boolean;
}

/**
 * The merchant's sales into a US state and the state's economic-nexus threshold (South Dakota v. Wayfair, 2018).
 * What is counted is stated in `counted`: each state defines it (gross or retail sales, with or without exempt
 * sales, previous or current twelve months).
 */
export interface NexusRecord {
  /** ISO 3166-2 state code, `US-TX`. */
  readonly state: string;
  /** The threshold in minor units of `currency`, and a transaction count that also creates nexus (null: none). */
  readonly thresholdMinor: bigint;
  readonly thresholdTransactions: number | null;
  /** Whether both the amount and the count must be passed (New York) or either (most states). */
  readonly bothRequired: boolean;
  readonly currency: string;
  /** The merchant's sales counted toward the threshold, and their number. */
  readonly salesMinor: bigint;
  readonly transactions: number;
  /** What the sales figure counts, and over which period. */
  readonly counted: string;
  readonly source: string;
  readonly asOf: Date;
  readonly verified: boolean;
}

/** Where below its country an address is, as pricing reads it. */
export interface JurisdictionQuery {
  country: string;
  region: string | null;
  postalCode: string | null;
}

/**
 * The jurisdiction an address lies in: a postal zone first (Büsingen inside Baden-Württemberg, the longest
 * matching start), then its region; null for a bare country (no lookup at all) or an address no data covers.
 */
export function findJurisdiction(jurisdictions: readonly TaxJurisdiction[], query: JurisdictionQuery): TaxJurisdiction | null {
  if (query.region === null && query.postalCode === null) return null;
  const compact = query.postalCode?.replace(/\s/g, '') ?? null;
  let byPostal: TaxJurisdiction | null = null;
  let longest = 0;
  let byRegion: TaxJurisdiction | null = null;
  for (const jurisdiction of jurisdictions) {
    if (jurisdiction.country !== query.country) continue;
    if (compact !== null) {
      for (const prefix of jurisdiction.postalPrefixes) {
        if (prefix.length > longest && compact.startsWith(prefix)) {
          byPostal = jurisdiction;
          longest = prefix.length;
        }
      }
    }
    if (query.region !== null && jurisdiction.regions.includes(query.region)) byRegion ??= jurisdiction;
  }
  return byPostal ?? byRegion;
}

/** Whether the merchant's counted sales into a state pass its economic-nexus threshold. */
export function hasNexus(record: NexusRecord | undefined): boolean {
  if (record === undefined) return false;
  const byAmount = record.salesMinor >= record.thresholdMinor;
  if (record.thresholdTransactions === null) return byAmount;
  const byCount = record.transactions >= record.thresholdTransactions;
  return record.bothRequired ? byAmount && byCount : byAmount || byCount;
}

/** What pricing applies in a jurisdiction: the tax rates replacing the country's, and why. */
export interface JurisdictionTax {
  readonly jurisdiction: TaxJurisdiction;
  /** The rates to price with, spelled for the market's country (the domain looks rates up by market country): for a territory priced as another country, that country's. */
  readonly taxRates: TaxRate[];
  /** The components charged (empty where none is, e.g. a US state without nexus). */
  readonly charged: readonly TaxComponent[];
  /** Said in the answer: no nexus, or a rate that needs a finer address. Null when nothing needs saying. */
  readonly note: string | null;
}

const CATEGORIES: readonly TaxCategory[] = ['standard', 'reduced', 'zero'];

/**
 * The rates of `jurisdiction`: its components added up per category (GST 5 % + QST 9.975 % = 14.975 %); for a
 * US state without nexus none (the note says why, so a 0 is never silent).
 */
export function jurisdictionTax(
  jurisdiction: TaxJurisdiction,
  nexus: ReadonlyMap<string, NexusRecord>,
  countryRates: readonly TaxRate[] = [],
): JurisdictionTax {
  if (jurisdiction.pricedAs !== null) {
    // Priced as the other country: its own rates, as its market spells them.
    const note = `${jurisdiction.name} lies in the customs and VAT territory of ${jurisdiction.pricedAs}: priced as ${jurisdiction.pricedAs}.`;
    return { jurisdiction, taxRates: [...countryRates], charged: [], note };
  }
  const record = nexus.get(jurisdiction.id);
  const own = jurisdiction.countryRatesApply ? [countryVatOf(jurisdiction.country, countryRates)] : jurisdiction.components;
  const charged = jurisdiction.nexusRequired && !hasNexus(record) ? [] : own;
  const taxRates = CATEGORIES.map((category) => ({
    country: jurisdiction.country,
    category,
    ratePercent: sumPercent(charged.map((component) => component.ratePercent[category])),
  }));
  const notes: string[] = [];
  if (jurisdiction.nexusRequired && charged.length === 0) notes.push(noNexusNote(jurisdiction, record));
  if (!jurisdiction.nexusRequired && charged.length === 0) {
    notes.push(`${jurisdiction.name} is outside the VAT area of ${jurisdiction.country}: no VAT is charged.`);
  }
  if (!jurisdiction.insideVatArea && charged.length > 0) {
    const taxes = charged.map((component) => component.name).join(' + ');
    notes.push(
      `${jurisdiction.name} is outside the EU VAT area: each parcel is declared at its border and ${taxes} is charged there, once.`,
    );
  }
  if (jurisdiction.goodsCustomsUnion !== null) {
    notes.push(
      `${jurisdiction.name} follows the ${jurisdiction.goodsCustomsUnion}'s customs and VAT rules for goods: a parcel from a member state is not an import.`,
    );
  }
  if (charged.length > 0 && jurisdiction.finerAddressNote) notes.push(jurisdiction.finerAddressNote);
  return { jurisdiction, taxRates, charged, note: notes.length === 0 ? null : notes.join(' ') };
}

/** The country's VAT as one component, at its market's rates (Åland's Finnish VAT, Northern Ireland's UK VAT). */
function countryVatOf(country: string, rates: readonly TaxRate[]): TaxComponent {
  const rate = (category: TaxCategory) => rates.find((candidate) => candidate.category === category)?.ratePercent ?? '0';
  return {
    name: `VAT (${country})`,
    ratePercent: { standard: rate('standard'), reduced: rate('reduced'), zero: rate('zero') },
    registration: null,
  };
}

function noNexusNote(jurisdiction: TaxJurisdiction, record: NexusRecord | undefined): string {
  if (record === undefined) return `No sales tax collected: the merchant has no economic nexus in ${jurisdiction.name}.`;
  const count =
    record.thresholdTransactions === null ? '' : ` ${record.bothRequired ? 'and' : 'or'} ${record.thresholdTransactions} transactions`;
  return (
    `No sales tax collected: the merchant's sales into ${jurisdiction.name} (${decimalOf(record.salesMinor)} ${record.currency}, ` +
    `${record.transactions} transactions; ${record.counted}) are below its economic-nexus threshold of ` +
    `${decimalOf(record.thresholdMinor)} ${record.currency}${count}.`
  );
}

function decimalOf(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Decimal percentages added exactly (in millionths of a percent: every published rate has at most 6 decimals). */
export function sumPercent(rates: readonly string[]): string {
  const SCALE = 6;
  let total = 0n;
  for (const rate of rates) {
    const [whole = '0', fraction = ''] = rate.split('.');
    total += BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0').slice(0, SCALE) || '0');
  }
  const digits = total.toString().padStart(SCALE + 1, '0');
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  const whole = digits.slice(0, -SCALE);
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** A jurisdiction's taxes as the explanation names them: `Quebec: GST 5 % + QST 9.975 %`. */
export function jurisdictionLabel(tax: JurisdictionTax, category: TaxCategory): string {
  if (tax.jurisdiction.pricedAs !== null) return `${tax.jurisdiction.name}: priced as ${tax.jurisdiction.pricedAs}`;
  const parts = tax.charged.map((component) => `${component.name} ${component.ratePercent[category]} %`);
  return `${tax.jurisdiction.name}: ${parts.length === 0 ? 'no tax collected' : parts.join(' + ')}`;
}
