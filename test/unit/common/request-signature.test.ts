import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, subgraphSecretFromEnv, verifyBody } from '../../../subgraphs/common/request-signature.ts';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const BODY = '{"query":"{ _service { sdl } }"}';
const NOW = Date.UTC(2026, 11, 7, 6, 0, 0);

describe('subgraph request signatures', () => {
  it('are t=<seconds>,v1=<HMAC-SHA256 of "t.body">, so any HTTP client can produce one', () => {
    const expected = createHmac('sha256', SECRET)
      .update(`${NOW / 1_000}.${BODY}`)
      .digest('hex');
    expect(signBody(SECRET, BODY, NOW)).toBe(`t=${NOW / 1_000},v1=${expected}`);
  });

  it('verify for the same secret and body within five minutes either way', () => {
    expect(verifyBody(SECRET, BODY, signBody(SECRET, BODY, NOW), NOW + 300_000)).toBe('ok');
    expect(verifyBody(SECRET, BODY, signBody(SECRET, BODY, NOW), NOW - 300_000)).toBe('ok');
  });

  it('say why they are refused: none, malformed, too old, another secret or another body', () => {
    expect(verifyBody(SECRET, BODY, undefined, NOW)).toBe('missing');
    expect(verifyBody(SECRET, BODY, 'v1=abc', NOW)).toBe('malformed');
    expect(verifyBody(SECRET, BODY, [signBody(SECRET, BODY, NOW), signBody(SECRET, BODY, NOW)], NOW)).toBe('malformed');
    expect(verifyBody(SECRET, BODY, signBody(SECRET, BODY, NOW), NOW + 301_000)).toBe('expired');
    expect(verifyBody(SECRET, BODY, signBody(`${SECRET}x`, BODY, NOW), NOW)).toBe('mismatch');
    expect(verifyBody(SECRET, `${BODY} `, signBody(SECRET, BODY, NOW), NOW)).toBe('mismatch');
  });

  it('need SUBGRAPH_SHARED_SECRET of 32 characters or more', () => {
    expect(subgraphSecretFromEnv({ SUBGRAPH_SHARED_SECRET: SECRET })).toBe(SECRET);
    expect(() => subgraphSecretFromEnv({})).toThrow(/^SUBGRAPH_SHARED_SECRET must be set .* got none\. "npm start" generates one\.$/);
    expect(() => subgraphSecretFromEnv({ SUBGRAPH_SHARED_SECRET: 'short' })).toThrow(/got 5 characters/);
  });
});
