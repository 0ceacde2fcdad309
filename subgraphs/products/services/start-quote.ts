import { notFound } from '../../common/contract/errors.ts';
import { normaliseQuoteRequest, type QuoteOptions, type QuoteRequest } from '../domain/index.ts';
import type { ProductLoaders } from '../loaders.ts';

/**
 * A quote for `lines` shipped to `shipToCountry`: the request validated and normalised, and every product
 * checked to exist (NOT_FOUND naming the first that does not).
 */
export async function startQuote(
  loaders: ProductLoaders,
  lines: readonly { productId: string; quantity: number }[],
  shipToCountry: string,
  options: QuoteOptions,
): Promise<QuoteRequest> {
  const request = normaliseQuoteRequest(lines, shipToCountry, options);
  const products = await loaders.productById.loadMany(request.lines.map((line) => line.productId));
  for (const [index, { productId }] of request.lines.entries()) {
    const product = products[index];
    if (!product || product instanceof Error) throw notFound(`Product "${productId}" does not exist`, { productId });
  }
  return request;
}
