import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import { checkPageSize, decodeCursor, encodeCursor } from '../../../subgraphs/products/domain/cursor.ts';
import { createPersonalDataSeal } from '../../../subgraphs/products/domain/personal-data-seal.ts';
import { normaliseQuoteRequest, parseQuoteId, quoteIdOf } from '../../../subgraphs/products/domain/quote-request.ts';

const SEAL = createPersonalDataSeal('a test secret of enough length');

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? `${error.code}: ${error.message}` : String(error);
  }
  return 'no error';
}

describe('catalog cursors', () => {
  it('round-trip a position', () => {
    const position = { value: '2026-01-05T09:00:00.000Z', sku: 'APP-TEE-NAV' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });
  it('reject a cursor that was not made by us', () => {
    expect(codeOf(() => decodeCursor('bm90LWEtY3Vyc29y'))).toMatch(/^BAD_USER_INPUT: Invalid cursor/);
  });
  it('bound page sizes to 1..100', () => {
    expect(checkPageSize(100)).toBe(100);
    expect(codeOf(() => checkPageSize(0))).toMatch(/^BAD_USER_INPUT/);
    expect(codeOf(() => checkPageSize(101))).toMatch(/^BAD_USER_INPUT: Invalid page size 101/);
  });
});

describe('quote requests', () => {
  it('merge repeated products, keeping first-seen order', () => {
    const request = normaliseQuoteRequest(
      [
        { productId: B, quantity: 1 },
        { productId: A.toUpperCase(), quantity: 2 },
        { productId: B, quantity: 3 },
      ],
      'DE',
    );
    expect(request.lines).toEqual([
      { productId: B, quantity: 4 },
      { productId: A, quantity: 2 },
    ]);
  });
  it('round-trip through their deterministic id', () => {
    const request = normaliseQuoteRequest([{ productId: A, quantity: 2 }], 'JP');
    expect(quoteIdOf(request, SEAL)).toBe(`JP:${A}x2`);
    expect(parseQuoteId(quoteIdOf(request, SEAL), SEAL)).toEqual(request);
  });
  it('carry the chosen currency and delivery option in their id', () => {
    const request = normaliseQuoteRequest([{ productId: A, quantity: 1 }], 'CH', { currency: 'EUR', deliveryOption: 'EXPRESS' });
    expect(quoteIdOf(request, SEAL)).toBe(`CH:${A}x1;currency=EUR;delivery=EXPRESS`);
    expect(parseQuoteId(quoteIdOf(request, SEAL), SEAL)).toEqual(request);
    expect(codeOf(() => parseQuoteId(`CH:${A}x1;delivery=TELEPORT`, SEAL))).toMatch(/^BAD_USER_INPUT: Malformed quote id/);
  });
  it('carry an address below the country in their id, a city with any character included', () => {
    const request = normaliseQuoteRequest([{ productId: A, quantity: 1 }], 'CA', {
      currency: 'CAD',
      address: { postalCode: 'h3z 2y7', city: 'Montréal; QC' },
    });
    expect(request.destination).toEqual({
      country: 'CA',
      region: 'CA-QC',
      postalCode: 'H3Z 2Y7',
      city: 'Montréal; QC',
      precision: 'POSTAL_CODE',
    });
    expect(quoteIdOf(request, SEAL)).toBe(`CA:${A}x1;currency=CAD;region=CA-QC;postal=H3Z%202Y7;city=Montr%C3%A9al%3B%20QC`);
    expect(parseQuoteId(quoteIdOf(request, SEAL), SEAL)).toEqual(request);
    // An id whose postal code lies outside its region was not made by us: refused as the request would be.
    expect(codeOf(() => parseQuoteId(`CA:${A}x1;region=CA-QC;postal=M5V%203L9`, SEAL))).toMatch(
      /^BAD_USER_INPUT: postalCode "M5V 3L9" is not in region CA-QC/,
    );
  });
  it('refuse zero, fractional and absurd quantities, naming the line', () => {
    expect(codeOf(() => normaliseQuoteRequest([{ productId: A, quantity: 0 }], 'DE'))).toMatch(
      /^BAD_USER_INPUT: Invalid quantity 0 on line 1/,
    );
    expect(codeOf(() => normaliseQuoteRequest([{ productId: A, quantity: 1.5 }], 'DE'))).toMatch(/^BAD_USER_INPUT/);
    expect(
      codeOf(() =>
        normaliseQuoteRequest(
          [
            { productId: A, quantity: 600 },
            { productId: A, quantity: 600 },
          ],
          'DE',
        ),
      ),
    ).toMatch(/^BAD_USER_INPUT: Too many units/);
  });
  it('refuse malformed product ids and empty quotes', () => {
    expect(codeOf(() => normaliseQuoteRequest([{ productId: 'abc', quantity: 1 }], 'DE'))).toMatch(
      /^BAD_USER_INPUT: Malformed product id "abc"/,
    );
    expect(codeOf(() => normaliseQuoteRequest([], 'DE'))).toMatch(/^BAD_USER_INPUT: A quote needs at least one line/);
  });
});

describe('the Korean PCCC on a quote request', () => {
  const B = '64f0c0ffee0000000000000b';
  it('is normalised ("P" + 12 digits), travels in the id sealed, and comes back from it', () => {
    const request = normaliseQuoteRequest([{ productId: B, quantity: 1 }], 'KR', { personalCustomsCode: ' p1234 5678-9012 ' });
    expect(request.personalCustomsCode).toBe('P123456789012');
    const id = quoteIdOf(request, SEAL);
    // The id is deterministic and never shows the code (or its digits) in clear.
    expect(id).toMatch(new RegExp(`^KR:${B}x1;pcc=[A-Za-z0-9_-]+$`));
    expect(id).not.toContain('123456789012');
    expect(quoteIdOf(request, SEAL)).toBe(id);
    expect(parseQuoteId(id, SEAL)).toEqual(request);
  });
  it('cannot be read or forged without the secret: another secret or a changed token is a malformed id', () => {
    const request = normaliseQuoteRequest([{ productId: B, quantity: 1 }], 'KR', { personalCustomsCode: 'P123456789012' });
    const id = quoteIdOf(request, SEAL);
    const other = createPersonalDataSeal('another secret of enough length');
    expect(codeOf(() => parseQuoteId(id, other))).toMatch(/^BAD_USER_INPUT: Malformed quote id/);
    const token = id.slice(id.indexOf(';pcc=') + 5);
    const changed = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    expect(codeOf(() => parseQuoteId(id.replace(token, changed), SEAL))).toMatch(/^BAD_USER_INPUT: Malformed quote id/);
    // The old clear form is refused, not read.
    expect(codeOf(() => parseQuoteId(`KR:${B}x1;pccc=P123456789012`, SEAL))).toMatch(/^BAD_USER_INPUT: Malformed quote id/);
  });
  it('is BAD_USER_INPUT when malformed or for another country; absent it is null', () => {
    expect(() => normaliseQuoteRequest([{ productId: B, quantity: 1 }], 'KR', { personalCustomsCode: 'P12345' })).toThrow(
      /"P" followed by 12 digits/,
    );
    expect(() => normaliseQuoteRequest([{ productId: B, quantity: 1 }], 'DE', { personalCustomsCode: 'P123456789012' })).toThrow(
      /only used for deliveries to KR/,
    );
    expect(normaliseQuoteRequest([{ productId: B, quantity: 1 }], 'KR').personalCustomsCode).toBeNull();
  });
});

describe('the personal-data secret', () => {
  it('is required in production, named in the error; development has its own; a short one is refused', async () => {
    const { personalDataSecretOf } = await import('../../../subgraphs/products/subgraph.ts');
    expect(() => personalDataSecretOf({ NODE_ENV: 'production' })).toThrow(
      /MERIDIAN_PERSONAL_DATA_SECRET is required when NODE_ENV=production/,
    );
    expect(personalDataSecretOf({ NODE_ENV: 'production', MERIDIAN_PERSONAL_DATA_SECRET: 'x'.repeat(32) })).toBe('x'.repeat(32));
    expect(personalDataSecretOf({}).length).toBeGreaterThanOrEqual(16);
    expect(() => personalDataSecretOf({ MERIDIAN_PERSONAL_DATA_SECRET: 'short' })).toThrow(/at least 16 characters/);
  });
});
