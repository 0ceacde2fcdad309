import { describe, expect, it } from 'vitest';
import { checkDestination, checkTransportMode, NotShippableReason } from '../../../subgraphs/fulfillment/domain/compliance.ts';
import { COMPLIANCE_RULES } from '../../../scripts/seed/fulfillment-reference.ts';

describe('compliance', () => {
  it('keeps the reason codes that form the public contract', () => {
    expect(Object.values(NotShippableReason).sort()).toEqual([
      'EMBARGOED_DESTINATION',
      'NO_CARRIER_SERVICE',
      'OUT_OF_STOCK',
      'RESTRICTED_GOODS',
    ]);
  });

  it('refuses an embargoed destination for any product', () => {
    expect(checkDestination({ tags: [], destination: 'KP' }, COMPLIANCE_RULES)).toEqual({
      shippable: false,
      reason: 'EMBARGOED_DESTINATION',
    });
  });

  it('refuses alcohol to Kuwait outright, naming the tag, but not to Germany', () => {
    expect(checkDestination({ tags: ['alcohol'], destination: 'KW' }, COMPLIANCE_RULES)).toEqual({
      shippable: false,
      reason: 'RESTRICTED_GOODS',
      tag: 'alcohol',
    });
    expect(checkDestination({ tags: ['alcohol'], destination: 'DE' }, COMPLIANCE_RULES)).toEqual({ shippable: true });
  });

  it('closes only the air mode for aerosols to Japan', () => {
    expect(checkDestination({ tags: ['aerosol'], destination: 'JP' }, COMPLIANCE_RULES).shippable).toBe(true);
    expect(checkTransportMode({ tags: ['aerosol'], destination: 'JP', mode: 'air' }, COMPLIANCE_RULES)).toEqual({
      shippable: false,
      reason: 'RESTRICTED_GOODS',
      tag: 'aerosol',
    });
    expect(checkTransportMode({ tags: ['aerosol'], destination: 'JP', mode: 'road' }, COMPLIANCE_RULES).shippable).toBe(true);
  });
});
