import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LookupScope } from './edge-lookups.ts';

/**
 * Where the gateway reads trusted-document manifests by default: every `*.json` under `trusted-documents/` and
 * the example partner's generated manifest. `MERIDIAN_TRUSTED_DOCUMENTS` (comma-separated files or directories)
 * replaces the list.
 */
export const DEFAULT_MANIFEST_PATHS = [
  fileURLToPath(new URL('../trusted-documents/', import.meta.url)),
  fileURLToPath(new URL('../examples/partner/src/gql/persisted-documents.json', import.meta.url)),
];

/** The document id of a document text: `sha256:<hex>` of its exact bytes (GraphQL over HTTP, Appendix A). */
export function documentIdOf(document: string): string {
  return `sha256:${createHash('sha256').update(document, 'utf8').digest('hex')}`;
}

/** Registered operations by document id: what partners may send by id (and `trusted-only` keys exclusively). */
export interface TrustedDocuments {
  /**
   * The document registered under an id (`sha256:<hex>`, or the bare hex of an APQ hash) that `client` may run
   * (null: a request without a key), if any: one registered for that client or for all.
   */
  get(documentId: string, client: string | null): string | undefined;
  /** How many documents are registered. */
  readonly size: number;
  /** Every registered id and document (schema checks validate them all). */
  entries(): IterableIterator<[string, string]>;
  /** Where documents live in storage: loads an id so that a following `get` for `client` finds it. */
  prefetch?(documentId: string, client: string | null, scope: LookupScope): Promise<void>;
}

/** Reads one manifest: a JSON object `{ "sha256:<hex>": "<document>" }` as `@graphql-codegen/client-preset` writes it. */
export function readManifest(file: string): Map<string, string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file}: a manifest is a JSON object of id → document`);
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed)) {
    if (typeof document !== 'string') throw new Error(`${file}: the document of ${id} is not a string`);
    // An id that is not the hash of its document would let a manifest smuggle one operation in under another's name.
    const actual = documentIdOf(document);
    if (actual !== id) throw new Error(`${file}: ${id} is not the SHA-256 of its document (that is ${actual})`);
    documents.set(id, document);
  }
  return documents;
}

function manifestFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(path, name));
}

/**
 * Loads trusted documents from manifest files and directories (missing ones are skipped). Throws on a bad
 * manifest. The operator ships these with the gateway, so they are registered for every client.
 */
export function loadTrustedDocuments(paths: readonly string[] = manifestPathsFromEnv()): TrustedDocuments {
  const documents = new Map<string, string>();
  for (const file of paths.flatMap(manifestFiles)) {
    for (const [id, document] of readManifest(file)) documents.set(id, document);
  }
  return {
    get: (documentId) => documents.get(documentId) ?? documents.get(`sha256:${documentId}`),
    get size() {
      return documents.size;
    },
    entries: () => documents.entries(),
  };
}

/** `MERIDIAN_TRUSTED_DOCUMENTS` split on commas, else {@link DEFAULT_MANIFEST_PATHS}. */
export function manifestPathsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.MERIDIAN_TRUSTED_DOCUMENTS;
  return raw
    ? raw
        .split(',')
        .map((path) => path.trim())
        .filter(Boolean)
    : DEFAULT_MANIFEST_PATHS;
}
