// Entry point that runs the gateway alone (production deploys it as its own service; `npm start` runs it as a
// child process). Subgraph URLs come from `<NAME>_URL` (default: the supergraph's), the port from
// `GATEWAY_PORT`; `GATEWAY_WORKERS=N` runs up to N worker processes sharing that port, so the gateway — the part
// that plans every request and merges every response — can use more than one core: `GATEWAY_MIN_WORKERS` (default
// 1) at rest, more while they are busy (worker-scaling.ts). The primary of several workers only forks, scales and
// supervises them: the gateway's code is loaded in the workers alone (serve-gateway.ts).
import cluster from 'node:cluster';
import { readConfig } from '../subgraphs/common/config.ts';
import { parseTrustedProxies } from '../subgraphs/common/client-address.ts';
import { connectionLimitsFromEnv, GATEWAY_CONNECTION_LIMITS } from '../subgraphs/common/connection-guard.ts';
import { subgraphSecretFromEnv } from '../subgraphs/common/request-signature.ts';
import { returnMemoryWhenIdle } from '../subgraphs/common/idle-memory.ts';
import { logger } from '../subgraphs/common/logger.ts';
import { CONFIG_EXIT_CODE, reportStartupErrors } from '../subgraphs/common/startup-errors.ts';
import { stopWhenParentExits } from '../subgraphs/common/supervised.ts';
import { serveClusterMetrics } from './cluster-metrics.ts';
import { gatewayOptionsFromEnv } from './gateway-env.ts';
import { LOAD_REPORT_EVERY_MS, WORKER_LOAD_MESSAGE, WORKER_LOAD_THRESHOLDS, WorkerScaler } from './worker-scaling.ts';

reportStartupErrors('gateway');
const config = readConfig();

// Read before forking, so a malformed limit stops the gateway at once with its name.
const limits = gatewayOptionsFromEnv();
const connectionLimits = connectionLimitsFromEnv(GATEWAY_CONNECTION_LIMITS);
const trustedProxies = parseTrustedProxies(process.env.GATEWAY_TRUSTED_PROXIES);
const subgraphSecret = subgraphSecretFromEnv();

if (cluster.isPrimary && config.gatewayWorkers > 1) {
  serveClusterMetrics();
  const scaler = new WorkerScaler({
    ...WORKER_LOAD_THRESHOLDS,
    min: config.gatewayMinWorkers,
    max: config.gatewayWorkers,
    retireAfterQuietMs: config.gatewayRetireQuietWorkerMs,
  });
  // Each serving worker's latest event-loop utilization; a worker reports once it listens.
  const loads = new Map<number, number>();
  const retiring = new Set<number>();
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: { type?: string; utilization?: number }) => {
      if (message?.type === WORKER_LOAD_MESSAGE && typeof message.utilization === 'number') loads.set(worker.id, message.utilization);
    });
  };
  const workers = () => Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
  for (let index = 0; index < config.gatewayMinWorkers; index++) fork();
  let stopping = false;
  const scaling = setInterval(() => {
    if (stopping) return;
    const serving = workers().filter((worker) => !retiring.has(worker.id));
    const reporting = serving.filter((worker) => loads.has(worker.id));
    const decision = scaler.observe(
      Date.now(),
      reporting.map((worker) => loads.get(worker.id)!),
      serving.length - reporting.length,
    );
    if (decision === 'start') {
      logger.info({ workers: serving.length + 1 }, 'gateway workers busy: starting one more');
      fork();
    } else if (decision === 'retire') {
      const newest = reporting.reduce((latest, worker) => (worker.id > latest.id ? worker : latest));
      retiring.add(newest.id);
      logger.info({ workers: serving.length - 1, pid: newest.process.pid }, 'gateway workers quiet: retiring one');
      newest.send('stop');
    }
  }, LOAD_REPORT_EVERY_MS);
  scaling.unref();
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(scaling);
    for (const worker of workers()) if (worker.isConnected()) worker.send('stop');
    // A worker that cannot stop gracefully within the grace period is ended.
    setTimeout(() => {
      for (const worker of workers()) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, 5_000).unref();
  };
  let configFailure = false;
  cluster.on('exit', (worker, code, signal) => {
    loads.delete(worker.id);
    if (retiring.delete(worker.id)) {
      // A retired worker finishes its requests and exits; the gateway goes on with the others.
      if (code !== 0) logger.warn({ pid: worker.process.pid, code, signal }, 'retired gateway worker exited abnormally');
      return;
    }
    if (!stopping) {
      // A worker stopped by its configuration (a busy port) has said why in one line; the others stop with it.
      if (code === CONFIG_EXIT_CODE) configFailure = true;
      else logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; stopping the gateway');
      stop();
    }
    if (workers().length === 0) process.exit(configFailure ? CONFIG_EXIT_CODE : stopping ? 0 : 1);
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stopWhenParentExits(stop);
  returnMemoryWhenIdle();
} else {
  const { serveGateway } = await import('./serve-gateway.ts');
  await serveGateway({ limits, connectionLimits, trustedProxies, subgraphSecret });
}
