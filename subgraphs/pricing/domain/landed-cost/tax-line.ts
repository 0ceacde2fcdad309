import { multiply } from '../money.ts';
import { applyTax, findTaxRate, type TaxRate } from '../tax.ts';
import { assertMarketCurrency, assertQuantity } from './assertions.ts';
import type { QuoteRules, TaxedLine } from './line-assessment.ts';
import type { QuoteLine } from './types.ts';

/**
 * Step 1: the line's net and VAT/GST, computed on the line total (not per unit) with one rounding step, from its
 * price as shown (gross or net, see `QuoteLine.priceIncludesTax`). Whether the VAT/GST is charged at checkout is
 * its consignment's collection (step 3).
 */
export function taxLine(line: QuoteLine, index: number, rules: QuoteRules, taxRates: readonly TaxRate[]): TaxedLine {
  assertQuantity(line);
  assertMarketCurrency(line.unitPrice, rules.currency, `unit price of ${line.productId}`);
  const taxRatePercent = findTaxRate(rules.market.country, line.taxCategory, taxRates);
  const lineTotal = multiply(line.unitPrice, line.quantity);
  const taxSplit = applyTax({
    price: lineTotal,
    rate: taxRatePercent,
    priceIncludesTax: line.priceIncludesTax ?? rules.priceIncludesTax,
    display: rules.market.taxDisplay,
    rounding: rules.mode,
  });
  return { index, line, taxRatePercent, lineTotal, taxSplit };
}
