// The README's promises that need no running graph: every command it documents exists, its configuration tables
// name exactly the environment variables the code reads (each with a default), and its sample answers are
// written so a copy-paste comparison works (escapes for invisible spaces, the `data` wrapper).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../subgraphs/common/config.ts';
import { README_CLOCK } from '../../scripts/start-banner.ts';
import { E2E_NOW } from '../e2e/stack.ts';
import { documentedScripts, documentedVariables, fencedBlocks, readReadme, readmeClock, readmeSamples } from '../readme-document.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the code that reads the environment lives (generated partner code excluded). */
const SOURCE_DIRS = ['gateway', 'subgraphs', 'scripts', 'examples/partner/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' || entry === 'gql' ? [] : sourceFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(entry) ? [full] : [];
  });
}

/**
 * The environment variables the code reads: `env.NAME`, `env['NAME']`, and names built per subgraph
 * (`${name.toUpperCase()}_PORT` → PRODUCTS_PORT, …), and names handed to a reader (`readPort('GATEWAY_PORT', …)`, `readPositiveInteger(env, 'GATEWAY_MAX_COST')`).
 */
function variablesReadByCode(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (name: string, file: string) => found.set(name, [...new Set([...(found.get(name) ?? []), path.relative(ROOT, file)])]);
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) add(match[1]!, file);
    for (const match of text.matchAll(/\benv\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g)) add(match[1]!, file);
    for (const match of text.matchAll(/\bread\w*\(\s*(?:env\s*,\s*)?['"]([A-Z][A-Z0-9]*_[A-Z0-9_]+)['"]/g)) add(match[1]!, file);
    for (const match of text.matchAll(/`\$\{name\.toUpperCase\(\)\}_([A-Z][A-Z0-9_]*)`/g)) {
      for (const name of SUBGRAPH_NAMES) add(`${name.toUpperCase()}_${match[1]}`, file);
    }
  }
  return found;
}

describe('README: commands', () => {
  it('documents only npm scripts that exist in package.json', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const documented = documentedScripts(readReadme());
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.filter((name) => !(name in scripts))).toEqual([]);
  });

  it('shell blocks name only files that exist', () => {
    for (const block of fencedBlocks(readReadme()).filter((entry) => entry.info === 'sh')) {
      for (const match of block.text.matchAll(/\bnode ((?:scripts|gateway|subgraphs|examples)\/[\w./<>-]+\.ts)/g)) {
        const file = match[1]!.replace('<name>', 'pricing');
        expect(statSync(path.join(ROOT, file)).isFile(), `README.md line ${block.line}: ${file}`).toBe(true);
      }
    }
  });
});

describe('README: configuration tables', () => {
  it('find the variables the code reads (the scan itself works)', () => {
    const read = variablesReadByCode();
    for (const name of ['MONGODB_URI', 'GATEWAY_PORT', 'PRICING_PORT', 'PRICING_URL', 'PRICING_FX_MAX_AGE_HOURS', 'MERIDIAN_DB_PREFIX']) {
      expect(read.has(name), name).toBe(true);
    }
  });

  it('document every environment variable the code reads, with a default', () => {
    const documented = documentedVariables(readReadme());
    const undocumented = [...variablesReadByCode()]
      .filter(([name]) => !documented.has(name))
      .map(([name, files]) => `${name} (${files.join(', ')})`);
    expect(undocumented, 'add these to a configuration table in README.md').toEqual([]);
    for (const [name, fallback] of documented) expect(fallback, `default of ${name}`).not.toBe('');
  });

  it('document no variable the code does not read', () => {
    const read = variablesReadByCode();
    expect([...documentedVariables(readReadme()).keys()].filter((name) => !read.has(name))).toEqual([]);
  });
});

describe('README: sample answers', () => {
  const readme = readReadme();

  it('are stated at one clock, the one the end-to-end tests and npm start use', () => {
    expect(new Date(readmeClock(readme)).toISOString()).toBe(E2E_NOW);
    expect(readmeClock(readme)).toBe(README_CLOCK);
  });

  it('are whole GraphQL responses, with invisible spaces written as JSON escapes', () => {
    const samples = readmeSamples(readme);
    expect(samples.length).toBeGreaterThanOrEqual(8);
    for (const sample of samples) {
      const answer = JSON.parse(sample.answer) as Record<string, unknown>;
      expect(
        Object.keys(answer).every((key) => ['data', 'errors', 'extensions'].includes(key)),
        `line ${sample.line}`,
      ).toBe(true);
      expect('data' in answer, `README.md line ${sample.line}: the answer keeps the data wrapper`).toBe(true);
    }
    // A no-break or thin space pasted as itself is invisible and is lost by editors: only \u00a0, \u2009, \u202f.
    expect(readme).not.toMatch(/[\u00a0\u2009\u202f\u2007\u200b]/);
  });

  it('answer the product page query npm start prints (gateway/example-query.ts)', async () => {
    const { EXAMPLE_QUERY, EXAMPLE_VARIABLES } = await import('../../gateway/example-query.ts');
    const { stripIgnoredCharacters } = await import('graphql');
    const page = readmeSamples(readme).find((sample) => sample.name === 'ProductPage');
    expect(page && stripIgnoredCharacters(page.query)).toBe(stripIgnoredCharacters(EXAMPLE_QUERY));
    expect(page?.variables).toEqual(EXAMPLE_VARIABLES);
  });
});
