import { durableCollection } from '../subgraphs/common/durability.ts';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Schema, type Connection, type Model } from 'mongoose';
import { clientNameOf } from './partner-context.ts';

/** One client's use of one schema field in one hour. */
export interface FieldUsageRecord {
  client: string;
  /** Start of the UTC hour. */
  hour: Date;
  /** Schema coordinate, `Type.field`. */
  field: string;
  /** Operations in that hour that selected the field. */
  count: number;
  /** Latest such operation. */
  lastSeen: Date;
}

/** How long hourly usage is kept: a little over a year, so "unused in N days" can look back that far. */
export const USAGE_RETENTION_DAYS = 400;

const fieldUsageSchema = new Schema<FieldUsageRecord>(
  {
    client: { type: String, required: true },
    hour: { type: Date, required: true },
    field: { type: String, required: true },
    count: { type: Number, required: true },
    lastSeen: { type: Date, required: true },
  },
  { collection: 'field_usage', versionKey: false },
);
fieldUsageSchema.index({ client: 1, hour: 1, field: 1 }, { unique: true });
fieldUsageSchema.index({ hour: 1 }, { expireAfterSeconds: USAGE_RETENTION_DAYS * 24 * 3600 });
durableCollection(fieldUsageSchema);

/** The usage model on the gateway's own database. */
export function fieldUsageModel(connection: Connection): Model<FieldUsageRecord> {
  return (
    (connection.models.FieldUsage as Model<FieldUsageRecord> | undefined) ??
    connection.model<FieldUsageRecord>('FieldUsage', fieldUsageSchema)
  );
}

/** Every field (`Type.field`) an operation document selects, introspection fields left out. */
export function fieldCoordinatesOf(document: DocumentNode, schema: GraphQLSchema): string[] {
  const typeInfo = new TypeInfo(schema);
  const coordinates = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent && !node.name.value.startsWith('__')) coordinates.add(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return [...coordinates].sort();
}

/** Options of {@link createUsageRecorder}. */
export interface UsageRecorderOptions {
  model: Model<FieldUsageRecord>;
  /** How often the hourly counters go to MongoDB, in ms. Default `MERIDIAN_USAGE_FLUSH_MS` or 10 000. */
  flushIntervalMs?: number;
  /**
   * Most distinct (client, hour, document) counters held between flushes; past it, requests are not counted
   * (and `dropped` says how many) until the next flush. Bounds memory whatever the traffic. Default 10 000.
   */
  maxPending?: number;
  /** Clock. Default `Date.now`. */
  now?: () => number;
  /** Reports a failed flush (the counters are kept for the next one, within `maxPending`). */
  onError?: (error: unknown) => void;
}

interface PendingUsage {
  client: string;
  hour: number;
  fields: string[];
  count: number;
  lastSeen: number;
}

/** Records which fields each client's operations use, aggregated per hour, written to MongoDB in the background. */
export interface UsageRecorder {
  plugin: ApolloServerPlugin<BaseContext>;
  /** Counts one operation: O(1) on the request path; fields are computed once per distinct document. */
  record(client: string, queryHash: string, document: DocumentNode, schema: GraphQLSchema): void;
  /** Writes the counters gathered so far. */
  flush(): Promise<void>;
  /** Requests not counted because `maxPending` was reached. */
  readonly dropped: number;
  /** Counters waiting for the next flush. */
  readonly pending: number;
}

const HOUR_MS = 3_600_000;

interface FieldTotal {
  client: string;
  hour: number;
  field: string;
  count: number;
  lastSeen: number;
}

/** Sums pending counters per (client, hour, field): many documents share fields. */
function totalsPerField(batch: Map<string, PendingUsage>): FieldTotal[] {
  const totals = new Map<string, FieldTotal>();
  for (const usage of batch.values()) {
    for (const field of usage.fields) {
      const key = `${usage.client}\u0000${usage.hour}\u0000${field}`;
      const total = totals.get(key);
      if (total) {
        total.count += usage.count;
        total.lastSeen = Math.max(total.lastSeen, usage.lastSeen);
      } else totals.set(key, { client: usage.client, hour: usage.hour, field, count: usage.count, lastSeen: usage.lastSeen });
    }
  }
  return [...totals.values()];
}

