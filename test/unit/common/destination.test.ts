import { describe, expect, it } from 'vitest';
import { addressRules } from '../../../subgraphs/common/address/address-rules.ts';
import { validateDestination } from '../../../subgraphs/common/address/destination.ts';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';

function refusal(input: Parameters<typeof validateDestination>[0]): DomainError {
  try {
    validateDestination(input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(input)} was accepted`);
}

describe('validateDestination', () => {
  it('a bare country stays a country-level destination', () => {
    expect(validateDestination({ country: 'ES' })).toEqual({
      country: 'ES',
      region: null,
      postalCode: null,
      city: null,
      precision: 'COUNTRY',
    });
  });

  it('a postal code fills in the region it belongs to (Google: Las Palmas is 35…, Quebec G/H/J, Hawaii 967/968)', () => {
    expect(validateDestination({ country: 'ES', postalCode: '35001', city: ' Las Palmas ' })).toEqual({
      country: 'ES',
      region: 'ES-GC',
      postalCode: '35001',
      city: 'Las Palmas',
      precision: 'POSTAL_CODE',
    });
    expect(validateDestination({ country: 'CA', postalCode: 'h3z  2y7' })).toMatchObject({ region: 'CA-QC', postalCode: 'H3Z 2Y7' });
    expect(validateDestination({ country: 'US', postalCode: '96813' })).toMatchObject({ region: 'US-HI' });
    expect(validateDestination({ country: 'CA', postalCode: 'M5V 3L9' })).toMatchObject({ region: 'CA-ON' });
  });

  it('a region alone, with or without the country prefix, is region precision', () => {
    expect(validateDestination({ country: 'JP', region: 'JP-13' })).toMatchObject({ region: 'JP-13', precision: 'REGION' });
    expect(validateDestination({ country: 'CA', region: 'qc' })).toMatchObject({ region: 'CA-QC', precision: 'REGION' });
    // Google lists no German states (addresses do not carry one); ISO 3166-2 does.
    expect(validateDestination({ country: 'DE', region: 'DE-BY' })).toMatchObject({ region: 'DE-BY', precision: 'REGION' });
  });

  it('a postal code that cannot exist is refused with the expected pattern and an example', () => {
    const error = refusal({ country: 'ES', postalCode: '3500' });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('postalCode "3500" cannot exist in ES: expected the pattern \\d{5}, e.g. 28039');
    expect(error.details).toMatchObject({ field: 'postalCode', pattern: '\\d{5}' });
    expect(refusal({ country: 'GB', postalCode: 'ZZ9 9ZZ' }).message).toContain('cannot exist in GB');
  });

  it('a region of another country, and a postal code outside the given region, are refused', () => {
    const error = refusal({ country: 'ES', region: 'US-CA' });
    expect(error.message).toMatch(/^region "US-CA" is not an ISO 3166-2 region of ES: expected one of ES-VI, .*ES-GC/);
    expect(refusal({ country: 'CA', region: 'CA-QC', postalCode: 'M5V 3L9' }).message).toBe(
      'postalCode "M5V 3L9" is not in region CA-QC (Quebec)',
    );
  });
});

describe('addressRules', () => {
  it('reads Japan and the United Kingdom from Google’s address data', () => {
    const japan = addressRules('JP');
    expect(japan?.format).toBe('〒%Z%n%S%n%A%n%O%n%N');
    expect(japan?.regions.find((region) => region.code === 'JP-13')).toMatchObject({ localName: '東京都', latinName: 'Tokyo' });
    expect(addressRules('GB')?.names.locality).toBe('post_town');
    expect(addressRules('XX')).toBeNull();
  });
});
