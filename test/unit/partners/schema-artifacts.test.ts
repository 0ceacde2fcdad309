import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_FILE, REFERENCE_PAGE_FILE, apiSchemaOf, printApiSchema } from '../../../scripts/api-schema.ts';
import { renderReferencePage } from '../../../scripts/schema-reference.ts';
import { composeSupergraph } from '../../../scripts/supergraph.ts';

describe('published schema artifacts (npm run compose)', () => {
  const supergraphSdl = composeSupergraph();

  it('schema/api.graphql is the API schema the subgraphs compose to, without federation internals', () => {
    const committed = readFileSync(API_SCHEMA_FILE, 'utf8');
    expect(committed, 'schema/api.graphql is stale: run `npm run compose`').toBe(printApiSchema(supergraphSdl));
    expect(committed).not.toMatch(/join__|link__|@join|@link|_Entity|_Service|_entities/);
    expect(committed).toContain('type Product {');
  });

  it('schema/reference.html is generated from it: every type and field, described, cross-linked, nothing external', () => {
    const committed = readFileSync(REFERENCE_PAGE_FILE, 'utf8');
    expect(committed, 'schema/reference.html is stale: run `npm run compose`').toBe(renderReferencePage(apiSchemaOf(supergraphSdl)));
    expect(committed).toContain('<section id="Product">');
    expect(committed).toContain('<dt id="Product.price"><code>price: <a href="#ProductPrice">ProductPrice</a></code></dt>');
    expect(committed).toContain('<code>country: <a href="#CountryCode">CountryCode</a></code>');
    expect(committed).not.toMatch(/<script|src=|https?:\/\//);
  });
});
