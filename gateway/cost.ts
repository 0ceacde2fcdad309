import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * How a field's list size is known, after the IBM GraphQL cost specification's `@listSize` (which federation's
 * `@listSize` directive carries): the size is the value of the first slicing argument given (a number, or the
 * length of a list argument), else `assumedSize`; with `sizedFields` the size applies to those child fields
 * (a connection's `nodes`/`edges`) instead of the field itself.
 */
export interface ListSize {
  slicingArguments?: string[];
  sizedFields?: string[];
  assumedSize?: number;
  /**
   * Largest size the field serves; larger arguments are the subgraph's BAD_USER_INPUT to report, so the
   * estimate counts at most this many (a partner asking `first: 1000` learns the range, not the price).
   */
  maxSize?: number;
  /** The field's own weight counts once per item (work done per line whichever child fields are asked). */
  weighsPerItem?: boolean;
}

/** Weights and list sizes by `Type.field`, the IBM spec's `@cost` and `@listSize` kept beside the schema. */
export interface CostMap {
  /** Cost of resolving a field once (its `@cost(weight:)`). Default: `objectWeight` for object-typed fields, 0 for leaves. */
  weights: Record<string, number>;
  listSizes: Record<string, ListSize>;
  /** Size assumed for a list field nothing else sizes. */
  defaultListSize: number;
  /** Weight of an object-typed field the map does not name. Default 1 (the IBM spec's). */
  objectWeight?: number;
  /**
   * Cost of each selection of a field that makes the gateway fetch from another subgraph, counted once per place
   * it appears in the operation (each alias, each fragment spread) and never multiplied by the lists above it:
   * the query planner fetches a whole list's entities in one request, but an aliased root field's on its own.
   */
  fetchWeights?: Record<string, number>;
  /** Cost of any operation before its fields: parsing, planning, answering. Default 0. */
  operationWeight?: number;
}

/** Stops the walk past any sensible budget, so even a crafted document costs bounded work to price. */
const CEILING = Number.MAX_SAFE_INTEGER / 4;

/**
 * The estimated cost of an operation before it runs (IBM GraphQL cost spec, "type + field" model): each
 * field costs its weight, object-typed fields `objectWeight` (1) by default and leaves 0; a list multiplies the
 * cost of its items by its size, read from the slicing arguments (`products(first: 100)`, `quote(lines: [...])`);
 * nested lists multiply. Beyond the spec: an operation's own weight, and fetch weights counted per selection
 * (see {@link CostMap}); the total is rounded up. Fragments are expanded; on abstract types every fragment is counted (an upper bound).
 * Introspection fields cost nothing here (they have their own budget in `operation-limits.ts`).
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  costMap: CostMap,
): number {
  return estimateCostOf(schema, operation, fragments, variables, costMap).cost;
}

/** An estimate and whether it read any variable: one that did not holds for every request of the operation. */
export interface CostEstimate {
  cost: number;
  readsVariables: boolean;
}

/** {@link estimateCost}, also telling whether the estimate depends on the request's variables. */
export function estimateCostOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  costMap: CostMap,
): CostEstimate {
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return { cost: 0, readsVariables: false };
  let readsVariables = false;
  const objectWeight = costMap.objectWeight ?? 1;
  /** Fetch costs, counted per selection whatever the list sizes above it. */
  let fetches = 0;

  function argumentValue(node: ValueNode): unknown {
    if (!readsVariables && containsVariable(node)) readsVariables = true;
    return valueFromASTUntyped(node, variables);
  }

  function sizeFrom(field: GraphQLField<unknown, unknown>, args: Map<string, ValueNode>, listSize: ListSize | undefined): number {
    const cap = listSize?.maxSize ?? Infinity;
    for (const name of listSize?.slicingArguments ?? []) {
      const given = args.get(name);
      const value = given ? argumentValue(given) : field.args.find((arg) => arg.name === name)?.defaultValue;
      if (typeof value === 'number' && Number.isFinite(value)) return Math.min(cap, Math.max(0, Math.floor(value)));
      if (Array.isArray(value)) return Math.min(cap, value.length);
    }
    return listSize?.assumedSize ?? costMap.defaultListSize;
  }

  function selectionCost(
    type: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    sized: Map<string, number>,
    visiting: Set<string>,
  ): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
        const field = type.getFields()[name];
        if (!field) continue;
        const key = `${type.name}.${name}`;
        const namedType = getNamedType(field.type);
        const weight = costMap.weights[key] ?? (isCompositeType(namedType) ? objectWeight : 0);
        fetches += costMap.fetchWeights?.[key] ?? 0;
        const listSize = costMap.listSizes[key];
        const args = new Map((selection.arguments ?? []).map((arg) => [arg.name.value, arg.value]));
        const size = listSize || isListType(getNullableType(field.type)) ? sizeFrom(field, args, listSize) : 1;
        const childSized = new Map<string, number>();
        if (listSize?.sizedFields) for (const child of listSize.sizedFields) childSized.set(child, size);
        const children =
          selection.selectionSet && isCompositeType(namedType) ? selectionCost(namedType, selection.selectionSet, childSized, visiting) : 0;
        const multiplier = sized.get(name) ?? (isListType(getNullableType(field.type)) && !listSize?.sizedFields ? size : 1);
        total += multiplier * ((listSize?.weighsPerItem ? size : 1) * weight + children);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) total += selectionCost(on, selection.selectionSet, sized, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // Cycles are refused by graphql-js's NoFragmentCycles rule; here they just stop the walk.
        if (!fragment || visiting.has(name)) continue;
        const on = schema.getType(fragment.typeCondition.name.value);
        if (on && isCompositeType(on)) total += selectionCost(on, fragment.selectionSet, sized, new Set([...visiting, name]));
      }
      if (total > CEILING) return CEILING;
    }
    return total;
  }

  const fields = selectionCost(root, operation.selectionSet, new Map(), new Set());
  // Fractional weights price cheap fields finely; the estimate a client sees and is charged is a whole number
  // (less a hair, so a float sum like 7.000000000000001 is 7).
  const cost = Math.min(CEILING, Math.max(0, Math.ceil((costMap.operationWeight ?? 0) + fetches + fields - 1e-9)));
  return { cost, readsVariables };
}

/** Whether a value literal refers to a variable, at any depth (`$n`, `[$a]`, `{ id: $id }`). */
function containsVariable(node: ValueNode): boolean {
  switch (node.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return node.values.some(containsVariable);
    case Kind.OBJECT:
      return node.fields.some((field) => containsVariable(field.value));
    default:
      return false;
  }
}
