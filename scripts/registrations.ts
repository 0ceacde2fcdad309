// `npm run registrations -- add|list|end …`: the merchant's tax registrations for seller-collection schemes (EU IOSS,
// UK VAT at sale, VOEC, ARN, OVR, Swiss VAT), which decide who collects a consignment's VAT at checkout. Against
// the pricing database at MONGODB_URI; the clock is MERIDIAN_NOW when set (demos, tests), else the system's. Pricing
// reads registrations through its reference cache: a change is priced within MERIDIAN_REFERENCE_TTL_MS. `end` sets
// the end date and never deletes: a parcel's customs data keeps the number it was sent under. Exit code 0 when
// done, 1 when refused (the message says why; nothing was written), 2 on bad usage.
import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import { clockFromEnv } from '../subgraphs/common/clock.ts';
import { databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { DomainError, echoed } from '../subgraphs/common/contract/errors.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';
import type { TaxRegistration } from '../subgraphs/pricing/domain/index.ts';
import { createPricingModels } from '../subgraphs/pricing/models.ts';
import { addRegistration, endRegistration, listRegistrations } from '../subgraphs/pricing/services/manage-registrations.ts';

const USAGE = `Usage: MONGODB_URI=mongodb://… npm run registrations -- <command> …
  add  --scheme EU_IOSS --number IM5280000017 --destinations all|DE,FR [--from ISO] [--note TEXT]
  list [--scheme EU_IOSS] [--destination DE]
  end  --scheme EU_IOSS --number IM5280000017 [--at ISO]     sets its end (default now); never deletes
Schemes: EU_IOSS, UK_LOW_VALUE_VAT, NO_VOEC, AU_LVIG, SG_OVR, CH_MAIL_ORDER (see npm run data:check).`;

function usage(problem?: string): never {
  if (problem) console.error(problem);
  console.error(USAGE);
  process.exit(2);
}

let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      scheme: { type: 'string' },
      number: { type: 'string' },
      destinations: { type: 'string' },
      destination: { type: 'string' },
      from: { type: 'string' },
      at: { type: 'string' },
      note: { type: 'string' },
    },
  });
}
try {
  parsed = parseOptions();
} catch (error) {
  usage((error as Error).message);
}
const { positionals, values } = parsed;
const command = positionals[0];
if (!command || !['add', 'list', 'end'].includes(command) || positionals.length > 1)
  usage(command ? `Unknown command "${echoed(positionals.join(' '))}"` : undefined);
if (command !== 'list' && (!values.scheme || !values.number)) usage(`${command} needs --scheme and --number`);
if (command === 'add' && !values.destinations) usage('add needs --destinations (all, or countries such as DE,FR)');
const { mongodbUri } = readConfig();
if (!mongodbUri) usage('Set MONGODB_URI to the database server (npm start prints it)');

function instantOf(option: 'from' | 'at', now: Date): Date {
  const raw = values[option];
  if (raw === undefined) return now;
  const instant = new Date(raw);
  // An ISO 8601 date or instant; a date alone is midnight UTC.
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(raw) || Number.isNaN(instant.getTime())) {
    usage(`--${option} must be an ISO 8601 instant such as 2026-12-01T00:00:00Z, got "${echoed(raw)}"`);
  }
  return instant;
}

const line = (registration: TaxRegistration, state: string) =>
  `${registration.scheme.padEnd(17)} ${registration.number.padEnd(18)} ${registration.validFrom.toISOString()}  ` +
  `${(registration.validTo?.toISOString() ?? '(running)').padEnd(24)}  ${state.padEnd(7)} ${registration.destinations.join(',')}` +
  (registration.note ? `  — ${registration.note}` : '');

const now = clockFromEnv()();
let pricing: Connection | undefined;
try {
  pricing = await connectDatabase(mongodbUri, databaseNameOf('pricing'));
  const models = createPricingModels(pricing);
  await ensureIndexes(pricing);
  if (command === 'add') {
    const added = await addRegistration(models, {
      scheme: values.scheme!,
      number: values.number!,
      destinations: values.destinations!.split(','),
      validFrom: instantOf('from', now),
      note: values.note ?? null,
    });
    console.log(`Added ${added.scheme} ${added.number} from ${added.validFrom.toISOString()} for ${added.destinations.join(', ')}.`);
  } else if (command === 'end') {
    const ended = await endRegistration(models, values.scheme!, values.number!, instantOf('at', now));
    console.log(`Ended ${ended.scheme} ${ended.number} at ${ended.validTo!.toISOString()} (kept for the customs data of earlier parcels).`);
  } else {
    const rows = await listRegistrations(models, now, {
      ...(values.scheme ? { scheme: values.scheme } : {}),
      ...(values.destination ? { destination: values.destination } : {}),
    });
    if (rows.length === 0) console.log('No registrations.');
    else {
      console.log(
        `${'scheme'.padEnd(17)} ${'number'.padEnd(18)} ${'from'.padEnd(24)}  ${'until'.padEnd(24)}  ${'state'.padEnd(7)} destinations`,
      );
      for (const { registration, active } of rows)
        console.log(line(registration, active ? 'active' : registration.validFrom.getTime() > now.getTime() ? 'pending' : 'ended'));
    }
  }
} catch (error) {
  // A refusal names what to fix; anything else is reported by its message, without a stack.
  console.error(error instanceof DomainError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await pricing?.close();
}
