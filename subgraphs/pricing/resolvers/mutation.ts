import type { MutationResolvers } from '../generated/resolver-types.ts';
import { confirmCheckout } from '../services/confirm-checkout.ts';

/** Root mutations of the pricing subgraph: checkout at locked amounts. */
export const Mutation: MutationResolvers = {
  confirmCheckout: (_root, args, context) => confirmCheckout(args.fxLockId, args.quoteId, context),
};
