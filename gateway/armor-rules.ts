import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { ErrorCode } from '../subgraphs/common/contract/errors.ts';

/** Limits of {@link createArmorRules} and the parser. */
export interface ArmorLimits {
  /**
   * Most aliases in one operation, fragments expanded, `__typename` aliases included (each is still a field to
   * resolve and to serialise). Default 50 (the cost budget bounds what they fetch).
   */
  maxAliases: number;
  /** Most directives in one operation. Default 50. */
  maxDirectives: number;
  /** Most lexical tokens in one document (graphql-js `parse`'s `maxTokens`). Default 5 000. */
  maxTokens: number;
}

export const DEFAULT_ARMOR_LIMITS: ArmorLimits = { maxAliases: 50, maxDirectives: 50, maxTokens: 5_000 };

/**
 * graphql-armor's alias and directive rules (the `@escape.tech/graphql-armor-*` packages; their Apollo Server
 * plugin targets Apollo Server 3/4, their validation rules work with any graphql-js 16 server). Their own
 * rejection throws out of `validate` with a "Syntax Error" message; here a rejection is reported as a
 * validation error with our QUERY_TOO_COMPLEX code instead.
 */
export function createArmorRules(limits: ArmorLimits = DEFAULT_ARMOR_LIMITS): ValidationRule[] {
  const reject = (context: ValidationContext, error: GraphQLError) =>
    context.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } }),
    );
  const onReject = [(context: ValidationContext | null, error: GraphQLError) => context && reject(context, error)];
  return [
    maxAliasesRule({ n: limits.maxAliases, allowList: [], propagateOnRejection: false, onReject }) as unknown as ValidationRule,
    maxDirectivesRule({ n: limits.maxDirectives, propagateOnRejection: false, onReject }) as unknown as ValidationRule,
  ];
}
