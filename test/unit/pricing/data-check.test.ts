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

  it('on the seed data: every figure has a source and a date; unverified ones say illustrative and are listed as such', () => {
    const findings = checkFigures(seedFigures(), NOW);
    expect(findings.filter((finding) => finding.flags.includes('NO SOURCE') || finding.flags.includes('UNDATED'))).toEqual([]);
    const kinds = new Set(findings.map((finding) => finding.figure.kind));
    expect(kinds).toEqual(
      new Set([
        'market',
        'customs valuation',
        'tax rate',
        'duty rate',
        'de minimis',
        'low-value rule',
        'fx rate',
        'lane',
        'unit price rule',
        'trade agreement',
        'preferential rate',
        'collection scheme',
        'levy',
        'carrier fee',
        'sub-national tax',
        'nexus threshold',
        'destination area',
      ]),
    );
    // Every preferential rate is unverified against a tariff (memo §13): each is listed as illustrative.
    expect(findings.filter((finding) => finding.figure.kind === 'preferential rate' && !finding.figure.illustrative)).toEqual([]);
    // The UK scheme's text was read only in a copy (its excise exclusion cut off): listed as unverified; the carrier
    // fees are carriers' price lists we could not check.
    const schemes = findings.filter((finding) => finding.figure.kind === 'collection scheme');
    expect(schemes.filter((finding) => finding.figure.illustrative).map((finding) => finding.figure.key)).toEqual(['UK_LOW_VALUE_VAT']);
    expect(findings.filter((finding) => finding.figure.kind === 'carrier fee').every((finding) => finding.figure.illustrative)).toBe(true);
    // Nothing is stale: the EU records state the €3 flat duty of 2026-07-01 that superseded the €150 relief.
    expect(findings.filter((finding) => finding.flags.includes('STALE'))).toEqual([]);
    const eu = findings.filter((finding) => finding.figure.kind === 'de minimis' && ['DE', 'PL', 'SE'].includes(finding.figure.key));
    expect(eu.map((finding) => [finding.figure.key, finding.flags, finding.figure.illustrative])).toEqual([
      ['DE', [], false],
      ['PL', [], false],
      ['SE', [], false],
    ]);
    expect(eu[0]!.figure.value).toBe(
      'duty EUR 15000 (minor units), tax none, on the intrinsic value; from 2026-07-01 EU low-value flat duty EUR 300 (minor units) per item up to EUR 15000 (minor units) until 2028-07-01',
    );
    const report = formatReport(findings, NOW);
    expect(report).toMatch(/de minimis: 38 figures — 0 without source, 0 undated, 0 older than 365 d/);
    expect(report).not.toMatch(/ DE\s+duty EUR/);
    expect(report).toMatch(/market: 38 figures — 0 without source, 0 undated/);
    // Unit-price rules: the 27 member states, NO, CH and GB; those whose text was not read here are listed as such.
    expect(report).toMatch(
      /unit price rule: 30 figures — 0 without source, 0 undated, 0 older than 365 d, 0 marked illustrative, 3 with a source not verified here/,
    );
    expect(report).toMatch(/UNVERIFIED\s+GB\s+per 1 KG \/ 1 L from 2004-07-22/);
    // Each market's CIF/FOB basis has its own legal source; the ones not checked against the law are listed.
    expect(report).toMatch(/customs valuation: 38 figures — 0 without source, 0 undated, 0 older than 365 d, 4 marked illustrative/);
    const basis = (country: string) =>
      findings.find((finding) => finding.figure.kind === 'customs valuation' && finding.figure.key === country)!.figure;
    expect(basis('FR')).toMatchObject({
      value: 'CIF',
      illustrative: false,
      source: expect.stringContaining('Regulation (EU) No 952/2013, Art. 70'),
    });
    expect(basis('US')).toMatchObject({ value: 'FOB', illustrative: false, source: expect.stringContaining('19 U.S.C. 1401a') });
    expect(basis('CA')).toMatchObject({
      value: 'FOB',
      illustrative: false,
      source: expect.stringContaining('Customs Act (R.S.C. 1985, c. 1 (2nd Supp.)) s. 48'),
    });
    expect(basis('AU')).toMatchObject({
      value: 'FOB',
      illustrative: false,
      source: expect.stringContaining('s. 161(2)(e) (overseas freight and overseas insurance'),
    });
    expect(basis('JP')).toMatchObject({ value: 'CIF', illustrative: false });
    expect(report).toMatch(/ILLUSTRATIVE\s+CH\s+CIF — /);
    expect(report).not.toMatch(/ILLUSTRATIVE\s+DE\s+CIF/);
    // A checked figure is not listed; an illustrative one is, marked ILLUSTRATIVE.
    expect(report).not.toMatch(/ DE standard /);
    expect(report).toMatch(/ILLUSTRATIVE\s+IT reduced\s+22 %/);
    expect(report).toMatch(/ILLUSTRATIVE\s+nl-dhl-express-kr /);
  });

  it('exits 0 when every figure has a source, 1 when one lacks it, and prints the summary', () => {
    const script = fileURLToPath(new URL('../../../scripts/data-check.ts', import.meta.url));
    const run = spawnSync(process.execPath, [script, '--now', NOW.toISOString()], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\d+ figures: 0 without source, 0 undated, 0 stale, \d+ illustrative/);
    // With the EU's regime as data nothing is stale, so a strict check passes too; a year on, figures are stale again.
    const strict = spawnSync(process.execPath, [script, '--now', NOW.toISOString(), '--strict'], { encoding: 'utf8', timeout: 30_000 });
    expect(strict.status).toBe(0);
    const nextYear = spawnSync(process.execPath, [script, '--now', '2027-11-25T12:00:00Z', '--strict'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(nextYear.status).toBe(1);
    const unsourced = checkFigures([figure({ source: null })], NOW);
    expect(unsourced[0]!.flags).toEqual(['NO SOURCE']);
  }, 60_000);
});
