// `npm run schema:release -- --version 2026.11.1`: the explicit release step. Refuses while `schema:check` fails;
// otherwise writes the current API schema to schema/released.graphql and files the changelog's "Unreleased"
// notes under the version, so the next change is checked against what partners now have.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { API_SCHEMA_FILE, RELEASED_SCHEMA_FILE, SCHEMA_CHANGELOG_FILE, apiSchemaOf, printApiSchema } from './api-schema.ts';
import { EXAMPLE_OPERATIONS_DIR, checkSchema, formatSchemaCheck, unreleasedSection } from './schema-checks.ts';
import { composeSupergraph } from './supergraph.ts';
import { manifestPathsFromEnv } from '../gateway/trusted-documents.ts';

const { values } = parseArgs({ options: { version: { type: 'string' } } });
const version = values.version ?? new Date().toISOString().slice(0, 10);

const supergraphSdl = composeSupergraph();
const apiSdl = printApiSchema(supergraphSdl);
if (readFileSync(API_SCHEMA_FILE, 'utf8') !== apiSdl) {
  console.error('schema:release: schema/api.graphql is stale; run `npm run compose` first and commit it.');
  process.exit(1);
}
const changelog = readFileSync(SCHEMA_CHANGELOG_FILE, 'utf8');
const result = await checkSchema({
  newSchema: apiSchemaOf(supergraphSdl),
  releasedSdl: readFileSync(RELEASED_SCHEMA_FILE, 'utf8'),
  changelog,
  manifestPaths: manifestPathsFromEnv(),
  operationsDir: EXAMPLE_OPERATIONS_DIR,
});
console.log(formatSchemaCheck(result));
if (!result.ok) {
  console.error('schema:release: refused, the check fails.');
  process.exit(1);
}
const notes = unreleasedSection(changelog).trim() || '- No breaking changes.';
const summary = result.changes.map((change) => `- ${change.level === 'BREAKING' ? 'BREAKING: ' : ''}${change.message}`).join('\n');
const released = changelog.replace(
  /^## Unreleased\s*$[\s\S]*?(?=^## |(?![\s\S]))/m,
  `## Unreleased\n\n## ${version}\n\n${notes}\n${summary ? `\nAll changes:\n${summary}\n` : ''}\n`,
);
writeFileSync(RELEASED_SCHEMA_FILE, apiSdl);
writeFileSync(SCHEMA_CHANGELOG_FILE, released);
console.log(`Released ${version}: wrote ${RELEASED_SCHEMA_FILE.pathname} and ${SCHEMA_CHANGELOG_FILE.pathname}`);
