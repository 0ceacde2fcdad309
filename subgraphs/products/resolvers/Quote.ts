import { parseQuoteId, quoteIdOf, type QuoteRequest } from '../domain/index.ts';
import type { ProductsContext } from '../context.ts';

export const Quote = {
  __resolveReference: (reference: { id: string }) => parseQuoteId(reference.id),
  id: (quote: QuoteRequest) => quoteIdOf(quote),
  lines: (quote: QuoteRequest) => quote.lines.map((line) => ({ product: { id: line.productId }, quantity: line.quantity })),
};

export const QuoteLine = {
  product: (line: { product: { id: string } }, _args: unknown, { loaders }: ProductsContext) => loaders.productById.load(line.product.id),
};
