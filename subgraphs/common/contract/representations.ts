import {
  GraphQLError,
  GraphQLScalarType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  valueFromASTUntyped,
  type GraphQLSchema,
} from 'graphql';
import { echoed, ErrorCode } from './errors.ts';

function refuse(message: string): never {
  throw new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

/** The names of each schema's entity types, read once per schema (a schema's types never change). */
const entityNamesBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string> | null>();

/**
 * Whether `typename` is an entity type of the subgraph: a member of its `_Entity` union (the types with a `@key`);
 * in a schema without that union, any object or interface type.
 */
function isEntityType(schema: GraphQLSchema, typename: string): boolean {
  let names = entityNamesBySchema.get(schema);
  if (names === undefined) {
    const entities = schema.getType('_Entity');
    names = isUnionType(entities) ? new Set(entities.getTypes().map((member) => member.name)) : null;
    entityNamesBySchema.set(schema, names);
  }
  if (names) return names.has(typename);
  const type = schema.getType(typename);
  return Boolean(type && (isObjectType(type) || isInterfaceType(type)));
}

/**
 * Checks one entity representation of `_entities(representations:)`: an object whose `__typename` names an
 * entity type of this subgraph (a member of its `_Entity` union) and whose `id` (every Meridian entity's `@key`) is a string.
 * The gateway always sends such; anything else comes from a client calling a subgraph directly, and must be
 * its BAD_USER_INPUT (naming the bad value, truncated), not a resolver's TypeError reported as a 500.
 */
export function checkRepresentation(schema: GraphQLSchema, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(`An entity representation must be an object, got ${echoed(JSON.stringify(value) ?? String(value))}`);
  }
  const representation = value as Record<string, unknown>;
  const typename = representation.__typename;
  if (typeof typename !== 'string') refuse('An entity representation needs a string "__typename"');
  if (!isEntityType(schema, typename)) {
    refuse(`Unknown entity type "${echoed(typename)}" in a representation`);
  }
  if (typeof representation.id !== 'string') {
    refuse(`A ${echoed(typename)} representation needs a string "id", got ${echoed(JSON.stringify(representation.id) ?? 'nothing')}`);
  }
  return representation;
}

/**
 * Makes the subgraph's `_Any` scalar (the type of `_entities`' representations, which accepts anything by
 * default) check each representation with {@link checkRepresentation}. Returns the same schema.
 */
export function guardEntityRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const any = schema.getType('_Any');
  if (!(any instanceof GraphQLScalarType)) return schema;
  any.parseValue = (value: unknown) => checkRepresentation(schema, value);
  any.parseLiteral = (node, variables) => {
    if (node.kind !== Kind.OBJECT) refuse('An entity representation must be an object');
    return checkRepresentation(schema, valueFromASTUntyped(node, variables));
  };
  return schema;
}
