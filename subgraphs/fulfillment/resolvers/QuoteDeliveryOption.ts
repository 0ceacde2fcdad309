import { chargesOf, type QuoteOptionParent, type WindowParent } from './Quote.ts';

/** One service level for a whole cart. */
export const QuoteDeliveryOption = {
  level: ({ option }: QuoteOptionParent) => option.level,
  recommended: ({ recommended }: QuoteOptionParent) => recommended,
  window: ({ option, destination }: QuoteOptionParent): WindowParent => ({ earliest: option.earliest, latest: option.latest, destination }),
  // The carriers' prices in the lanes' currencies; pricing converts them for the destination's market.
  charges: ({ option, destination }: QuoteOptionParent) => chargesOf(option, destination),
};

