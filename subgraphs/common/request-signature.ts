import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError } from './config-error.ts';

/**
 * The header the gateway signs every subgraph request with: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 * An HMAC rather than the secret itself in a header: the secret never travels (a proxy, access log or trace that
 * records headers learns nothing reusable), a body altered in flight fails the check, and a captured request
 * is refused once it is older than {@link SIGNATURE_MAX_AGE_SECONDS}.
 */
export const SIGNATURE_HEADER = 'x-meridian-signature';

/** How far a signature's time may be from the subgraph's clock: the skew two hosts' clocks may have. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;

/** Shortest secret accepted: 32 characters, as `openssl rand -base64 32` or `npm start` give. */
const MIN_SECRET_LENGTH = 32;

function hmacOf(secret: string, timestamp: string, body: string): Buffer {
  return createHmac('sha256', secret).update(timestamp).update('.').update(body).digest();
}

/** The signature header's value for `body` at `nowMs`. */
export function signBody(secret: string, body: string, nowMs = Date.now()): string {
  const timestamp = String(Math.floor(nowMs / 1_000));
  return `t=${timestamp},v1=${hmacOf(secret, timestamp, body).toString('hex')}`;
}

/** Why a request's signature was refused, or `ok`. */
export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'expired' | 'mismatch';

/** Checks `header` (the signature header as received) against `body`, in constant time. */
export function verifyBody(secret: string, body: string, header: string | string[] | undefined, nowMs = Date.now()): SignatureCheck {
  if (header === undefined || header === '') return 'missing';
  const match = typeof header === 'string' ? /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!match) return 'malformed';
  const [, timestamp = '', hex = ''] = match;
  if (Math.abs(nowMs / 1_000 - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS) return 'expired';
  return timingSafeEqual(hmacOf(secret, timestamp, body), Buffer.from(hex, 'hex')) ? 'ok' : 'mismatch';
}

/**
 * `SUBGRAPH_SHARED_SECRET`: the secret the gateway signs subgraph requests with and subgraphs check. Required by
 * both (`npm start` and the test stack generate one per run). Throws naming the variable when missing or short.
 */
export function subgraphSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.SUBGRAPH_SHARED_SECRET ?? '';
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      'SUBGRAPH_SHARED_SECRET',
      `SUBGRAPH_SHARED_SECRET must be set to the same secret of at least ${MIN_SECRET_LENGTH} characters for the gateway and every subgraph ` +
        `(e.g. "openssl rand -base64 32"); got ${secret === '' ? 'none' : `${secret.length} characters`}. "npm start" generates one.`,
    );
  }
  return secret;
}
