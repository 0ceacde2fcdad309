// `npm run schema:check`: compares the API schema the subgraphs compose to now with the last released one
// (schema/released.graphql) using @graphql-inspector/core, and validates every trusted document and example
// operation against the new schema — Apollo's schema and operation checks, offline. Exit code 1 when a breaking
// change is not acknowledged in schema/CHANGELOG.md ("## Unreleased", naming the coordinate in backticks) or
// when a registered operation would no longer run.
//
//   npm run schema:check [-- --schema new-api.graphql] [--released file] [--changelog file]
//                           [--documents manifest.json,dir/] [--operations dir]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildSchema } from 'graphql';
import { RELEASED_SCHEMA_FILE, SCHEMA_CHANGELOG_FILE, apiSchemaOf } from './api-schema.ts';
import { EXAMPLE_OPERATIONS_DIR, checkSchema, formatSchemaCheck } from './schema-checks.ts';
import { composeSupergraph } from './supergraph.ts';
import { manifestPathsFromEnv } from '../gateway/trusted-documents.ts';

const { values } = parseArgs({
  options: {
    schema: { type: 'string' },
    released: { type: 'string' },
    changelog: { type: 'string' },
    documents: { type: 'string' },
    operations: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

try {
  const newSchema = values.schema ? buildSchema(readFileSync(values.schema, 'utf8')) : apiSchemaOf(composeSupergraph());
  const result = await checkSchema({
    newSchema,
    releasedSdl: readFileSync(values.released ?? RELEASED_SCHEMA_FILE, 'utf8'),
    changelog: readFileSync(values.changelog ?? SCHEMA_CHANGELOG_FILE, 'utf8'),
    manifestPaths: values.documents ? values.documents.split(',') : manifestPathsFromEnv(),
    operationsDir: values.operations ?? EXAMPLE_OPERATIONS_DIR,
  });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatSchemaCheck(result));
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(`schema:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
