import {
  type ArgumentNode,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * How long an answer stays true, by what it reads: prices, rates and stock change during the day; product content
 * and translations change rarely. Seconds, for `Cache-Control: max-age`.
 */
export interface CacheTiers {
  /** Prices, FX rates, taxes, duties, stock and delivery (fields the pricing and fulfillment subgraphs resolve). Default 60. */
  pricesMaxAgeS: number;
  /** Product content, categories, translations and locale data (fields the products and localization subgraphs resolve). Default 3 600. */
  contentMaxAgeS: number;
}

export const DEFAULT_CACHE_TIERS: CacheTiers = { pricesMaxAgeS: 60, contentMaxAgeS: 3_600 };

/** Which tier each subgraph's data is in (the supergraph's `join__Graph` names). */
const TIER_OF_GRAPH: Readonly<Record<string, keyof CacheTiers>> = {
  PRICING: 'pricesMaxAgeS',
  FULFILLMENT: 'pricesMaxAgeS',
  PRODUCTS: 'contentMaxAgeS',
  LOCALIZATION: 'contentMaxAgeS',
};

/**
 * Fields never cached whoever resolves them: a quote is one shopper's cart, and its input (in the URL of a GET)
 * can carry their address and personal customs code, which a shared cache must not keep.
 */
const NEVER_CACHED: ReadonlySet<string> = new Set(['Query.quote']);

/** A field's hint: its max-age and the purge keys of the subgraphs that resolve it. */
export interface FieldCacheHint {
  maxAgeS: number;
  graphs: readonly string[];
}

/** Hints by `Type.field`; a field not in it is never cached. */
export type CacheHints = ReadonlyMap<string, FieldCacheHint>;

function argumentString(args: readonly ArgumentNode[] | undefined, name: string): string | undefined {
  const value = args?.find((arg) => arg.name.value === name)?.value;
  if (value?.kind === Kind.ENUM || value?.kind === Kind.STRING) return value.value;
  return undefined;
}

function joinDirectives(directives: readonly ConstDirectiveNode[] | undefined, name: string): readonly ConstDirectiveNode[] {
  return directives?.filter((directive) => directive.name.value === name) ?? [];
}

/** The graphs that resolve a field: its own `@join__field`s (external ones excluded), else its type's. */
function resolvingGraphs(fieldDirectives: readonly ConstDirectiveNode[] | undefined, typeGraphs: readonly string[]): string[] {
  const joins = joinDirectives(fieldDirectives, 'join__field');
  const graphs = joins
    .filter((join) => !join.arguments?.some((arg) => arg.name.value === 'external' && arg.value.kind === Kind.BOOLEAN && arg.value.value))
    .map((join) => argumentString(join.arguments, 'graph'))
    .filter((graph): graph is string => graph !== undefined);
  return graphs.length > 0 ? graphs : [...typeGraphs];
}

/**
 * Per-field cache hints read from the supergraph's join directives: a field is as fresh as the shortest tier of
 * the subgraphs that can resolve it. Entity key fields are identities that never go stale, so they set no bound.
 * Deriving hints from ownership keeps them in step with the graph (a new pricing field is short-lived without
 * anyone remembering to annotate it) and needs no `@cacheControl` in subgraph SDL, whose hints would have to
 * travel back through every subgraph response.
 */
export function cacheHintsFromSupergraph(supergraphSdl: string, tiers: CacheTiers = DEFAULT_CACHE_TIERS): CacheHints {
  const hints = new Map<string, FieldCacheHint>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !definition.fields) continue;
    const typeJoins = joinDirectives(definition.directives, 'join__type');
    const typeGraphs = typeJoins.map((join) => argumentString(join.arguments, 'graph')).filter((graph): graph is string => !!graph);
    const keyFields = new Set(typeJoins.flatMap((join) => (argumentString(join.arguments, 'key') ?? '').split(/\s+/).filter(Boolean)));
    for (const field of definition.fields) {
      const graphs = resolvingGraphs(field.directives, typeGraphs).filter((graph) => graph in TIER_OF_GRAPH);
      if (graphs.length === 0) continue;
      const name = `${definition.name.value}.${field.name.value}`;
      if (NEVER_CACHED.has(name)) continue;
      if (keyFields.has(field.name.value)) hints.set(name, { maxAgeS: Infinity, graphs: [] });
      else {
        const maxAgeS = Math.min(...graphs.map((graph) => tiers[TIER_OF_GRAPH[graph]!]));
        hints.set(name, { maxAgeS, graphs: graphs.map((graph) => graph.toLowerCase()) });
      }
    }
  }
  return hints;
}

/** What an operation's answer may be cached for: the least max-age over its fields, and the subgraphs it reads. */
export interface CachePolicy {
  maxAgeS: number;
  graphs: readonly string[];
}

/**
 * The cache policy of a document: the minimum of its fields' hints (a field without a hint, `__schema` or
 * `__type` makes it 0: never cached). Every operation and fragment in the document counts, which can only
 * shorten the answer's life.
 */
export function cachePolicyOf(document: DocumentNode, schema: GraphQLSchema, hints: CacheHints): CachePolicy {
  let maxAgeS = Infinity;
  const graphs = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name === '__typename') return;
        const parent = typeInfo.getParentType();
        const hint = parent ? hints.get(`${parent.name}.${name}`) : undefined;
        if (!hint) {
          maxAgeS = 0;
          return;
        }
        maxAgeS = Math.min(maxAgeS, hint.maxAgeS);
        for (const graph of hint.graphs) graphs.add(graph);
      },
    }),
  );
  return { maxAgeS: Number.isFinite(maxAgeS) ? maxAgeS : 0, graphs: [...graphs].sort() };
}
