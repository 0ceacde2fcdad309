import { badUserInput, echoed } from '../contract/errors.ts';
import { addressRules, type AddressRegion, type AddressRules } from './address-rules.ts';

/** How finely a destination is known: the answers it gets are as precise as this. */
export type DestinationPrecision = 'COUNTRY' | 'REGION' | 'POSTAL_CODE';

/** A destination as a request spells it. */
export interface DestinationInput {
  country: string;
  region?: string | null;
  postalCode?: string | null;
  city?: string | null;
}

/** A validated destination: the region is filled in from the postal code where the data allows. */
export interface Destination {
  country: string;
  /** ISO 3166-2 code, e.g. `ES-GC`; null when neither given nor derivable. */
  region: string | null;
  /** Normalised postal code (upper case, single spaces); null when not given. */
  postalCode: string | null;
  city: string | null;
  precision: DestinationPrecision;
}

/** Longest city name accepted: longer is not a place name. */
const MAX_CITY_LENGTH = 100;

/**
 * Validates an address-level destination against the country's address rules: a postal code must match the
 * country's pattern and, with a region, fall in that region's postal codes; a region must be one of the country's
 * ISO 3166-2 subdivisions. BAD_USER_INPUT names the value and what was expected. A bare country passes through
 * untouched (no lookup), so country-level requests cost nothing extra.
 */
export function validateDestination(input: DestinationInput): Destination {
  const { country } = input;
  const region = blankToNull(input.region)?.toUpperCase() ?? null;
  const postalCode = blankToNull(input.postalCode)?.toUpperCase().replace(/\s+/g, ' ') ?? null;
  const city = blankToNull(input.city);
  if (region === null && postalCode === null && city === null)
    return { country, region: null, postalCode: null, city: null, precision: 'COUNTRY' };
  if (city !== null && city.length > MAX_CITY_LENGTH) {
    throw badUserInput(`city is too long: at most ${MAX_CITY_LENGTH} characters`, { field: 'city' });
  }
  const rules = addressRules(country);
  const regionEntry = region === null ? null : requireRegion(rules, country, region);
  if (postalCode !== null) checkPostalCode(rules, country, postalCode);
  const postalRegion = postalCode === null || rules === null ? null : regionOfPostalCode(rules, postalCode);
  if (regionEntry && postalCode !== null && regionEntry.postalPrefix && !regionEntry.postalPrefix.test(postalCode)) {
    throw badUserInput(`postalCode "${echoed(postalCode)}" is not in region ${regionEntry.code} (${regionEntry.latinName})`, {
      field: 'postalCode',
      postalCode: echoed(postalCode),
      region: regionEntry.code,
    });
  }
  const resolvedRegion = regionEntry?.code ?? postalRegion?.code ?? null;
  const precision: DestinationPrecision = postalCode !== null ? 'POSTAL_CODE' : resolvedRegion !== null ? 'REGION' : 'COUNTRY';
  return { country, region: resolvedRegion, postalCode, city, precision };
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The region `code` (`ES-GC`, or `GC` alone) of `country`, or BAD_USER_INPUT listing the country's regions. */
function requireRegion(rules: AddressRules | null, country: string, code: string): AddressRegion {
  const full = code.includes('-') ? code : `${country}-${code}`;
  const found = rules?.regions.find((candidate) => candidate.code === full);
  if (found) return found;
  const known = rules?.regions.map((candidate) => candidate.code) ?? [];
  const expected = known.length === 0 ? `${country} has no regions to choose from: leave region out` : `one of ${known.join(', ')}`;
  throw badUserInput(`region "${echoed(code)}" is not an ISO 3166-2 region of ${country}: expected ${expected}`, {
    field: 'region',
    region: echoed(code),
    country,
  });
}

function checkPostalCode(rules: AddressRules | null, country: string, postalCode: string): void {
  if (rules?.postalCode === null || rules === null) {
    throw badUserInput(`${country} has no postal codes: leave postalCode out`, { field: 'postalCode', country });
  }
  if (rules.postalCode.test(postalCode)) return;
  const example = rules.postalCodeExamples[0];
  throw badUserInput(
    `postalCode "${echoed(postalCode)}" cannot exist in ${country}: expected the pattern ${rules.postalCodePattern}${example ? `, e.g. ${example}` : ''}`,
    { field: 'postalCode', postalCode: echoed(postalCode), country, pattern: rules.postalCodePattern, example: example ?? null },
  );
}

/** The region whose postal codes `postalCode` starts with; null where the data cannot tell. */
export function regionOfPostalCode(rules: AddressRules, postalCode: string): AddressRegion | null {
  return rules.regions.find((region) => region.postalPrefix?.test(postalCode)) ?? null;
}
