// Entry point that runs the products subgraph alone (production deploys each subgraph as its own service).
import { runSubgraph } from '../common/run-subgraph.ts';
import { productsSubgraph } from './subgraph.ts';

await runSubgraph(productsSubgraph);
