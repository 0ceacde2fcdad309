import { parseQuoteId, quoteIdOf } from '../domain/index.ts';
import type { QuoteLineResolvers, QuoteResolvers } from '../generated/resolver-types.ts';
import type { ProductDocument } from '../mappers.ts';

export const Quote: QuoteResolvers = {
  __resolveReference: (reference, { personalData }) => parseQuoteId(reference.id, personalData),
  id: (quote, _args, { personalData }) => quoteIdOf(quote, personalData),
  lines: (quote) => quote.lines,
  personalCustomsCode: (quote) => quote.personalCustomsCode,
  shipToRegion: (quote) => quote.destination.region,
  shipToPostalCode: (quote) => quote.destination.postalCode,
  shipToCity: (quote) => quote.destination.city,
  destinationPrecision: (quote) => quote.destination.precision,
};

export const QuoteLine: QuoteLineResolvers = {
  // A quote's products exist (`startQuote` checks them); were one deleted since, graphql-js reports the null
  // in a non-null field.
  product: (line, _args, { loaders }) => loaders.productById.load(line.productId) as Promise<ProductDocument>,
};
