import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { loadTrustedDocuments } from '../gateway/trusted-documents.ts';

/** The example partner's operations, checked like registered ones. */
export const EXAMPLE_OPERATIONS_DIR = fileURLToPath(new URL('../examples/partner/operations/', import.meta.url));

/** One schema change as the check reports it. */
export interface CheckedChange {
  level: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  /** Schema coordinate (`Product.weightGrams`). */
  path: string | null;
  message: string;
  /** A breaking change named in the changelog's "Unreleased" section. */
  acknowledged: boolean;
  /** Clients whose recorded traffic used this coordinate lately (null when no usage data was given). */
  usedBy: string[] | null;
}

/** An operation that no longer validates against the new schema. */
export interface BrokenOperation {
  source: string;
  errors: string[];
}

/** Result of {@link checkSchema}. */
export interface SchemaCheckResult {
  ok: boolean;
  changes: CheckedChange[];
  unacknowledgedBreaking: CheckedChange[];
  operationsChecked: number;
  brokenOperations: BrokenOperation[];
}

/** The "## Unreleased" section of the schema changelog: where breaking changes are acknowledged. */
export function unreleasedSection(changelog: string): string {
  const match = /^## Unreleased\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog);
  return match?.[1] ?? '';
}

/** Every `.graphql` file of a directory, recursively, with its text. */
function readOperationFiles(dir: string): [string, string][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((file) => [file, readFileSync(file, 'utf8')]);
}

/** Options of {@link checkSchema}. */
export interface SchemaCheckOptions {
  newSchema: GraphQLSchema;
  releasedSdl: string;
  changelog: string;
  manifestPaths: readonly string[];
  operationsDir: string;
  /** Documents registered in the gateway's database (`npm run documents -- register`). */
  storedDocuments?: Iterable<[string, string]>;
  /** Recent field usage from the gateway (`Type.field` → clients), to say whom a change affects. */
  recentUsage?: Map<string, string[]>;
}

/** Diffs the released and new API schemas and validates every registered and example operation against the new one. */
export async function checkSchema(options: SchemaCheckOptions): Promise<SchemaCheckResult> {
  const released = buildSchema(options.releasedSdl);
  const acknowledgements = unreleasedSection(options.changelog);
  const changes: CheckedChange[] = (await diff(released, options.newSchema)).map((change) => {
    const level = change.criticality.level;
    return {
      level: level === CriticalityLevel.Breaking ? 'BREAKING' : level === CriticalityLevel.Dangerous ? 'DANGEROUS' : 'NON_BREAKING',
      path: change.path ?? null,
      message: change.message,
      acknowledged: level === CriticalityLevel.Breaking && Boolean(change.path) && acknowledgements.includes(`\`${change.path}\``),
      // `Product.price.country` (an argument) is used by whoever uses `Product.price`.
      usedBy: options.recentUsage ? (options.recentUsage.get(change.path?.split('.').slice(0, 2).join('.') ?? '') ?? []) : null,
    };
  });
  const unacknowledgedBreaking = changes.filter((change) => change.level === 'BREAKING' && !change.acknowledged);

  const operations: [string, string][] = [
    ...[...new Map([...loadTrustedDocuments(options.manifestPaths).entries(), ...(options.storedDocuments ?? [])])].map(
      ([id, document]): [string, string] => [`trusted document ${id}`, document],
    ),
    ...readOperationFiles(options.operationsDir),
  ];
  const brokenOperations: BrokenOperation[] = [];
  for (const [source, text] of operations) {
    let errors: string[];
    try {
      errors = validate(options.newSchema, parse(text)).map((error) => error.message);
    } catch (error) {
      errors = [error instanceof Error ? error.message : String(error)];
    }
    if (errors.length > 0) brokenOperations.push({ source, errors });
  }
  return {
    ok: unacknowledgedBreaking.length === 0 && brokenOperations.length === 0,
    changes,
    unacknowledgedBreaking,
    operationsChecked: operations.length,
    brokenOperations,
  };
}

/** The check's report for a terminal. */
export function formatSchemaCheck(result: SchemaCheckResult): string {
  const lines: string[] = [];
  if (result.changes.length === 0) lines.push('Schema: no changes since the released schema.');
  else {
    lines.push(`Schema: ${result.changes.length} change(s) since the released schema:`);
    for (const change of result.changes) {
      const mark = change.level === 'BREAKING' ? (change.acknowledged ? 'BREAKING (acknowledged)' : 'BREAKING') : change.level;
      const usage =
        change.level === 'NON_BREAKING' || change.usedBy === null
          ? ''
          : change.usedBy.length > 0
            ? ` [used lately by ${change.usedBy.join(', ')}]`
            : ' [no recorded use lately]';
      lines.push(`  ${mark.padEnd(24)} ${change.message}${usage}`);
    }
  }
  lines.push(`Operations: ${result.operationsChecked} checked against the new schema, ${result.brokenOperations.length} broken.`);
  for (const broken of result.brokenOperations) {
    lines.push(`  ${broken.source}:`);
    for (const error of broken.errors) lines.push(`    ${error}`);
  }
  if (result.unacknowledgedBreaking.length > 0) {
    lines.push(
      `FAIL: ${result.unacknowledgedBreaking.length} breaking change(s) not acknowledged. Either undo them, or name each in schema/CHANGELOG.md under "## Unreleased":`,
      ...result.unacknowledgedBreaking.map(
        (change) => `  - \`${change.path ?? '?'}\`: ${change.message} — why, and what partners should do`,
      ),
    );
  }
  if (result.brokenOperations.length > 0)
    lines.push('FAIL: registered or example operations would break; keep the fields they use, or have the clients update first.');
  if (result.ok) lines.push('OK');
  return lines.join('\n');
}
