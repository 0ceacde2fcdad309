import { HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { buildSchema, parse } from 'graphql';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientIdentity } from '../../../gateway/api-keys.ts';
import { explorerPage } from '../../../gateway/explorer.ts';
import { presentedApiKey } from '../../../gateway/presented-api-key.ts';
import { resolveTrustedDocument } from '../../../gateway/resolve-trusted-document.ts';
import { documentIdOf, loadTrustedDocuments, readManifest } from '../../../gateway/trusted-documents.ts';
import { fieldCoordinatesOf } from '../../../gateway/usage-recorder.ts';
import { unreleasedSection } from '../../../scripts/schema-checks.ts';

const QUERY = 'query Markets { markets { country } }';
const ID = documentIdOf(QUERY);
const dir = mkdtempSync(join(tmpdir(), 'meridian-manifest-'));
writeFileSync(join(dir, 'good.json'), JSON.stringify({ [ID]: QUERY }));
const documents = loadTrustedDocuments([dir]);
const trustedOnly: ClientIdentity = { client: 'acme', keyId: 'mrd_x', scopes: ['trusted-only'], costBudget: 100 };

function request(body: unknown, method = 'POST', search = ''): HTTPGraphQLRequest {
  return { method, headers: new HeaderMap(), search, body };
}

describe('trusted documents', () => {
  it('refuses a manifest whose id is not the hash of its document', () => {
    const file = join(dir, 'lying.json');
    writeFileSync(file, JSON.stringify({ [ID]: '{ warehouses { id } }' }));
    expect(() => readManifest(file)).toThrow(`${ID} is not the SHA-256 of its document`);
  });

  it('finds a document by sha256:<hex> id and by the bare hex of an APQ hash', () => {
    expect(documents.get(ID, null)).toBe(QUERY);
    expect(documents.get(ID.slice(7), 'acme')).toBe(QUERY);
    expect(documents.get(`sha256:${'0'.repeat(64)}`, null)).toBeUndefined();
  });

  it('replaces a documentId by its text and keeps variables and operationName', () => {
    const resolved = resolveTrustedDocument(
      request({ documentId: ID, variables: { a: 1 }, operationName: 'Markets' }),
      documents,
      trustedOnly,
    );
    expect(resolved).toEqual({
      request: expect.objectContaining({ body: { query: QUERY, variables: { a: 1 }, operationName: 'Markets' } }),
      documentId: ID,
    });
  });

  it('does the same for GET parameters', () => {
    const resolved = resolveTrustedDocument(
      request(undefined, 'GET', `?documentId=${encodeURIComponent(ID)}&variables=%7B%7D`),
      documents,
      trustedOnly,
    );
    if ('refuse' in resolved) throw new Error('refused');
    expect(Object.fromEntries(new URLSearchParams(resolved.request.search))).toEqual({ variables: '{}', query: QUERY });
  });

  it('refuses text, batches and unknown ids from a trusted-only client, and lets others through untouched', () => {
    const codeOf = (resolved: ReturnType<typeof resolveTrustedDocument>) =>
      'refuse' in resolved && resolved.refuse.body.kind === 'complete'
        ? JSON.parse(resolved.refuse.body.string).errors[0].extensions.code
        : 'passed';
    expect(codeOf(resolveTrustedDocument(request({ query: QUERY }), documents, trustedOnly))).toBe('OPERATION_NOT_TRUSTED');
    expect(codeOf(resolveTrustedDocument(request([{ documentId: ID }]), documents, trustedOnly))).toBe('OPERATION_NOT_TRUSTED');
    expect(codeOf(resolveTrustedDocument(request({ documentId: 'sha256:beef' }), documents, trustedOnly))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    const body = { query: '{ warehouses { id } }' };
    const passed = resolveTrustedDocument(request(body), documents, null);
    expect(passed).toEqual({ request: expect.objectContaining({ body }), documentId: null });
  });

  it('reads the key from x-api-key, HTTP Basic (password) or a Bearer token', () => {
    expect(presentedApiKey(new HeaderMap([['x-api-key', ' mrd_a ']]))).toBe('mrd_a');
    expect(presentedApiKey(new HeaderMap([['authorization', `Basic ${Buffer.from('anyone:mrd_b').toString('base64')}`]]))).toBe('mrd_b');
    expect(presentedApiKey(new HeaderMap([['authorization', 'Bearer mrd_c']]))).toBe('mrd_c');
    expect(presentedApiKey(new HeaderMap())).toBeUndefined();
  });
});

describe('explorer page', () => {
  it('carries its settings as inert JSON that cannot close the script element', () => {
    const page = explorerPage({ defaultOperation: '{ a } </script><script>alert(1)</script>' }, 'type Query { a: String }');
    const html = page.body.kind === 'complete' ? page.body.string : '';
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('\\u003c/script\\u003e');
    expect(html).not.toMatch(/<script>(?!<)/);
  });
});

describe('usage and schema checks', () => {
  it('lists the fields an operation selects, through fragments, without introspection fields', () => {
    const schema = buildSchema('type Query { a: A, b: Int } type A { x: Int, y: A }');
    const document = parse('query { __typename a { ...F y { x } } } fragment F on A { x __typename }');
    expect(fieldCoordinatesOf(document, schema)).toEqual(['A.x', 'A.y', 'Query.a']);
  });

  it('finds the Unreleased section of the changelog, and only it', () => {
    const changelog = '# Log\n\n## Unreleased\n\n- `A.b` removed\n\n## 1.0\n\n- `C.d` removed\n';
    expect(unreleasedSection(changelog)).toContain('`A.b`');
    expect(unreleasedSection(changelog)).not.toContain('`C.d`');
    expect(unreleasedSection('# Log\n\n## Unreleased\n\n- `Z.z` last\n')).toContain('`Z.z`');
  });
});
