import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { SaxesParser } from 'saxes';
import { isRateHistoryCurrency } from '../../common/contract/currency.ts';
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

function notEcb(reason: string, what = 'an ECB daily reference-rate file'): Error {
  return badUserInput(`Not ${what}: ${reason}`, { reason });
}

/** A row of an ECB file that was skipped, with the 1-based line its tag starts on and why. */
export type EcbProblem = { readonly line: number; readonly reason: string };

/** One `<Cube time="…">` day of an ECB file: the rates it lists that are well-formed, and the rows that are not. */
export type EcbDay = {
  /** The day as written, YYYY-MM-DD. */
  readonly time: string;
  /** The fixing moment the rates are stamped with (16:00 Frankfurt on `time`). */
  readonly asOf: Date;
  /** The line the day's `<Cube time>` tag starts on. */
  readonly line: number;
  readonly rates: FxRate[];
  readonly problems: EcbProblem[];
};

const ENVELOPE = 'gesmes:Envelope';
const ANY_ECB_FILE = 'an ECB euro reference-rate file (daily or history)';
const CUBE = 'Cube';
// Anything not exactly this is malformed: decimal digits, an optional fraction, no sign, exponent or comma.
const RATE_PATTERN = /^\d+(\.\d+)?$/;
const POSITIVE = /[1-9]/;

/**
 * A streaming reader of the ECB euro reference-rate files — the daily `eurofxref-daily.xml` (one day) and the
 * full history `eurofxref-hist.xml` (one `<Cube time>` per business day since 1999-01-04, ~40 currencies, newest
 * first) share one structure: `gesmes:Envelope` → `Cube` → `Cube time="YYYY-MM-DD"` → `Cube currency rate`.
 * Text is fed in chunks of any size (`write`), complete days come back as soon as their closing tag is read, so
 * memory stays bounded by one day whatever the file's size. A row that is malformed — a rate that is not a
 * positive decimal, a currency that is neither a current nor a withdrawn ISO 4217 code, a repeated currency, a
 * day with a bad date, or broken XML — is reported with its line and skipped; the rest of the file is read. A
 * file that is not this format at all (another root element, no day) is BAD_USER_INPUT, thrown before any day
 * is returned. Withdrawn currencies (HRK, CYP, …: `isHistoricCurrency`) are read like any other: they are
 * history.
 */
export class EcbReader {
  readonly #parser: SaxesParser;
  readonly #stack: string[] = [];
  readonly #ready: EcbDay[] = [];
  /** Problems outside any day (or in a day that was dropped whole), in file order. */
  readonly problems: EcbProblem[] = [];
  #day: { time: string; asOf: Date; line: number; rates: FxRate[]; problems: EcbProblem[]; seen: Set<string> } | null = null;
  #skippingDay = false;
  /** The tag being read: the line it starts on and the first XML error inside it, if any. */
  #tag: { line: number; broken: string | null } | null = null;
  #rootSeen = false;
  #days = 0;

