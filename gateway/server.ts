// Entry point that runs the gateway alone (production deploys it as its own service; `npm start` runs it as a
// child process). Subgraph URLs come from `<NAME>_URL` (default: the supergraph's), the port from
// `GATEWAY_PORT`; `GATEWAY_WORKERS=N` runs N worker processes sharing that port, so the gateway — the part
// that plans every request and merges every response — can use more than one core. The primary of several
// workers only forks and supervises them: the gateway's code is loaded in the workers alone (serve-gateway.ts).
import cluster from 'node:cluster';
import { readConfig } from '../subgraphs/common/config.ts';
import { parseTrustedProxies } from '../subgraphs/common/client-address.ts';
import { connectionLimitsFromEnv, GATEWAY_CONNECTION_LIMITS } from '../subgraphs/common/connection-guard.ts';
import { subgraphSecretFromEnv } from '../subgraphs/common/request-signature.ts';
import { logger } from '../subgraphs/common/logger.ts';
import { CONFIG_EXIT_CODE, reportStartupErrors } from '../subgraphs/common/startup-errors.ts';
import { stopWhenParentExits } from '../subgraphs/common/supervised.ts';
import { serveClusterMetrics } from './cluster-metrics.ts';
import { gatewayOptionsFromEnv } from './gateway-env.ts';

reportStartupErrors('gateway');
const config = readConfig();

// Read before forking, so a malformed limit stops the gateway at once with its name.
const limits = gatewayOptionsFromEnv();
const connectionLimits = connectionLimitsFromEnv(GATEWAY_CONNECTION_LIMITS);
const trustedProxies = parseTrustedProxies(process.env.GATEWAY_TRUSTED_PROXIES);
const subgraphSecret = subgraphSecretFromEnv();

if (cluster.isPrimary && config.gatewayWorkers > 1) {
  const workers = Array.from({ length: config.gatewayWorkers }, () => cluster.fork());
  serveClusterMetrics();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of workers) if (worker.isConnected()) worker.send('stop');
    // A worker that cannot stop gracefully within the grace period is ended.
    setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, 5_000).unref();
  };
  let configFailure = false;
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      // A worker stopped by its configuration (a busy port) has said why in one line; the others stop with it.
      if (code === CONFIG_EXIT_CODE) configFailure = true;
      else logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; stopping the gateway');
      stop();
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(configFailure ? CONFIG_EXIT_CODE : stopping ? 0 : 1);
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stopWhenParentExits(stop);
} else {
  const { serveGateway } = await import('./serve-gateway.ts');
  await serveGateway({ limits, connectionLimits, trustedProxies, subgraphSecret });
}
