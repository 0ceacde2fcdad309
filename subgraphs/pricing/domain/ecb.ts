import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { badUserInput } from '../../common/contract/errors.ts';
import { toDecimal } from './decimal.ts';
import type { FxRate } from './fx.ts';

/** The `source` stamped on every rate read from an ECB file. */
export const ECB_SOURCE = 'ECB';

/**
 * The ECB fixes its euro foreign exchange reference rates at about 16:00 Frankfurt time (the ECB
 * says "16:00 CET"; in summer that wall-clock time is CEST). The file only carries the date, so
 * we stamp each rate at that moment in Europe/Berlin.
 */
const FIXING_TIME = { hour: 16, minute: 0 } as const;
const FIXING_ZONE = 'Europe/Berlin';

export type EcbDailyRates = { readonly asOf: Date; readonly rates: FxRate[] };

type CubeNode = { '@_time'?: string; '@_currency'?: string; '@_rate'?: string; Cube?: CubeNode[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseAttributeValue: false, // rates stay exact strings ("180.12"), never floats
  processEntities: false, // the ECB file has none; refusing them closes entity-expansion tricks
  isArray: (name) => name === 'Cube',
});

/**
 * Parses the ECB daily reference-rate file (eurofxref-daily.xml: `gesmes:Envelope` → `Cube` →
 * `Cube time="YYYY-MM-DD"` → `Cube currency="USD" rate="1.1523"`) into EUR-based rates. Keeps
 * exactly the currencies the file lists (the ECB publishes ~30; KWD, for one, is not among them).
 * Anything that is not that format — other XML, a multi-day history file, a malformed rate — is
 * rejected with BAD_USER_INPUT saying what was wrong.
 */
export function parseEcbDailyXml(xml: string): EcbDailyRates {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw notEcb(`not well-formed XML (${valid.err.msg} at line ${valid.err.line})`);
  }
  const document = parser.parse(xml) as Record<string, unknown>;
  const envelope = document['gesmes:Envelope'] as { Cube?: CubeNode[] } | undefined;
  if (!envelope || typeof envelope !== 'object') throw notEcb('root element gesmes:Envelope is missing');

  const days = envelope.Cube?.[0]?.Cube ?? [];
  if (days.length !== 1) {
    throw notEcb(`expected exactly one <Cube time="…"> day (the daily file), found ${days.length}`);
  }
  const day = days[0] as CubeNode;
  const asOf = fixingTimeOf(day['@_time']);

  const seen = new Set<string>();
  const rates = (day.Cube ?? []).map((cube): FxRate => {
    const currency = cube['@_currency'];
    const rate = cube['@_rate'];
    if (!currency || !/^[A-Z]{3}$/.test(currency)) throw notEcb(`invalid currency attribute "${String(currency)}"`);
    if (seen.has(currency)) throw notEcb(`currency ${currency} appears twice`);
    seen.add(currency);
    if (rate === undefined || !/^\d+(\.\d+)?$/.test(rate) || toDecimal(rate, 'rate').lte(0)) {
      throw notEcb(`invalid rate "${String(rate)}" for ${currency}`);
    }
    return { base: 'EUR', quote: currency, rate, source: ECB_SOURCE, asOf };
  });
  if (rates.length === 0) throw notEcb('the day lists no rates');
  return { asOf, rates };
}

function fixingTimeOf(time: string | undefined): Date {
  const date = time && /^\d{4}-\d{2}-\d{2}$/.test(time) ? DateTime.fromISO(time, { zone: FIXING_ZONE }) : null;
  if (!date?.isValid) throw notEcb(`invalid Cube time "${String(time)}" (expected YYYY-MM-DD)`);
  return date.set(FIXING_TIME).toJSDate();
}

function notEcb(reason: string): Error {
  return badUserInput(`Not an ECB daily reference-rate file: ${reason}`, { reason });
}
