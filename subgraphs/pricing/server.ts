// Entry point that runs the pricing subgraph alone (production deploys each subgraph as its own service).
import { runSubgraph } from '../common/run-subgraph.ts';
import { pricingSubgraph } from './subgraph.ts';

await runSubgraph(pricingSubgraph);
