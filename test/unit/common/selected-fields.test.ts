import { parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFieldNames } from '../../../subgraphs/common/selected-fields.ts';

/** The resolve info of the operation's first root field, as graphql-js hands it to that field's resolver. */
function infoOf(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  )!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === 'FragmentDefinition')
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectedFieldNames', () => {
  it('names the fields selected below a field, through inline fragments and fragment spreads', () => {
    const info = infoOf(`
      { content(locale: "de") { title ... on ProductContent { locale } ...Texts } }
      fragment Texts on ProductContent { descriptionText { value } ...More }
      fragment More on ProductContent { direction }
    `);
    expect([...selectedFieldNames(info)].sort()).toEqual(['descriptionText', 'direction', 'locale', 'title']);
  });

  it('follows a path, merging every occurrence of each step', () => {
    const info = infoOf(
      `{ products(first: 2) { nodes { id sku } edges { node { brand } cursor } nodes { __typename dimensions { lengthCm } } } }`,
    );
    expect([...selectedFieldNames(info, ['nodes'])].sort()).toEqual(['__typename', 'dimensions', 'id', 'sku']);
    expect([...selectedFieldNames(info, ['edges', 'node'])]).toEqual(['brand']);
    expect([...selectedFieldNames(info, ['pageInfo'])]).toEqual([]);
  });

  it('counts a field under @skip or @include as selected (a superset: reading more is harmless)', () => {
    const info = infoOf(`query($short: Boolean!) { content { title description @skip(if: $short) } }`);
    expect(selectedFieldNames(info).has('description')).toBe(true);
  });

  it('answers the same for the same field nodes (remembered per execution) and apart for another query', () => {
    const info = infoOf(`{ content { title } }`);
    expect(selectedFieldNames(info)).toBe(selectedFieldNames({ ...info }));
    expect(selectedFieldNames(infoOf(`{ content { description } }`)).has('title')).toBe(false);
  });
});
