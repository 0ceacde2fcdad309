import { parseEcbDailyXml } from './domain/ecb.ts';
import type { PricingModels } from './models.ts';

/**
 * Stores the rates of one ECB daily reference-rate file (`eurofxref-daily.xml` format). Rates keep their
 * publication time, so history accumulates and conversions pick the newest rate not after "now"; importing the
 * same file twice changes nothing. Returns the file's date and how many rates it held.
 */
export async function importEcbRates(models: PricingModels, xml: string): Promise<{ asOf: Date; rates: number }> {
  const { asOf, rates } = parseEcbDailyXml(xml);
  if (rates.length > 0) {
    await models.FxRate.bulkWrite(
      rates.map((rate) => ({
        replaceOne: { filter: { base: rate.base, quote: rate.quote, asOf: rate.asOf }, replacement: { ...rate }, upsert: true },
      })),
    );
  }
  return { asOf, rates: rates.length };
}
