import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import {
  execute,
  getOperationAST,
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
  /** Requests answered by the direct path, without Apollo Server's request pipeline. */
  directAnswers: number;
}
type Executor = (requestContext: Parameters<NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>>[0]) => Promise<ExecutionResult>;

/** Where the direct path leaves a run's result for Apollo Server to format (an answer with errors). */
const DIRECT_RESULT = Symbol('meridian.directResult');

/** Total length of the query texts the direct path keeps parsed (the gateway sends a few dozen shapes). */
const MAX_DIRECT_QUERY_CHARS = 4 * 1024 * 1024;

/** A POST body of the one shape the direct path answers: a query text, variables, an operation name. */
export interface PlainPostBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** The direct path's outcome: the response body, or the context to hand to Apollo Server instead. */
export type DirectAnswer<TContext> = { json: string } | { delegate: TContext };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/**
 * The body of a POST the direct path may answer: an object with a non-empty string `query`, `variables` an object
 * (or null or absent), `operationName` a string (or null or absent), and nothing else (no `extensions`, so no
 * persisted queries). Apollo Server accepts every such body; everything else it judges itself.
 */
export function plainPostBodyOf(body: unknown): PlainPostBody | undefined {
  if (!isRecord(body)) return undefined;
  for (const key in body) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return undefined;
  const { query, variables, operationName } = body;
  if (typeof query !== 'string' || query === '') return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  return body as unknown as PlainPostBody;
}

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

/** The compiled executor, as Apollo Server's gateway, with its direct path and its figures. */
export type CompiledExecution = Gateway & {
  readonly stats: CompiledExecutionStats;
  /**
   * Answers a POST body of the plain shape (see {@link plainPostBodyOf}) directly, or says to hand the request to
   * Apollo Server, with the context already built; `undefined` for any other body (no context is built then).
   */
  answerDirectly<TContext extends object>(
    post: unknown,
    createContext: () => Promise<TContext>,
  ): Promise<DirectAnswer<TContext> | undefined>;
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
 * interface, which hands the executor the parsed, validated document.
 *
 * Answers stay graphql-js's, byte for byte: graphql-jit's errors differ from graphql-js's (variable-coercion
 * messages drop the scalar's reason, error objects lack the `extensions` Apollo Server reads, null propagation
 * orders errors differently), so only an answer without errors is taken from it. Variables are first coerced by
 * graphql-js (its checks, its messages); an operation whose compiled run reports any error runs again on
 * graphql-js, whose answer is returned. Only queries are compiled, since a read may run twice; mutations,
 * introspection and one-off documents run on graphql-js as before.
 *
 * Compiled queries are keyed by the parsed document (Apollo Server's bounded document store, and the direct
 * path's, keep one per query text), so they live exactly as long as that entry: no answer or data is ever kept
 * between requests.
 */
export function createCompiledExecution(schema: GraphQLSchema, options: CompiledExecutionOptions = {}): CompiledExecution {
  const compileAfterRuns = options.compileAfterRuns ?? 2;
  // A document over the limits goes to Apollo Server, whose validation refuses it with the rule's error.
  const rules = [...specifiedRules, ...(options.validationRules ?? [])];
  const stats: CompiledExecutionStats = { compiledOperations: 0, compiledRuns: 0, fallbackRuns: 0, directAnswers: 0 };
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

  const executor: Executor = async (requestContext) => {
    const { document, operation, request, context } = requestContext;
    // The direct path ran this request already and leaves its answer (one with errors) for Apollo to format.
    const ranDirectly = (context as Record<symbol, ExecutionResult | undefined>)[DIRECT_RESULT];
    if (ranDirectly) return ranDirectly;
    const variableValues = request.variables ?? {};
    const plan = planFor(document, operation, request.operationName);
    if (plan?.compiled && operation) {
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
    return execute({ schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });
  };

  // Keyed by query text, bounded by the texts' total length; an invalid text is not kept (Apollo Server answers it).
  const documents = new LRUCache<string, DocumentNode>({
    maxSize: MAX_DIRECT_QUERY_CHARS,
    sizeCalculation: (_, query) => query.length + 1,
  });

  /**
   * Answers a plain POST without Apollo Server's request pipeline (hashing, document store, hooks, content
   * negotiation), which cost about as much as executing a compiled `_entities` query. Only the shape the gateway
   * sends qualifies (see {@link plainPostBodyOf}, and `isPlainJsonPost` in `http.ts`), and only an answer without errors is written here; anything else returns
   * `undefined` and goes through Apollo Server, a run's errors included: the run's result rides on the context
   * to the executor, so Apollo formats those errors without a second run.
   */
  async function answerDirectly<TContext extends object>(
    post: unknown,
    createContext: () => Promise<TContext>,
  ): Promise<DirectAnswer<TContext> | undefined> {
    const body = plainPostBodyOf(post);
    if (!body) return undefined;
    let context: TContext;
    try {
      context = await createContext();
    } catch {
      return undefined; // Apollo Server answers a failed context creation (it calls the factory again)
    }
    let document = documents.get(body.query);
    if (!document) {
      document = parseAndValidate(schema, body.query, rules);
      if (!document) return { delegate: context };
      documents.set(body.query, document);
    }
    const operationName = body.operationName ?? undefined;
    const operation = getOperationAST(document, operationName) ?? undefined;
    if (!operation || operation.operation !== 'query') return { delegate: context };
    // Apollo Server hands resolvers a shallow copy of the context; so does this path.
    const contextValue = Object.assign(Object.create(Object.getPrototypeOf(context)), context) as TContext;
    const result = await executor({
      document,
      operation,
      request: { query: body.query, variables: body.variables ?? undefined, operationName },
      context: contextValue,
    } as Parameters<Executor>[0]);
    if (result.errors) return { delegate: Object.assign(context, { [DIRECT_RESULT]: result }) };
    stats.directAnswers++;
    return { json: `${JSON.stringify({ data: result.data, extensions: result.extensions })}\n` };
  }

  return {
    stats,
    answerDirectly,
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
