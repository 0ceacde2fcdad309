import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

// With GATEWAY_WORKERS > 1 each worker counts its own requests, and any worker may answer `GET /metrics`. So a
// worker asks the primary, which gathers every worker's registry through prom-client's cluster aggregation and
// answers with the sum: Prometheus sees the gateway, not whichever worker it happened to reach.

const REQUEST = 'meridian:metrics-request';
const RESPONSE = 'meridian:metrics-response';

/** In the primary: answers workers' requests for the whole gateway's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: RESPONSE, id: message.id, text }),
      (error: unknown) => worker.send({ type: RESPONSE, id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** In a worker: this worker's registry joins the aggregation; returns how to read the whole gateway's metrics. */
export function clusterMetricsReader(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries(registry);
  new AggregatorRegistry(); // registers this worker's answer to the primary's aggregation requests
  const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let next = 0;
  process.on('message', (message: { type?: string; id?: number; text?: string; error?: string }) => {
    if (message?.type !== RESPONSE || message.id === undefined) return;
    const request = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) request?.reject(new Error(message.error));
    else request?.resolve(message.text ?? '');
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      process.send!({ type: REQUEST, id });
    });
}
