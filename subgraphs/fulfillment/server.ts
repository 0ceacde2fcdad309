// Entry point that runs the fulfillment subgraph alone (production deploys each subgraph as its own service).
import { runSubgraph } from '../common/run-subgraph.ts';
import { fulfillmentSubgraph } from './subgraph.ts';

await runSubgraph(fulfillmentSubgraph);
