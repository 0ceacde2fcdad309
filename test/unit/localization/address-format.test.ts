import { describe, expect, it } from 'vitest';
import { addressRules, type AddressRules } from '../../../subgraphs/common/address/address-rules.ts';
import { addressFormFields, formatAddressLabel, regionName, usesLatinFormat } from '../../../subgraphs/localization/domain/index.ts';

function rules(country: string): AddressRules {
  const found = addressRules(country);
  if (!found) throw new Error(`no rules for ${country}`);
  return found;
}

describe('addressFormFields', () => {
  it('Japan in Japanese: postal code, prefecture, address, company, name (Google: 〒%Z%n%S%n%A%n%O%n%N, require ASZ)', () => {
    const japan = rules('JP');
    expect(usesLatinFormat(japan, 'ja')).toBe(false);
    expect(addressFormFields(japan, false)).toEqual([
      { field: 'POSTAL_CODE', labelKey: 'address.postalCode.postal', required: true, line: 0 },
      { field: 'REGION', labelKey: 'address.region.prefecture', required: true, line: 1 },
      { field: 'ADDRESS_LINES', labelKey: 'address.addressLines', required: true, line: 2 },
      { field: 'ORGANIZATION', labelKey: 'address.organization', required: false, line: 3 },
      { field: 'NAME', labelKey: 'address.name', required: false, line: 4 },
    ]);
  });

  it('Japan for an English reader follows the Latin order (%N%n%O%n%A, %S%n%Z)', () => {
    const japan = rules('JP');
    expect(usesLatinFormat(japan, 'en')).toBe(true);
    expect(addressFormFields(japan, true).map(({ field }) => field)).toEqual([
      'NAME',
      'ORGANIZATION',
      'ADDRESS_LINES',
      'REGION',
      'POSTAL_CODE',
    ]);
  });

  it('the United Kingdom has no region and a post town (Google: %N%n%O%n%A%n%C%n%Z, require ACZ)', () => {
    expect(addressFormFields(rules('GB'), false).map(({ field, labelKey, required }) => [field, labelKey, required])).toEqual([
      ['NAME', 'address.name', false],
      ['ORGANIZATION', 'address.organization', false],
      ['ADDRESS_LINES', 'address.addressLines', true],
      ['CITY', 'address.locality.post_town', true],
      ['POSTAL_CODE', 'address.postalCode.postal', true],
    ]);
  });
});

describe('regionName', () => {
  it('names a region in the country’s language, a translation, or Latin script', () => {
    const japan = rules('JP');
    const tokyo = japan.regions.find((region) => region.code === 'JP-13');
    if (!tokyo) throw new Error('no Tokyo');
    expect(regionName(japan, tokyo, 'ja')).toBe('東京都');
    expect(regionName(japan, tokyo, 'de')).toBe('Tokyo');
    const canada = rules('CA');
    const quebec = canada.regions.find((region) => region.code === 'CA-QC');
    if (!quebec) throw new Error('no Quebec');
    expect(regionName(canada, quebec, 'fr')).toBe('Québec');
  });
});

describe('formatAddressLabel', () => {
  it('prints a Japanese label postal code first, with the prefecture’s own name', () => {
    const lines = formatAddressLabel(
      rules('JP'),
      { name: '山田太郎', addressLines: ['千代田区丸の内1-1'], region: 'JP-13', postalCode: '100-0005' },
      false,
      '日本',
    );
    expect(lines).toEqual(['〒100-0005', '東京都', '千代田区丸の内1-1', '山田太郎', '日本']);
  });

  it('prints a British label with the post town in capitals and no region line', () => {
    const lines = formatAddressLabel(
      rules('GB'),
      { name: 'Jane Doe', addressLines: ['10 Downing Street'], city: 'London', postalCode: 'SW1A 2AA', region: 'GB-ENG' },
      false,
      'United Kingdom',
    );
    expect(lines).toEqual(['Jane Doe', '10 Downing Street', 'LONDON', 'SW1A 2AA', 'UNITED KINGDOM']);
  });
});
