import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ErrorCode } from '../subgraphs/common/contract/errors.ts';

/** Limits of {@link createOperationLimitsRule}. */
export interface OperationLimits {
  /** Deepest field nesting allowed (the product page needs 5). Default 10. */
  maxDepth: number;
  /** Most field selections in one operation, fragments expanded, aliases counted. Default 500. */
  maxFields: number;
  /**
   * Deepest nesting inside one `__schema`/`__type` selection. Introspection has its own budget because the
   * standard introspection query (`getIntrospectionQuery()`, what GraphiQL, codegen and every schema tool
   * send) nests type references 15 deep while costing nothing but the schema already in memory. Default 20.
   */
  maxIntrospectionDepth: number;
  /** Most field selections inside introspection, fragments expanded. Default 1 000 (the standard query: ~180). */
  maxIntrospectionFields: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxFields: 500,
  maxIntrospectionDepth: 20,
  maxIntrospectionFields: 1_000,
};

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

interface Measure {
  depth: number;
  fields: number;
  introspectionDepth: number;
  introspectionFields: number;
}

function combine(into: Measure, inner: Measure): void {
  into.depth = Math.max(into.depth, inner.depth);
  into.fields += inner.fields;
  into.introspectionDepth = Math.max(into.introspectionDepth, inner.introspectionDepth);
  into.introspectionFields += inner.introspectionFields;
}

/**
 * A validation rule that refuses operations deeper or wider than the limits, before any subgraph is asked:
 * a partner's runaway query gets QUERY_TOO_COMPLEX naming the limit, not a slow answer.
 */
export function createOperationLimitsRule(limits: OperationLimits = DEFAULT_OPERATION_LIMITS) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }

    /**
     * Depth and field count of a selection set, fragments expanded. Inside `__schema`/`__type` the counts go to
     * the introspection budget instead (`inIntrospection`), measured from the introspection field down.
     */
    function measure(selectionSet: SelectionSetNode, depth: number, visiting: Set<string>, inIntrospection: boolean): Measure {
      const total: Measure = { depth, fields: 0, introspectionDepth: 0, introspectionFields: 0 };
      if (inIntrospection) {
        total.depth = 0;
        total.introspectionDepth = depth;
      }
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const entersIntrospection = !inIntrospection && INTROSPECTION_ROOTS.has(selection.name.value);
          const introspecting = inIntrospection || entersIntrospection;
          if (introspecting) total.introspectionFields += 1;
          else total.fields += 1;
          if (selection.selectionSet) {
            combine(total, measure(selection.selectionSet, entersIntrospection ? 2 : depth + 1, visiting, introspecting));
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          combine(total, measure(selection.selectionSet, depth, visiting, inIntrospection));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Cycles are reported by graphql-js's own NoFragmentCycles rule; skip them here.
          if (!fragment || visiting.has(name)) continue;
          combine(total, measure(fragment.selectionSet, depth, new Set([...visiting, name]), inIntrospection));
        }
        if (total.fields > limits.maxFields || total.introspectionFields > limits.maxIntrospectionFields) break;
      }
      return total;
    }

    function refuse(operation: OperationDefinitionNode, message: string, extensions: Record<string, unknown>): void {
      context.reportError(
        new GraphQLError(message, { nodes: [operation], extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...extensions } }),
      );
    }

    return {
      OperationDefinition(operation) {
        const { depth, fields, introspectionDepth, introspectionFields } = measure(operation.selectionSet, 1, new Set(), false);
        const name = operation.name?.value ?? 'anonymous operation';
        if (depth > limits.maxDepth) {
          refuse(operation, `Operation "${name}" nests fields ${depth} deep; the limit is ${limits.maxDepth}`, {
            depth,
            maxDepth: limits.maxDepth,
          });
        }
        if (fields > limits.maxFields) {
          refuse(operation, `Operation "${name}" selects more than ${limits.maxFields} fields; split it into smaller queries`, {
            maxFields: limits.maxFields,
          });
        }
        if (introspectionDepth > limits.maxIntrospectionDepth) {
          refuse(
            operation,
            `Operation "${name}" nests introspection ${introspectionDepth} deep; the limit is ${limits.maxIntrospectionDepth}`,
            {
              depth: introspectionDepth,
              maxIntrospectionDepth: limits.maxIntrospectionDepth,
            },
          );
        }
        if (introspectionFields > limits.maxIntrospectionFields) {
          refuse(operation, `Operation "${name}" selects more than ${limits.maxIntrospectionFields} introspection fields`, {
            maxIntrospectionFields: limits.maxIntrospectionFields,
          });
        }
      },
    };
  };
}
