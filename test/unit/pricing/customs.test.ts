import { describe, expect, it } from 'vitest';
import { CUSTOMS_UNIONS } from '../../../subgraphs/pricing/domain/index.ts';
import { crossesCustomsBorder, dutyIncludedIn } from '../../../subgraphs/pricing/domain/index.ts';

describe('customs borders', () => {
  it('goods made in the destination country cross no border', () => {
    expect(crossesCustomsBorder('DE', 'DE', CUSTOMS_UNIONS)).toBe(false);
  });
  it('goods moving inside the EU customs union owe no import duty (a Portuguese sweater sold in Germany)', () => {
    expect(crossesCustomsBorder('PT', 'DE', CUSTOMS_UNIONS)).toBe(false);
    expect(crossesCustomsBorder('FR', 'NL', CUSTOMS_UNIONS)).toBe(false);
  });
  it('goods entering the EU, the UK or Switzerland from outside cross a border', () => {
    expect(crossesCustomsBorder('JP', 'DE', CUSTOMS_UNIONS)).toBe(true);
    expect(crossesCustomsBorder('DE', 'GB', CUSTOMS_UNIONS)).toBe(true);
    expect(crossesCustomsBorder('DE', 'CH', CUSTOMS_UNIONS)).toBe(true);
    expect(crossesCustomsBorder('LI', 'CH', CUSTOMS_UNIONS)).toBe(false);
  });
  it('without union data every foreign origin crosses a border', () => {
    expect(crossesCustomsBorder('PT', 'DE', [])).toBe(true);
  });
});

describe('who pays duty', () => {
  it('DDP markets include duty in the price; DAP markets leave it due on delivery', () => {
    expect(dutyIncludedIn({ incoterm: 'DDP' })).toBe(true);
    expect(dutyIncludedIn({ incoterm: 'DAP' })).toBe(false);
  });
});
