import { Decimal as DefaultDecimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProducts } from '../../scripts/seed/catalog.ts';
import { MARKETS } from '../../scripts/seed/pricing-reference.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  // Every market's whole catalog, explained, is far more than one shopper's rate budget.
  stack = await startTestStack({ rateLimit: false });
});
afterAll(async () => {
  await stack?.stop();
});

interface Step {
  kind: string;
  label: string;
  amount: string;
  currency: string;
  runningTotal: string;
  ratePercent: string | null;
  exchangeRate: string | null;
  basis: string | null;
}
interface ExplainedPrice {
  amount: { amount: string; currencyCode: string };
  net: { amount: string };
  excise: { amount: string };
  tax: { amount: { amount: string } };
  duty: { amount: { amount: string }; importTax: { amount: string }; included: boolean; basis: string } | null;
  source: string;
  explanation: { amount: string; currency: string; steps: Step[] };
}

// Exact sums: explanation amounts carry every digit of a product of rates (decimal.js defaults to 20 significant digits).
const Decimal = DefaultDecimal.clone({ precision: 200 });

const PRICE_FIELDS = /* GraphQL */ `
  amount { amount currencyCode } net { amount } excise { amount } tax { amount { amount } } source
  duty { amount { amount } importTax { amount } included basis }
  explanation { amount currency steps { kind label amount currency runningTotal ratePercent exchangeRate basis } }
`;

/** The steps in the shown currency: from the last conversion on. */
function shownSteps(steps: Step[]): Step[] {
  const last = steps.map((step) => step.kind).lastIndexOf('FX_CONVERSION');
  return steps.slice(Math.max(last, 0));
}

const sum = (steps: Step[]) => steps.reduce((total, step) => total.plus(step.amount), new Decimal(0));

async function pricesIn(country: string): Promise<Map<string, ExplainedPrice>> {
  const response = await graphql(
    stack.gatewayUrl,
    `{ products(first: 100) { nodes { sku price(country: ${country}) { ${PRICE_FIELDS} } } } }`,
  );
  expect(response.errors).toBeUndefined();
  return new Map(response.data.products.nodes.map((node: { sku: string; price: ExplainedPrice }) => [node.sku, node.price]));
}

