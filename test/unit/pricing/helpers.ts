import { expect } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import { moneyFromDecimal, toDecimalString, type Money } from '../../../subgraphs/pricing/domain/money.ts';

/** Money from a decimal string, for readable tests: eur('19.99'). */
export const money = (amount: string, currency: string): Money => moneyFromDecimal(amount, currency);
export const eur = (amount: string): Money => money(amount, 'EUR');

/** The decimal string of an amount, so expectations read like receipts. */
export const dec = (value: Money): string => toDecimalString(value);

/** Runs `fn`, expecting a DomainError with `code` whose message contains every `mentions`. */
export function expectDomainError(fn: () => unknown, code: string, ...mentions: string[]): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a DomainError to be thrown').toBeInstanceOf(DomainError);
  const error = caught as DomainError;
  expect(error.code).toBe(code);
  for (const mention of mentions) expect(error.message).toContain(mention);
  return error;
}
