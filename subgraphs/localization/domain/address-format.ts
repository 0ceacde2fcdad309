import type { AddressRegion, AddressRules } from '../../common/address/address-rules.ts';

/** The parts of a postal address, as the schema's `AddressField` spells them. */
export type AddressFieldCode =
  | 'NAME'
  | 'ORGANIZATION'
  | 'ADDRESS_LINES'
  | 'DEPENDENT_LOCALITY'
  | 'CITY'
  | 'REGION'
  | 'POSTAL_CODE'
  | 'SORTING_CODE';

/** Google's format letters (`%N`, `%A`…) and the field each stands for. */
const FIELD_OF_LETTER: Readonly<Record<string, AddressFieldCode>> = {
  N: 'NAME',
  O: 'ORGANIZATION',
  A: 'ADDRESS_LINES',
  D: 'DEPENDENT_LOCALITY',
  C: 'CITY',
  S: 'REGION',
  Z: 'POSTAL_CODE',
  X: 'SORTING_CODE',
};

const LETTER_OF_FIELD = Object.fromEntries(Object.entries(FIELD_OF_LETTER).map(([letter, field]) => [field, letter])) as Record<
  AddressFieldCode,
  string
>;

/** A field of a country's address form, in order. */
export interface AddressFormField {
  field: AddressFieldCode;
  /** The catalog key of its label in the shopper's language (`address.region.prefecture`). */
  labelKey: string;
  required: boolean;
  /** The label line it is printed on, from 0: fields sharing a line share a row of the form. */
  line: number;
}

/**
 * Whether a shopper writing `language` gets the Latin-script order: where the country writes another script
 * (Japan, Korea, China) and the shopper does not write the country's language.
 */
export function usesLatinFormat(rules: AddressRules, language: string): boolean {
  return rules.latinFormat !== rules.format && !rules.languages.includes(language);
}

/** The fields of `rules`' form in the destination's order, with the label key and whether each is required. */
export function addressFormFields(rules: AddressRules, latin: boolean): AddressFormField[] {
  const format = latin ? rules.latinFormat : rules.format;
  const fields: AddressFormField[] = [];
  format.split('%n').forEach((lineFormat, line) => {
    for (const [, letter] of lineFormat.matchAll(/%([A-Z])/g)) {
      const field = letter === undefined ? undefined : FIELD_OF_LETTER[letter];
      if (field === undefined || fields.some((known) => known.field === field)) continue;
      fields.push({ field, labelKey: labelKeyOf(rules, field), required: rules.required.includes(letter ?? ''), line });
    }
  });
  return fields;
}

function labelKeyOf(rules: AddressRules, field: AddressFieldCode): string {
  switch (field) {
    case 'NAME':
      return 'address.name';
    case 'ORGANIZATION':
      return 'address.organization';
    case 'ADDRESS_LINES':
      return 'address.addressLines';
    case 'SORTING_CODE':
      return 'address.sortingCode';
    case 'DEPENDENT_LOCALITY':
      return `address.sublocality.${rules.names.sublocality}`;
    case 'CITY':
      return `address.locality.${rules.names.locality}`;
    case 'REGION':
      return `address.region.${rules.names.region}`;
    case 'POSTAL_CODE':
      return `address.postalCode.${rules.names.postalCode}`;
  }
}

/** A region's name for a shopper writing `language`: the country's own, a translation, else the Latin name. */
export function regionName(rules: AddressRules, region: AddressRegion, language: string): string {
  if (rules.languages[0] === language) return region.localName;
  return region.namesByLanguage[language] ?? region.latinName;
}

/** An address to print, each part optional. */
export interface LabelAddress {
  name?: string | null;
  organization?: string | null;
  addressLines?: readonly string[] | null;
  dependentLocality?: string | null;
  city?: string | null;
  /** ISO 3166-2 code or a region's name, printed as the country writes it. */
  region?: string | null;
  postalCode?: string | null;
  sortingCode?: string | null;
}

/**
 * The label's lines in the destination's order (Google's format string), with the parts the country writes in
 * capitals upper-cased, empty lines dropped and the literal text of the format kept (`〒`, `CH-`), and the country
 * name last, in capitals, as the Universal Postal Union asks for international mail.
 */
export function formatAddressLabel(rules: AddressRules, address: LabelAddress, latin: boolean, countryName: string): string[] {
  const format = latin ? rules.latinFormat : rules.format;
  const values = labelValues(rules, address, latin);
  const lines = format.split('%n').flatMap((lineFormat) => {
    const parts = lineFormat.split(/(%[A-Z])/).filter((part) => part !== '');
    const hasValue = parts.some((part) => part.startsWith('%') && (values[part.slice(1)]?.length ?? 0) > 0);
    if (!hasValue) return [];
    // A field on several lines (street address) expands into its own lines.
    const text = parts.map((part) => (part.startsWith('%') ? (values[part.slice(1)] ?? []).join('\n') : part)).join('');
    return text
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, ''))
      .filter((line) => line !== '');
  });
  return [...lines, countryName.toUpperCase()];
}

function labelValues(rules: AddressRules, address: LabelAddress, latin: boolean): Record<string, string[]> {
  const region = address.region ? rules.regions.find((candidate) => candidate.code === address.region?.toUpperCase()) : undefined;
  const regionText = region ? (latin ? region.latinName : region.localName) : (address.region ?? '');
  const raw: Record<AddressFieldCode, string[]> = {
    NAME: [address.name ?? ''],
    ORGANIZATION: [address.organization ?? ''],
    ADDRESS_LINES: [...(address.addressLines ?? [])],
    DEPENDENT_LOCALITY: [address.dependentLocality ?? ''],
    CITY: [address.city ?? ''],
    REGION: [regionText],
    POSTAL_CODE: [address.postalCode ?? ''],
    SORTING_CODE: [address.sortingCode ?? ''],
  };
  const values: Record<string, string[]> = {};
  for (const [field, parts] of Object.entries(raw) as [AddressFieldCode, string[]][]) {
    const letter = LETTER_OF_FIELD[field];
    const cleaned = parts.map((part) => part.trim()).filter((part) => part !== '');
    values[letter] = rules.upper.includes(letter) ? cleaned.map((part) => part.toUpperCase()) : cleaned;
  }
  return values;
}