  constructor() {
    this.#parser = new SaxesParser({ position: true });
    this.#parser.on('opentagstart', () => {
      this.#tag = { line: this.#parser.line, broken: null };
    });
    this.#parser.on('opentag', (tag) => {
      const { line, broken } = this.#tag ?? { line: this.#parser.line, broken: null };
      this.#tag = null;
      this.#open(tag.name, tag.attributes as Record<string, string>, line, broken);
    });
    this.#parser.on('closetag', (tag) => this.#close(tag.name));
    this.#parser.on('error', (error) => {
      const reason = `not well-formed XML (${error.message.replace(/^[^:]*:\d+:\d+: /, '').replace(/\.$/, '')})`;
      if (!this.#rootSeen) throw notEcb(reason, ANY_ECB_FILE);
      // Inside a tag, the tag is untrusted as a whole (an unclosed quote swallows the next row's attributes):
      // the first error marks it, and it is reported and skipped once it ends.
      if (this.#tag) this.#tag.broken ??= reason;
      else this.#problem(reason);
    });
  }

  /** Feeds the next piece of text; returns the days completed by it, in file order. */
  write(chunk: string): EcbDay[] {
    this.#parser.write(chunk);
    return this.#ready.splice(0);
  }

  /** Ends the input; returns the last days. BAD_USER_INPUT when the file held no day at all. */
  close(): EcbDay[] {
    this.#parser.close();
    if (!this.#rootSeen) throw notEcb(`root element ${ENVELOPE} is missing`, ANY_ECB_FILE);
    if (this.#day) this.#finishDay();
    const days = this.#ready.splice(0);
    if (this.#days === 0) throw notEcb('no <Cube time="…"> day found', ANY_ECB_FILE);
    return days;
  }

  #open(name: string, attributes: Record<string, string>, line: number, broken: string | null): void {
    const depth = this.#stack.length;
    this.#stack.push(name);
    if (broken !== null && depth > 0) {
      if (depth === 2 && name === CUBE) this.#skippingDay = true;
      this.#problem(`${broken}; row skipped`, line);
      return;
    }
    if (depth === 0) {
      if (name !== ENVELOPE) throw notEcb(`root element ${ENVELOPE} is missing (found <${name}>)`, ANY_ECB_FILE);
      this.#rootSeen = true;
      return;
    }
    if (name !== CUBE || depth === 1) return; // gesmes:subject, gesmes:Sender, the outer Cube
    if (depth === 2) {
      this.#startDay(attributes['time'], line);
    } else if (depth === 3) {
      this.#readRate(attributes['currency'], attributes['rate'], line);
    } else {
      this.#problem(`unexpected <Cube> nested ${depth} levels deep`, line);
    }
  }

  #close(name: string): void {
    this.#stack.pop();
    if (name === CUBE && this.#stack.length === 2) {
      if (this.#day) this.#finishDay();
      this.#skippingDay = false;
    }
  }

  #startDay(time: string | undefined, line: number): void {
    if (this.#day) this.#finishDay();
    const date = time && /^\d{4}-\d{2}-\d{2}$/.test(time) ? DateTime.fromISO(time, { zone: FIXING_ZONE }) : null;
    if (!time || !date?.isValid) {
      this.#skippingDay = true;
      this.problems.push({ line, reason: `invalid Cube time "${String(time)}" (expected YYYY-MM-DD); day skipped` });
      return;
    }
    this.#day = { time, asOf: date.set(FIXING_TIME).toJSDate(), line, rates: [], problems: [], seen: new Set() };
  }

  #readRate(currency: string | undefined, rate: string | undefined, line: number): void {
    const day = this.#day;
    if (!day) {
      if (!this.#skippingDay) this.#problem('a <Cube currency> row outside any day', line);
      return;
    }
    const skip = (reason: string) => this.#problem(`${reason}; row skipped`, line);
    if (!currency || !/^[A-Z]{3}$/.test(currency)) return skip(`invalid currency attribute "${String(currency)}"`);
    if (!isRateHistoryCurrency(currency)) return skip(`${currency} is not an ISO 4217 currency code, current or withdrawn`);
    if (rate === undefined || !RATE_PATTERN.test(rate) || !POSITIVE.test(rate)) {
      return skip(`invalid rate "${String(rate)}" for ${currency} (expected a positive decimal such as "1.0556")`);
    }
    if (day.seen.has(currency)) return skip(`${currency} appears twice on ${day.time}`);
    day.seen.add(currency);
    day.rates.push({ base: 'EUR', quote: currency, rate, source: ECB_SOURCE, asOf: day.asOf });
  }

  #finishDay(): void {
    const day = this.#day;
    if (!day) return;
    this.#day = null;
    this.#days += 1;
    this.#ready.push({ time: day.time, asOf: day.asOf, line: day.line, rates: day.rates, problems: day.problems });
  }

  #problem(reason: string, line = this.#parser.line): void {
    const problem = { line, reason };
    (this.#day?.problems ?? this.problems).push(problem);
  }
}

/**
 * Reads the days of an ECB daily or history file from a stream of text or bytes (UTF-8), yielding each day as
 * soon as it is complete. File-level problems (rows outside any day) are pushed to `problems` when given.
 */
export async function* readEcbDays(
  source: AsyncIterable<string | Uint8Array> | Iterable<string>,
  problems: EcbProblem[] = [],
): AsyncGenerator<EcbDay> {
  const reader = new EcbReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  try {
    for await (const chunk of source) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      yield* reader.write(text);
    }
    const tail = decoder.decode();
    if (tail) yield* reader.write(tail);
    yield* reader.close();
  } finally {
    problems.push(...reader.problems);
  }
}
