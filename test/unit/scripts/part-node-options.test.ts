import { describe, expect, it } from 'vitest';
import { PART_MAX_SEMI_SPACE_MIB, withYoungGenerationBound } from '../../../scripts/child-process.ts';

describe("npm start's Node options for each part", () => {
  it('bound the young generation when the caller sets nothing', () => {
    expect(withYoungGenerationBound(undefined)).toBe(`--max-semi-space-size=${PART_MAX_SEMI_SPACE_MIB}`);
    expect(withYoungGenerationBound('  ')).toBe(`--max-semi-space-size=${PART_MAX_SEMI_SPACE_MIB}`);
  });

  it("keep the caller's other options", () => {
    expect(withYoungGenerationBound('--enable-source-maps')).toBe(`--enable-source-maps --max-semi-space-size=${PART_MAX_SEMI_SPACE_MIB}`);
  });

  it("leave the caller's own young-generation bound as it is", () => {
    expect(withYoungGenerationBound('--max-semi-space-size=4')).toBe('--max-semi-space-size=4');
    expect(withYoungGenerationBound('--cpu-prof --max-semi-space-size 64')).toBe('--cpu-prof --max-semi-space-size 64');
    expect(withYoungGenerationBound('--max_semi_space_size=8')).toBe('--max_semi_space_size=8');
  });
});
