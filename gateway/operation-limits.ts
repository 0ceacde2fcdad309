import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ErrorCode } from '../subgraphs/common/errors.ts';

/** Limits of {@link createOperationLimitsRule}. */
export interface OperationLimits {
  /** Deepest field nesting allowed (the product page needs 5). Default 10. */
  maxDepth: number;
  /** Most field selections in one operation, fragments expanded, aliases counted. Default 500. */
  maxFields: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = { maxDepth: 10, maxFields: 500 };

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

    function measure(selectionSet: SelectionSetNode, depth: number, visiting: Set<string>): { depth: number; fields: number } {
      let deepest = depth;
      let fields = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          fields += 1;
          if (selection.selectionSet) {
            const inner = measure(selection.selectionSet, depth + 1, visiting);
            deepest = Math.max(deepest, inner.depth);
            fields += inner.fields;
          } else {
            deepest = Math.max(deepest, depth);
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const inner = measure(selection.selectionSet, depth, visiting);
          deepest = Math.max(deepest, inner.depth);
          fields += inner.fields;
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Cycles are reported by graphql-js's own NoFragmentCycles rule; skip them here.
          if (!fragment || visiting.has(name)) continue;
          const inner = measure(fragment.selectionSet, depth, new Set([...visiting, name]));
          deepest = Math.max(deepest, inner.depth);
          fields += inner.fields;
        }
        if (fields > limits.maxFields) break;
      }
      return { depth: deepest, fields };
    }

    return {
      OperationDefinition(operation) {
        const { depth, fields } = measure(operation.selectionSet, 1, new Set());
        const name = operation.name?.value ?? 'anonymous operation';
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`Operation "${name}" nests fields ${depth} deep; the limit is ${limits.maxDepth}`, {
              nodes: [operation],
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, depth, maxDepth: limits.maxDepth },
            }),
          );
        }
        if (fields > limits.maxFields) {
          context.reportError(
            new GraphQLError(`Operation "${name}" selects more than ${limits.maxFields} fields; split it into smaller queries`, {
              nodes: [operation],
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, maxFields: limits.maxFields },
            }),
          );
        }
      },
    };
  };
}
