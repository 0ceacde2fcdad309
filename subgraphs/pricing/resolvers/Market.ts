import { currencyExponent, type PresentmentRule } from '../domain/index.ts';
import type { MarketRecord } from '../mappers.ts';

const TAX_DISPLAY = { inclusive: 'INCLUSIVE', exclusive: 'EXCLUSIVE' } as const;

/** The presentment rule in words, e.g. `nearest 0.05` for Switzerland or `round up to .99` for a charm ending. */
export function describeRoundingRule(rule: PresentmentRule, currency: string): string {
  switch (rule.kind) {
    case 'exponent': {
      const exponent = currencyExponent(currency);
      return `nearest ${exponent === 0 ? '1' : `0.${'1'.padStart(exponent, '0')}`}`;
    }
    case 'increment':
      return `nearest ${rule.increment}`;
    case 'charm':
      return `round up to ${rule.ending.replace(/^0/, '')}`;
    default: {
      const unknown: never = rule;
      throw new Error(`Unknown presentment rule ${JSON.stringify(unknown)}`);
    }
  }
}

/** `Market`: the stored rules, with enums in their GraphQL spelling. */
export const Market = {
  taxDisplay: (market: MarketRecord) => TAX_DISPLAY[market.taxDisplay],
  roundingRule: (market: MarketRecord) => describeRoundingRule(market.presentment, market.currency),
};
