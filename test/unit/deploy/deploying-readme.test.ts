import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARTS } from '../../../scripts/deploy/entrypoint.ts';
import { documentedVariables, fencedBlocks, readReadme } from '../../readme-document.ts';

// The README's "Deploying" section, held to the repository: the files it lists exist, each command it shows is
// an npm script or file that exists, called with options its parser knows, the variables it assigns to each part
// are documented in Configuration, and the roll-out runs its steps in the order it states.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readReadme();
const start = readme.indexOf('\n## Deploying\n');
const section = readme.slice(start, readme.indexOf('\n## ', start + 5));
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const blocks = fencedBlocks(section);

describe('README: Deploying', () => {
  it('exists and shows commands', () => {
    expect(start).toBeGreaterThan(0);
    expect(blocks.filter((block) => block.info === 'sh').length).toBeGreaterThanOrEqual(3);
  });

  it('names only files that exist', () => {
    const named = [
      ...section.matchAll(/\b((?:scripts|test|subgraphs|gateway)\/[\w./-]+\.(?:ts|yaml|json))\b|\b(scripts\/deploy\/Containerfile)\b/g),
    ].map((match) => match[1] ?? match[2]!);
    expect(named.length).toBeGreaterThan(10);
    for (const file of new Set(named)) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    for (const file of section.matchAll(/ -f ([\w./-]+)/g)) expect(existsSync(path.join(ROOT, file[1]!)), file[1]).toBe(true);
  });

  it('lists the parts the image runs', () => {
    const listed = /started with the part's name: ([^.]+?), plus the deploy steps `migrate` and `seed`/.exec(
      section.replace(/\s+/g, ' '),
    )?.[1];
    const names = [...(listed ?? '').matchAll(/`(\w+)`/g)].map((match) => match[1]);
    expect([...names, 'migrate', 'seed'].sort()).toEqual(Object.keys(PARTS).sort());
  });

  it('runs npm scripts that exist, with options their parsers accept', () => {
    const commands = blocks
      .filter((block) => block.info === 'sh')
      .flatMap((block) => [...block.text.matchAll(/npm run ([\w:-]+)(?: -- ([^#\n]*))?/g)]);
    expect(commands.length).toBeGreaterThanOrEqual(5);
    const inline = [...section.matchAll(/`npm run ([\w:-]+)(?: -- ([^`]*))?`/g)];
    for (const [, name, args] of [...commands, ...inline]) {
      expect(scripts[name!], `npm run ${name}`).toBeDefined();
      const file = /^node (\S+\.ts)$/.exec(scripts[name!]!)?.[1];
      for (const option of (args ?? '').matchAll(/--([a-z][\w-]*)/g)) {
        expect(file, `npm run ${name} takes no options here`).toBeDefined();
        const source = readFileSync(path.join(ROOT, file!), 'utf8');
        expect(source, `${file} has no --${option[1]}`).toMatch(new RegExp(`(?:'${option[1]}'|\\b${option[1]}): \\{ type:`));
      }
    }
  });

  it('assigns each part only variables documented in Configuration', () => {
    const documented = documentedVariables(readme);
    const table = section.slice(section.indexOf('| part | secrets | variables |'));
    const assigned = new Set(
      [...table.slice(0, table.indexOf('\n\n')).matchAll(/`([A-Z][A-Z0-9_]+)(?:=[^`]*)?`/g)].map((match) => match[1]!),
    );
    expect(assigned.size).toBeGreaterThan(15);
    const documentedNames = [...documented.keys()].flatMap((cell) => [...cell.matchAll(/[A-Z][A-Z0-9_]+/g)].map((match) => match[0]));
    for (const name of assigned) {
      if (name === 'NAME_PORT') continue;
      expect(documentedNames, name).toContain(name);
    }
  });

  it('rolls a schema change out in order: compose, schema:check, release, migration, then subgraphs before the gateway', () => {
    const rollout = section.slice(section.indexOf('**A schema change, rolled out.**'));
    const order = [
      'npm run compose',
      'npm run schema:check',
      'npm run schema:release',
      'npm run db:migrate',
      'k8s/subgraphs.yaml',
      'k8s/gateway.yaml',
    ];
    const positions = order.map((step) => rollout.indexOf(step));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
