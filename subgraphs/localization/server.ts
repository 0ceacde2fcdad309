// Entry point that runs the localization subgraph alone (production deploys each subgraph as its own service).
import { runSubgraph } from '../common/run-subgraph.ts';
import { localizationSubgraph } from './subgraph.ts';

await runSubgraph(localizationSubgraph);
