import { multiply } from '../money.ts';
import { applyTax, findTaxRate, type TaxRate } from '../tax.ts';
import { assertMarketCurrency, assertQuantity } from './assertions.ts';
import type { QuoteRules, TaxedLine } from './line-assessment.ts';
import type { QuoteLine } from './types.ts';

/**
 * Step 1: the line's VAT/GST, computed on the line total (not per unit) with one rounding step; the seller
 * charges it at checkout (IOSS / UK point-of-sale / registered-seller model).
 */
export function taxLine(line: QuoteLine, index: number, rules: QuoteRules, taxRates: readonly TaxRate[]): TaxedLine {
  assertQuantity(line);
  assertMarketCurrency(line.unitPrice, rules.currency, `unit price of ${line.productId}`);
  const taxRatePercent = findTaxRate(rules.market.country, line.taxCategory, taxRates);
  const lineTotal = multiply(line.unitPrice, line.quantity);
  const taxSplit = applyTax({
    price: lineTotal,
    rate: taxRatePercent,
    priceIncludesTax: rules.priceIncludesTax,
    display: rules.market.taxDisplay,
    rounding: rules.mode,
  });
  return { index, line, taxRatePercent, lineTotal, taxSplit };
}
