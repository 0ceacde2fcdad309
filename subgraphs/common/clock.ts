import { ConfigError } from './config-error.ts';

/** Where domain code gets "now" from. Injected, so tests and demos can pin time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that always answers the same instant. */
export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new Error(`Invalid instant for a fixed clock: ${String(instant)}`);
  return () => new Date(at);
}

/**
 * The clock for this process: `MERIDIAN_NOW` (ISO instant) pins it for demos and end-to-end tests;
 * refused in production, where only the system clock is right.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  if (!env.MERIDIAN_NOW) return systemClock;
  if (env.NODE_ENV === 'production') throw new ConfigError('MERIDIAN_NOW', 'MERIDIAN_NOW must not be set in production');
  return fixedClock(env.MERIDIAN_NOW);
}
