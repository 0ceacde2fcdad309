import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNameOf } from '../../subgraphs/common/config.ts';
import { runNode, startProcessDatabase, type ProcessDatabase } from './processes.ts';

// `npm run registrations -- …` run as a user runs it: real child processes against a database seeded by
// `scripts/seed.ts` (which records the demo merchant's IOSS, UK, VOEC, ARN and OVR numbers), the clock pinned by
// MERIDIAN_NOW.
let db: ProcessDatabase;
let env: Record<string, string>;
beforeAll(async () => {
  db = await startProcessDatabase('registrations');
  env = { MONGODB_URI: db.uri, MERIDIAN_DB_PREFIX: `${db.prefix}_cli` };
  const seeded = await runNode(['scripts/seed.ts'], { ...env, MERIDIAN_NOW: '2026-11-25T10:00:00Z' });
  expect(seeded.code, seeded.stderr).toBe(0);
});
afterAll(async () => {
  await db?.stop();
});

const registrations = (now: string, ...args: string[]) => runNode(['scripts/registrations.ts', ...args], { ...env, MERIDIAN_NOW: now });
const stored = () => db.client.db(databaseNameOf('pricing', env)).collection('tax_registrations');

describe('npm run registrations', () => {
  it('lists the seeded registrations, active at the clock', async () => {
    const listed = await registrations('2026-11-25T10:00:00Z', 'list');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const rows = listed.stdout.trimEnd().split('\n').slice(1);
    expect(rows.map((row) => row.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'AU_LVIG ARN300000000017',
      'EU_IOSS IM5280000017',
      'NO_VOEC VOEC2041234',
      'SG_OVR M90000017X',
      'UK_LOW_VALUE_VAT GB123456789',
    ]);
    expect(rows.every((row) => row.includes(' active '))).toBe(true);
  });

  it('adds a Swiss registration from a date, and ends it without deleting it', async () => {
    const added = await registrations(
      '2026-11-25T10:00:00Z',
      'add',
      '--scheme',
      'CH_MAIL_ORDER',
      '--number',
      'CHE-123.456.789 MWST',
      '--destinations',
      'CH',
      '--from',
      '2027-01-01',
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('Added CH_MAIL_ORDER CHE-123.456.789 MWST from 2027-01-01T00:00:00.000Z for CH.\n');
    const pending = await registrations('2026-11-25T10:00:00Z', 'list', '--destination', 'CH');
    expect(pending.stdout).toContain(' pending ');

    const ended = await registrations('2027-03-01T00:00:00Z', 'end', '--scheme', 'CH_MAIL_ORDER', '--number', 'CHE-123.456.789 MWST');
    expect(ended).toMatchObject({ code: 0, stderr: '' });
    expect(ended.stdout).toContain('Ended CH_MAIL_ORDER CHE-123.456.789 MWST at 2027-03-01T00:00:00.000Z');
    // Who collects Swiss VAT changes the Swiss shown price: the price projection is told for both instants, each
    // once pricing's reference data has read it (the default freshness window, 60 s, later).
    const marks = await db.client
      .db(databaseNameOf('pricing', env))
      .collection('price_projection_marks')
      .find({ reason: 'tax-registration' })
      .sort({ dueAt: 1 })
      .toArray();
    expect(marks.map((mark) => [mark.productId, mark.country, mark.dueAt.toISOString()])).toEqual([
      [null, null, '2027-01-01T00:01:00.000Z'],
      [null, null, '2027-03-01T00:01:00.000Z'],
    ]);
    const row = await stored().findOne({ scheme: 'CH_MAIL_ORDER' });
    expect(row).toMatchObject({ number: 'CHE-123.456.789 MWST', validTo: new Date('2027-03-01T00:00:00Z'), destinations: ['CH'] });
    const listed = await registrations('2027-03-02T00:00:00Z', 'list', '--scheme', 'CH_MAIL_ORDER');
    expect(listed.stdout).toContain(' ended ');
  });

  it('refuses bad input with exit code 1 (or 2 for bad usage) and a message that says what to fix, writing nothing', async () => {
    const before = await stored().countDocuments();
    const at = '2026-11-25T10:00:00Z';
    const unknown = await registrations(at, 'add', '--scheme', 'XX_NOPE', '--number', 'X123', '--destinations', 'DE');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^BAD_USER_INPUT: Unknown scheme "XX_NOPE"; the schemes are AU_LVIG, CH_MAIL_ORDER, EU_IOSS/);
    const outside = await registrations(at, 'add', '--scheme', 'UK_LOW_VALUE_VAT', '--number', 'GB999999999', '--destinations', 'DE');
    expect(outside).toMatchObject({ code: 1, stderr: 'BAD_USER_INPUT: UK_LOW_VALUE_VAT does not cover DE; it covers GB\n' });
    const clash = await registrations(at, 'add', '--scheme', 'EU_IOSS', '--number', 'IM5280000099', '--destinations', 'DE');
    expect(clash.stderr).toBe(
      'BAD_USER_INPUT: EU_IOSS number IM5280000017 already covers DE; end it first (npm run registrations -- end)\n',
    );
    const missing = await registrations(at, 'end', '--scheme', 'NO_VOEC', '--number', 'VOEC0000000');
    expect(missing).toMatchObject({ code: 1, stderr: 'NOT_FOUND: No NO_VOEC registration numbered "VOEC0000000"\n' });
    const again = await registrations('2027-04-01T00:00:00Z', 'end', '--scheme', 'CH_MAIL_ORDER', '--number', 'CHE-123.456.789 MWST');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already ended at 2027-03-01T00:00:00.000Z');
    const usage = await registrations(at, 'add', '--scheme', 'EU_IOSS');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('add needs --scheme and --number');
    const badDate = await registrations(at, 'end', '--scheme', 'NO_VOEC', '--number', 'VOEC2041234', '--at', 'tomorrow');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--at must be an ISO 8601 instant');
    expect(await stored().countDocuments()).toBe(before);
  });
});
