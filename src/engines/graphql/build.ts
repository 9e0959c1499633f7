/**
 * Builds valid documents from an introspected schema: a selection of scalar leaves for any output type,
 * and literal values for required arguments (defaults by type). Bounded depth everywhere: schemas are
 * recursive.
 */
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

const MAX_LEAVES = 8;
const MAX_INPUT_DEPTH = 3;

export type Overrides = Record<string, string>;

/** A literal for an input type: `"rampart"`, `1`, `true`, the first enum value, `{required: …}`. */
export function literal(type: GraphQLInputType, depth = 0): string {
  if (isNonNullType(type)) return literal(type.ofType, depth);
  if (isListType(type)) return `[${literal(type.ofType, depth)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? 'null';
  if (isInputObjectType(type)) {
    if (depth >= MAX_INPUT_DEPTH) return '{}';
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{${fields.map((f) => `${f.name}: ${literal(f.type, depth + 1)}`).join(', ')}}`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return '1';
      case 'Float':
        return '1.5';
      case 'Boolean':
        return 'true';
      case 'ID':
        return '"1"';
      default:
        return '"rampart"';
    }
  }
  return 'null';
}

export function isRequired(a: GraphQLArgument): boolean {
  return isNonNullType(a.type) && a.defaultValue === undefined;
}

/** `(id: "7", first: 1)`: required arguments with defaults by type, `values` winning (given as literals). */
export function argumentsOf(field: GraphQLField<unknown, unknown>, values: Overrides = {}): string {
  const parts: string[] = [];
  for (const a of field.args) {
    if (a.name in values) parts.push(`${a.name}: ${values[a.name]}`);
    else if (isRequired(a)) parts.push(`${a.name}: ${literal(a.type)}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** `{ id name email }`: up to 8 scalar fields without required arguments; `{ __typename }` at least. */
export function selectionOf(type: GraphQLOutputType | GraphQLNamedType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named)) return '{ __typename }';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const leaves = Object.values(named.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some(isRequired))
    .slice(0, MAX_LEAVES)
    .map((f) => f.name);
  return `{ ${leaves.length ? leaves.join(' ') : '__typename'} }`;
}

/** A whole operation calling one root field: `query { order(id: "1") { id total } }`. */
export function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, values: Overrides = {}): string {
  return `${kind} { ${field.name}${argumentsOf(field, values)} ${selectionOf(field.type)} }`.replace(/\s+}/g, ' }');
}

export function rootFields(schema: GraphQLSchema, kind: 'query' | 'mutation'): GraphQLField<unknown, unknown>[] {
  const t: GraphQLObjectType | null | undefined = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  return t ? Object.values(t.getFields()).filter((f) => !f.name.startsWith('__')) : [];
}

/** Fields whose required arguments can all be built (no argument a check must fill in is left). */
export function callable(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.filter(isRequired).every((a) => !isInputObjectType(getNamedType(a.type)) || literal(a.type) !== '{}');
}

/** Whether a string JSON-encoded is a valid GraphQL string literal (it is for everything JSON escapes). */
export function str(value: string): string {
  return JSON.stringify(value);
}
