import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';

/**
 * Seals personal data that must travel inside an id (a quote's Korean customs code) so that the id reveals nothing
 * to whoever logs, caches or stores it: AES-256-GCM under a key derived from the deployment's secret, with the IV
 * derived from the plaintext (a synthetic IV), so the same code always seals the same way and a quote's id stays
 * deterministic. Equal codes give equal tokens; nothing else leaks, and a changed token fails authentication.
 */
export interface PersonalDataSeal {
  seal(plaintext: string): string;
  /** The plaintext, or null when the token was not sealed under this secret or was changed. */
  open(token: string): string | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createPersonalDataSeal(secret: string): PersonalDataSeal {
  if (secret.length < 16) throw new Error('The personal-data secret must be at least 16 characters');
  const key = createHash('sha256').update(`meridian personal data seal\0${secret}`).digest();
  return {
    seal(plaintext) {
      const iv = createHmac('sha256', key).update(plaintext).digest().subarray(0, IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(token) {
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length <= IV_BYTES + TAG_BYTES || bytes.toString('base64url') !== token) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