describe('Product.price.explanation', () => {
  it('adds up exactly to the shown amount for every seeded product in every market', async () => {
    const skus = seedProducts().map((product) => product.sku);
    for (const market of MARKETS) {
      const prices = await pricesIn(market.country);
      expect([...prices.keys()].sort()).toEqual([...skus].sort());
      for (const [sku, price] of prices) {
        const { steps } = price.explanation;
        expect(price.explanation.amount, `${sku} in ${market.country}`).toBe(price.amount.amount);
        expect(price.explanation.currency).toBe(price.amount.currencyCode);
        expect(sum(shownSteps(steps)).eq(price.amount.amount), `${sku} in ${market.country}: ${JSON.stringify(steps)}`).toBe(true);
        // Each running total is the previous one plus the step (a conversion restarts it).
        steps.forEach((step, index) => {
          if (index === 0 || step.kind === 'FX_CONVERSION') return;
          expect(
            new Decimal(steps[index - 1]!.runningTotal).plus(step.amount).eq(step.runningTotal),
            `${sku} in ${market.country} step ${index}: ${JSON.stringify(steps)}`,
          ).toBe(true);
        });
        expect(new Decimal(steps.at(-1)!.runningTotal).eq(price.amount.amount)).toBe(true);
        expect(steps[0]!.kind).toBe(price.source === 'CONVERTED' ? 'BASE_PRICE' : 'PRICE_BOOK');
        // The legal split adds up to the shown price too: net + VAT (+ duty + import VAT under DDP).
        const inclusive = market.taxDisplay === 'inclusive';
        const dutyIn = price.duty?.included ? new Decimal(price.duty.amount.amount).plus(price.duty.importTax.amount) : new Decimal(0);
        const split = new Decimal(price.net.amount)
          .plus(inclusive ? price.tax.amount.amount : 0)
          .plus(dutyIn)
          .plus(price.excise.amount);
        expect(split.eq(price.amount.amount), `${sku} in ${market.country}: split ${split} vs ${price.amount.amount}`).toBe(true);
      }
    }
  });

  it('rebuilds an NL price of x.99 from the 28.00 USD base price of the tee', async () => {
    const prices = await pricesIn('NL');
    // The white tee is stocked only in New Jersey: an import into the EU (the navy one ships duty-free from Venlo).
    const tee = prices.get('APP-TEE-WHI')!;
    expect(tee.amount.amount).toMatch(/\.99$/);
    const kinds = tee.explanation.steps.map((step) => step.kind);
    // Alone, the tee is a consignment under €150 from the US: the EU's €3 flat duty (since 2026-07-01) and import
    // VAT on it, as steps of their own before the rounding.
    expect(kinds).toEqual(['BASE_PRICE', 'FX_CONVERSION', 'FX_MARGIN', 'TAX', 'DUTY', 'IMPORT_TAX', 'ROUNDING']);
    const [base, conversion, margin, vat, duty, importVat, rounding] = tee.explanation.steps as [Step, Step, Step, Step, Step, Step, Step];
    expect(base).toMatchObject({ amount: '28.00', currency: 'USD' });
    expect(duty).toMatchObject({
      label: 'EU low-value flat duty €3 × 1 item',
      amount: '3.00',
      ratePercent: null,
      basis: null,
    });
    expect(importVat).toMatchObject({ amount: '0.63', ratePercent: '21', basis: '3.00' });
    expect(tee.duty).toMatchObject({ basis: 'FLAT_LOW_VALUE', amount: { amount: '3.00' } });
    // Rebuild from the answer's own rates: 28 × rate, + margin %, + VAT %, + €3 and 21 % of it, then rounded up to .99.
    const converted = new Decimal(base.amount).times(conversion.exchangeRate!);
    expect(converted.eq(conversion.amount)).toBe(true);
    const net = converted.plus(converted.times(margin.ratePercent!).div(100));
    expect(new Decimal(vat.basis!).eq(net)).toBe(true);
    const exact = net.plus(net.times(vat.ratePercent!).div(100)).plus('3.00').plus('0.63');
    expect(exact.plus(rounding.amount).toFixed(2)).toBe(tee.amount.amount);
    expect(exact.ceil().minus('0.01').toFixed(2)).toBe(tee.amount.amount);
    expect(rounding.label).toContain('round up to .99');
  });

  it('applies NL’s .99 ending to the price the shopper sees, duty and import VAT included', async () => {
    const prices = await pricesIn('NL');
    for (const [sku, price] of prices) {
      if (price.source !== 'CONVERTED') continue;
      expect(price.amount.amount, sku).toMatch(/\.99$/);
    }
    // The down jacket (made in Vietnam, over €150) owes duty on the page: its steps add duty and import VAT before
    // the rounding.
    const down = prices.get('APP-DOWN-NAV')!;
    expect(down.duty?.included).toBe(true);
    expect(Number(down.duty?.amount.amount)).toBeGreaterThan(0);
    expect(down.explanation.steps.map((step) => step.kind)).toEqual(['BASE_PRICE', 'TAX', 'DUTY', 'IMPORT_TAX', 'ROUNDING']);
  });

  it('shows Swiss converted prices in 0.05 steps and Japanese ones in whole yen, with the rounding explained', async () => {
    for (const [country, pattern] of [
      ['CH', /\.(\d[05])$/],
      ['JP', /^\d+$/],
    ] as const) {
      const prices = await pricesIn(country);
      for (const [sku, price] of prices) {
        if (price.source !== 'CONVERTED') continue;
        expect(price.amount.amount, `${sku} in ${country}`).toMatch(pattern);
        if (country === 'CH') expect(Number(price.amount.amount.slice(-1)) % 5).toBe(0);
      }
    }
  });
});
