import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute,
  getVariableValues,
  Kind,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Options of {@link createCompiledExecution}. */
export interface CompiledExecutionOptions {
  /**
   * How many times a document runs on graphql-js before it is compiled. Compiling costs about as much as a few
   * dozen executions, so a one-off query never pays for it. Default 2.
   */
  compileAfterRuns?: number;
  /** Validation rules beyond graphql-js's specified ones (the subgraph's operation limits). Default none. */
  validationRules?: readonly ValidationRule[];
}

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** What the compiled executor did so far (tests, benches). */
export interface CompiledExecutionStats {
  /** Operations compiled by graphql-jit. */
  compiledOperations: number;
  /** Runs answered by a compiled query. */
  compiledRuns: number;
  /** Compiled runs that reported an error, answered again by graphql-js. */
  fallbackRuns: number;
}
type Executor = (requestContext: Parameters<NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>>[0]) => Promise<ExecutionResult>;

/**
 * Parses and validates a query text as Apollo Server does (graphql-js's specified rules, default options);
 * undefined when it does not parse or validate.
 */
function parseAndValidate(schema: GraphQLSchema, query: string, rules: readonly ValidationRule[]): DocumentNode | undefined {
  try {
    const document = parse(query);
    return validate(schema, document, rules).length === 0 ? document : undefined;
  } catch {
    return undefined;
  }
}

/** One operation to run: a parsed, validated document, the operation in it, the request's variables and context. */
export interface OperationRun {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  context: object;
}

/**
 * The compiled executor: handed to Apollo Server as its `gateway` (the documented interface through which Apollo
 * Server lets another component execute its operations), and run by the subgraph's fast path (`fast-path.ts`).
 */
export type CompiledExecution = Gateway & {
  readonly stats: CompiledExecutionStats;
  /** The schema it runs operations against. */
  readonly schema: GraphQLSchema;
  /** Runs one operation (compiled once it has run `compileAfterRuns` times). */
  run(operation: OperationRun): Promise<ExecutionResult>;
  /** The query text parsed and validated as Apollo Server does it, or undefined when it does not parse or validate. */
  parseAndValidate(query: string): DocumentNode | undefined;
};

/** What is known of one operation of one parsed document: runs so far, then its compiled form (or that it has none). */
interface OperationPlan {
  runs: number;
  compiled?: CompiledQuery | null;
  /** Whether graphql-js must coerce the variables before the compiled query runs (see {@link needsVariableCheck}). */
  checkVariables?: boolean;
}

/**
 * Whether an operation's variables must go through graphql-js's coercion before the compiled query runs. Not
 * when every variable is of the `_Any` scalar (the gateway's `$representations: [_Any!]!`): both executors then
 * do nothing but call `_Any`'s own `parseValue` on each item, and any refusal sends the run to graphql-js.
 */
function needsVariableCheck(operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((definition) => {
    let type = definition.type;
    while (type.kind !== Kind.NAMED_TYPE) type = type.type;
    return type.name.value !== '_Any';
  });
}

/**
 * Whether graphql-jit may run an operation: queries only (a mutation's resolvers must never run twice, see
 * {@link createCompiledExecution}), and no introspection (`__schema`, `__type`), which stays on graphql-js.
 */
function isCompilable(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind !== 'Field' || selection.name.value === '__typename' || !selection.name.value.startsWith('__'),
  );
}

/**
 * Runs a subgraph's operations with graphql-jit (a query compiled once into plain JavaScript, instead of
 * graphql-js walking the document for every entity of every request), behind Apollo Server's gateway
 * interface, which hands the executor the parsed, validated document; the subgraph's fast path (`fast-path.ts`)
 * calls {@link CompiledExecution.run} the same way.
 *
 * Answers stay graphql-js's, byte for byte: graphql-jit's errors differ from graphql-js's (variable-coercion
 * messages drop the scalar's reason, error objects lack the `extensions` Apollo Server reads, null propagation
 * orders errors differently), so only an answer without errors is taken from it. Variables are first coerced by
 * graphql-js (its checks, its messages); an operation whose compiled run reports any error runs again on
 * graphql-js, whose answer is returned. Only queries are compiled, since a read may run twice; mutations,
 * introspection and one-off documents run on graphql-js as before.
 *
 * Compiled queries are keyed by the parsed document (Apollo Server's bounded document store, and the fast
 * path's, keep one per query text), so they live exactly as long as that entry: no answer or data is ever kept
 * between requests.
 */
export function createCompiledExecution(schema: GraphQLSchema, options: CompiledExecutionOptions = {}): CompiledExecution {
  const compileAfterRuns = options.compileAfterRuns ?? 2;
  // A document over the limits goes to Apollo Server, whose validation refuses it with the rule's error.
  const rules = [...specifiedRules, ...(options.validationRules ?? [])];
  const stats: CompiledExecutionStats = { compiledOperations: 0, compiledRuns: 0, fallbackRuns: 0 };
  const plans = new WeakMap<DocumentNode, Map<string, OperationPlan>>();

  function planFor(
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined,
    operationName: string | null | undefined,
  ): OperationPlan | null {
    if (!operation) return null;
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let plan = byName.get(key);
    if (!plan) byName.set(key, (plan = { runs: 0 }));
    if (plan.compiled !== undefined) return plan;
    if (++plan.runs <= compileAfterRuns) return null;
    const compiled = isCompilable(operation) ? compileQuery(schema, document, operationName ?? undefined) : null;
    plan.compiled = compiled && isCompiledQuery(compiled) ? compiled : null;
    plan.checkVariables = needsVariableCheck(operation);
    if (plan.compiled) stats.compiledOperations++;
    return plan;
  }

  async function run({ document, operation, variables, operationName, context }: OperationRun): Promise<ExecutionResult> {
    const variableValues = variables ?? {};
    const plan = planFor(document, operation, operationName);
    if (plan?.compiled) {
      // graphql-js's coercion decides whether the variables are acceptable (and words the error when not).
      if (!plan.checkVariables || !getVariableValues(schema, operation.variableDefinitions ?? [], variableValues).errors) {
        const result = await plan.compiled.query(undefined, context, variableValues);
        if (!result.errors?.length) {
          stats.compiledRuns++;
          return result as ExecutionResult;
        }
        stats.fallbackRuns++;
      }
    }
    return execute({ schema, document, contextValue: context, variableValues: variables, operationName });
  }

  const executor: Executor = async ({ document, operation, request, context }) =>
    operation
      ? run({ document, operation, variables: request.variables, operationName: request.operationName ?? undefined, context })
      : execute({ schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });

  return {
    stats,
    schema,
    run,
    parseAndValidate: (query) => parseAndValidate(schema, query, rules),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}
