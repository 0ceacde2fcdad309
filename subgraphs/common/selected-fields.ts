import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects below the resolver's field, following `path` (e.g. `['nodes']` or
 * `['edges', 'node']`) and merging fragments. Directives (`@skip`, `@include`) are ignored, so the answer may
 * name a field the query skips: callers use it to read less from the database, where a superset is harmless.
 * Memoised per field node: a field node belongs to one parsed document (Apollo keeps parsed documents across
 * requests) and so to one set of fragments, and the answer ignores variables; a field merged from several
 * nodes is memoised per node list, which graphql-js shares among the items of one list within one execution.
 */
export function selectedFieldNames(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[] = [],
): ReadonlySet<string> {
  const key = path.join('.');
  const memoKey = info.fieldNodes.length === 1 ? info.fieldNodes[0]! : info.fieldNodes;
  let byPath = memo.get(memoKey);
  if (byPath === undefined) {
    byPath = new Map();
    memo.set(memoKey, byPath);
  }
  let names = byPath.get(key);
  if (names === undefined) {
    let level: readonly SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    for (const step of path) {
      level = fieldsOf(level, info.fragments).flatMap((node) => (node.name.value === step && node.selectionSet ? [node.selectionSet] : []));
    }
    names = new Set(fieldsOf(level, info.fragments).map((node) => node.name.value));
    byPath.set(key, names);
  }
  return names;
}

const memo = new WeakMap<FieldNode | readonly FieldNode[], Map<string, ReadonlySet<string>>>();

function fieldsOf(selectionSets: readonly SelectionSetNode[], fragments: GraphQLResolveInfo['fragments']): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') fields.push(selection);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet, seen);
      }
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet, new Set());
  return fields;
}
