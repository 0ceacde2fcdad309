// Reads README.md as the tests that keep it true see it: its sample requests with their answers, the clock
// they are written at, the commands it documents and its configuration tables. Shared by the unit test (tables,
// scripts, spelling of answers) and the end-to-end test (answers against the real stack).
import { readFileSync } from 'node:fs';

export const README_PATH = new URL('../README.md', import.meta.url);

/** A fenced code block: its info string (`graphql`, `json`, `json variables`, `sh`), text and line number. */
export interface FencedBlock {
  info: string;
  text: string;
  line: number;
}

/** A sample request of the README and the answer it documents. */
export interface ReadmeSample {
  /** The operation (a ```graphql block). */
  query: string;
  /** Its variables (a ```json variables block right after the operation), or none. */
  variables: Record<string, unknown>;
  /** The documented answer, as written (the ```json block after the operation and its variables). */
  answer: string;
  /** Line of the operation in README.md, to name the sample in test output. */
  line: number;
  /** The operation's name, or its first line. */
  name: string;
}

export function readReadme(): string {
  return readFileSync(README_PATH, 'utf8');
}

/** Every fenced code block (``` … ```) of a Markdown text, in order, indented ones included. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^(\s*)```(.*)$/.exec(lines[index]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) body.push(lines[end++]!.slice(indent));
    if (end >= lines.length) throw new Error(`README.md line ${index + 1}: code block never closed`);
    blocks.push({ info: open[2]!.trim(), text: body.join('\n'), line: index + 1 });
    index = end;
  }
  return blocks;
}

/**
 * The README's samples: every ```graphql block, with the ```json variables block that may follow it, and the
 * ```json block that follows them — its answer. A ```graphql block without an answer is an error: every sample
 * the README shows must be one the tests can check.
 */
export function readmeSamples(markdown: string): ReadmeSample[] {
  const blocks = fencedBlocks(markdown);
  const samples: ReadmeSample[] = [];
  for (let index = 0; index < blocks.length; index += 1) {
    const block = blocks[index]!;
    if (block.info !== 'graphql') continue;
    let next = blocks[index + 1];
    let variables: Record<string, unknown> = {};
    if (next?.info === 'json variables') {
      variables = JSON.parse(next.text) as Record<string, unknown>;
      index += 1;
      next = blocks[index + 1];
    }
    if (next?.info !== 'json') {
      throw new Error(`README.md line ${block.line}: a graphql sample must be followed by its answer in a json block`);
    }
    index += 1;
    const name = /^\s*(?:query|mutation)\s+(\w+)/m.exec(block.text)?.[1] ?? block.text.trim().split('\n')[0]!;
    samples.push({ query: block.text, variables, answer: next.text, line: block.line, name });
  }
  return samples;
}

/** The clock the README's answers are written at: its `MERIDIAN_NOW=…` (every mention must agree). */
export function readmeClock(markdown: string): string {
  const clocks = new Set([...markdown.matchAll(/MERIDIAN_NOW=(\d{4}-\d\d-\d\dT[\d:.]+Z)/g)].map((match) => match[1]!));
  if (clocks.size !== 1) throw new Error(`README.md must state exactly one MERIDIAN_NOW clock, found: ${[...clocks].join(', ') || 'none'}`);
  return [...clocks][0]!;
}

/** The npm scripts the README tells people to run (`npm run x`, `npm start`, `npm test`). */
export function documentedScripts(markdown: string): string[] {
  const names = new Set<string>();
  for (const match of markdown.matchAll(/\bnpm run ([a-z][\w:-]*)/g)) names.add(match[1]!);
  for (const match of markdown.matchAll(/\bnpm (start|test)\b/g)) names.add(match[1]!);
  return [...names].sort();
}

/**
 * Environment variables named in the first column of the README's Markdown tables whose header has a
 * `default` column, each with its default cell.
 */
export function documentedVariables(markdown: string): Map<string, string> {
  const variables = new Map<string, string>();
  let header: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      header = null;
      continue;
    }
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (!header) {
      header = cells.map((cell) => cell.toLowerCase());
      continue;
    }
    const defaultColumn = header.indexOf('default');
    if (defaultColumn < 1 || /^[-:\s]+$/.test(cells[0]!)) continue;
    for (const match of cells[0]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) variables.set(match[1]!, cells[defaultColumn] ?? '');
  }
  return variables;
}