/** Adds each total to its hourly document (upserted). */
async function writeTotals(model: Model<FieldUsageRecord>, totals: FieldTotal[]): Promise<void> {
  await model.bulkWrite(
    totals.map((total) => ({
      updateOne: {
        filter: { client: total.client, hour: new Date(total.hour * HOUR_MS), field: total.field },
        update: { $inc: { count: total.count }, $max: { lastSeen: new Date(total.lastSeen) } },
        upsert: true,
      },
    })),
    { ordered: false },
  );
}

/** Puts a batch that failed to write back into `pending`, as far as `maxPending` allows. */
function keepForNextFlush(pending: Map<string, PendingUsage>, batch: Map<string, PendingUsage>, maxPending: number): void {
  for (const [key, usage] of batch) {
    if (pending.size >= maxPending) break;
    const newer = pending.get(key);
    if (newer) {
      newer.count += usage.count;
    } else pending.set(key, usage);
  }
}

/** Counts each resolved operation for its client, and flushes on an interval while the server runs (and once as it stops). */
function usagePlugin(
  record: UsageRecorder['record'],
  flush: () => Promise<void>,
  flushIntervalMs: number,
): ApolloServerPlugin<BaseContext> {
  let timer: NodeJS.Timeout | undefined;
  return {
    async serverWillStart() {
      timer = setInterval(() => void flush(), flushIntervalMs);
      timer.unref();
      return {
        async serverWillStop() {
          clearInterval(timer);
          await flush();
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { document, queryHash, schema } = requestContext;
          record(clientNameOf(requestContext.contextValue), queryHash, document, schema);
        },
      };
    },
  };
}

/** Counts field usage per client and hour in memory, and writes it to `options.model` every `flushIntervalMs`. */
export function createUsageRecorder(options: UsageRecorderOptions): UsageRecorder {
  const flushIntervalMs = options.flushIntervalMs ?? Number(process.env.MERIDIAN_USAGE_FLUSH_MS ?? 10_000);
  const maxPending = options.maxPending ?? 10_000;
  const now = options.now ?? Date.now;
  // Apollo keeps parsed documents in its document store, so the same DocumentNode comes back for the same text.
  const coordinatesByDocument = new WeakMap<DocumentNode, string[]>();
  let pending = new Map<string, PendingUsage>();
  let dropped = 0;
  let flushing: Promise<void> = Promise.resolve();

  const record: UsageRecorder['record'] = (client, queryHash, document, schema) => {
    const at = now();
    const hour = Math.floor(at / HOUR_MS);
    const key = `${client}\u0000${hour}\u0000${queryHash}`;
    const entry = pending.get(key);
    if (entry) {
      entry.count += 1;
      entry.lastSeen = at;
      return;
    }
    if (pending.size >= maxPending) {
      dropped += 1;
      return;
    }
    let fields = coordinatesByDocument.get(document);
    if (!fields) {
      fields = fieldCoordinatesOf(document, schema);
      coordinatesByDocument.set(document, fields);
    }
    pending.set(key, { client, hour, fields, count: 1, lastSeen: at });
  };

  async function writePending(): Promise<void> {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    try {
      await writeTotals(options.model, totalsPerField(batch));
    } catch (error) {
      // Keep what fits for the next attempt rather than lose an hour of usage to a database blip.
      keepForNextFlush(pending, batch, maxPending);
      options.onError?.(error);
    }
  }

  const flush = () => {
    flushing = flushing.then(writePending);
    return flushing;
  };

  return {
    plugin: usagePlugin(record, flush, flushIntervalMs),
    record,
    flush,
    get dropped() {
      return dropped;
    },
    get pending() {
      return pending.size;
    },
  };
}
