import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildASTSchema, isObjectType, parse } from 'graphql';
import { SUPERGRAPH_FILE } from '../../../gateway/gateway.ts';
import { composeSupergraph } from '../../../scripts/supergraph.ts';
import { SUBGRAPH_NAMES } from '../../../subgraphs/common/config.ts';

describe('supergraph', () => {
  it('the committed schema/supergraph.graphql is what the subgraphs compose to (run `npm run compose`)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  // Analytics teams and partners read the schema as documentation: nothing may be left undescribed.
  it.each(SUBGRAPH_NAMES)('every type, field, argument and enum value of the %s subgraph has a description', (name) => {
    const sdl = readFileSync(new URL(`../../../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8');
    const document = parse(sdl);
    const undocumented: string[] = [];
    for (const definition of document.definitions) {
      if (!('name' in definition) || !definition.name) continue;
      const typeName = definition.name.value;
      if (!('description' in definition) || !definition.description) {
        if (typeName !== 'Query') undocumented.push(typeName);
      }
      if ('fields' in definition && definition.fields) {
        for (const field of definition.fields) {
          if (!field.description) undocumented.push(`${typeName}.${field.name.value}`);
          for (const argument of 'arguments' in field ? (field.arguments ?? []) : []) {
            if (!argument.description) undocumented.push(`${typeName}.${field.name.value}(${argument.name.value})`);
          }
        }
      }
      if ('values' in definition && definition.values) {
        for (const value of definition.values) {
          if (!value.description) undocumented.push(`${typeName}.${value.name.value}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('the composed API schema exposes the product page in one query', () => {
    const supergraph = buildASTSchema(parse(readFileSync(SUPERGRAPH_FILE, 'utf8')), { assumeValidSDL: true });
    const product = supergraph.getType('Product');
    expect(isObjectType(product)).toBe(true);
    if (!isObjectType(product)) return;
    expect(Object.keys(product.getFields())).toEqual(
      expect.arrayContaining(['sku', 'hsCode', 'originCountry', 'content', 'price', 'delivery']),
    );
  });
});
