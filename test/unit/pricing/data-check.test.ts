import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFigures, formatReport, seedFigures, type Figure } from '../../../scripts/data-check.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const figure = (overrides: Partial<Figure>): Figure => ({
  kind: 'tax rate',
  key: 'DE standard',
  value: '19 %',
  source: 'BMF',
  asOf: new Date('2026-01-01T00:00:00Z'),
  illustrative: false,
  ...overrides,
});

describe('data:check', () => {
  it('flags a figure without a source (blank counts), without a date, or older than its kind allows', () => {
    const [sourced, blank, undated, old, oldRate, historicRate] = checkFigures(
      [
        figure({}),
        figure({ source: '  ' }),
        figure({ asOf: null }),
        figure({ asOf: new Date('2025-01-01T00:00:00Z') }),
        figure({ kind: 'fx rate', asOf: new Date('2026-11-10T15:00:00Z') }),
        figure({ kind: 'fx rate', key: 'EUR/HRK', asOf: new Date('2022-12-30T15:00:00Z'), historic: true }),
      ],
      NOW,
    );
    expect(sourced!.flags).toEqual([]);
    expect(blank!.flags).toEqual(['NO SOURCE']);
    expect(undated!.flags).toEqual(['UNDATED']);
    expect(old!.flags).toEqual(['STALE']);
    expect(oldRate!.flags).toEqual(['STALE']); // 15 days > 7 for a reference rate
    expect(historicRate!.flags).toEqual([]); // a withdrawn currency's last rate is meant to be old
  });

  it('on the seed data: markets and lanes lack a source; every tax, duty, de minimis and FX figure has one and says it is illustrative', () => {
    const findings = checkFigures(seedFigures(), NOW);
    const kinds = (flag: string) => new Set(findings.filter((finding) => finding.flags.includes(flag as never)).map((finding) => finding.figure.kind));
    expect(kinds('NO SOURCE')).toEqual(new Set(['market', 'lane']));
    for (const finding of findings.filter((f) => ['tax rate', 'duty rate', 'de minimis', 'fx rate'].includes(f.figure.kind))) {
      expect(finding.figure.source, finding.figure.key).toBeTruthy();
      expect(finding.figure.illustrative, finding.figure.key).toBe(true);
    }
    const report = formatReport(findings, NOW);
    expect(report).toMatch(/market: 7 figures — 7 without source/);
    expect(report).toContain('GB reduced');
  });

  it('exits 1 when a figure lacks a source, and prints the summary', () => {
    const script = fileURLToPath(new URL('../../../scripts/data-check.ts', import.meta.url));
    const run = spawnSync(process.execPath, [script, '--now', NOW.toISOString()], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/\d+ figures: \d+ without source, \d+ undated, \d+ stale, \d+ illustrative/);
  });
});
