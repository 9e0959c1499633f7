/**
 * A GraphQL schema as the audit checks read it, built either from SDL (graphql-js `parse()`, so every
 * node keeps its exact line:col) or from an introspection result (JSON, positions from the JSON text).
 * Both shapes become the same small model, so a check is written once.
 */
import {
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  GraphQLError,
  getLocation,
  Kind,
  type Location,
  parse,
  Source,
  type TypeNode,
  visit,
} from 'graphql';
import type { Limits, Region } from '../../formats/structured.ts';
import { InputError, parseStructured } from '../../formats/structured.ts';

/** Where a node is: a region of the file, and for introspection JSON its JSON pointer. */
export interface Place {
  region: Region;
  pointer?: string;
}

export interface GqlArg extends Place {
  name: string;
  /** As written: `[ID!]!`. */
  type: string;
  /** The named type under lists and non-null: `ID`. */
  named: string;
  description?: string;
}

export interface GqlField extends Place {
  name: string;
  type: string;
  named: string;
  /** Returns a list (at any nesting). */
  isList: boolean;
  args: GqlArg[];
  /** Names of the directives applied to the field (SDL only: introspection does not carry them). */
  directives: string[];
  description?: string;
}

export type GqlKind = 'OBJECT' | 'INTERFACE' | 'INPUT_OBJECT' | 'ENUM' | 'SCALAR' | 'UNION';

export interface GqlType extends Place {
  name: string;
  kind: GqlKind;
  fields: GqlField[];
  /** Directives applied to the type itself (SDL only). */
  directives: string[];
}

export interface GqlSchema {
  source: 'sdl' | 'introspection';
  types: Map<string, GqlType>;
  query?: string;
  mutation?: string;
  subscription?: string;
  /** Every directive applied anywhere in the schema (SDL only), e.g. `auth`, `hasRole`. */
  applied: Set<string>;
}

/** The root operation type a type is, if any. */
export function rootOf(schema: GqlSchema, type: string): 'Query' | 'Mutation' | 'Subscription' | undefined {
  if (type === schema.query) return 'Query';
  if (type === schema.mutation) return 'Mutation';
  if (type === schema.subscription) return 'Subscription';
  return undefined;
}

/** Types a client reads (objects and interfaces), the roots included. */
export function outputTypes(schema: GqlSchema): GqlType[] {
  return [...schema.types.values()].filter((t) => (t.kind === 'OBJECT' || t.kind === 'INTERFACE') && !t.name.startsWith('__'));
}

// ---------------------------------------------------------------------------------------------------
// SDL

function regionOf(source: Source, loc: Location | undefined): Region {
  if (!loc) return { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
  const a = getLocation(source, loc.start);
  const b = getLocation(source, loc.end);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

function printType(t: TypeNode): string {
  if (t.kind === Kind.NON_NULL_TYPE) return `${printType(t.type)}!`;
  if (t.kind === Kind.LIST_TYPE) return `[${printType(t.type)}]`;
  return t.name.value;
}

function namedOf(t: TypeNode): string {
  return t.kind === Kind.NAMED_TYPE ? t.name.value : namedOf(t.type);
}

function listOf(t: TypeNode): boolean {
  return t.kind === Kind.LIST_TYPE || (t.kind === Kind.NON_NULL_TYPE && listOf(t.type));
}

const directiveNames = (ds: readonly DirectiveNode[] | undefined) => (ds ?? []).map((d) => d.name.value);

const KIND_OF: Partial<Record<DefinitionNode['kind'], GqlKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'OBJECT',
  [Kind.OBJECT_TYPE_EXTENSION]: 'OBJECT',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'INTERFACE',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'INTERFACE',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'INPUT_OBJECT',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'INPUT_OBJECT',
  [Kind.ENUM_TYPE_DEFINITION]: 'ENUM',
  [Kind.SCALAR_TYPE_DEFINITION]: 'SCALAR',
  [Kind.UNION_TYPE_DEFINITION]: 'UNION',
};

/** SDL text to the model. Throws InputError (with line:col) on a syntax error. */
export function schemaFromSdl(text: string, file: string): GqlSchema {
  const source = new Source(text, file);
  let doc: DocumentNode;
  try {
    // maxTokens bounds the work on a hostile file; a real schema of 32 MiB stays far below it.
    doc = parse(source, { maxTokens: 5_000_000 });
  } catch (e) {
    const err = e as GraphQLError;
    const at = err instanceof GraphQLError ? err.locations?.[0] : undefined;
    throw new InputError(`invalid GraphQL SDL: ${err.message.replace(/^Syntax Error: /, '')}`, file, at?.line, at?.column);
  }
  const schema: GqlSchema = { source: 'sdl', types: new Map(), applied: new Set() };
  const roots: Partial<Record<'query' | 'mutation' | 'subscription', string>> = {};
  for (const def of doc.definitions) {
    if (def.kind === Kind.SCHEMA_DEFINITION || def.kind === Kind.SCHEMA_EXTENSION) {
      for (const op of def.operationTypes ?? []) roots[op.operation as 'query'] = op.type.name.value;
      continue;
    }
    const kind = KIND_OF[def.kind];
    if (!kind || !('name' in def) || !def.name) continue;
    const name = def.name.value;
    let type = schema.types.get(name);
    if (!type) {
      type = { name, kind, fields: [], directives: [], region: regionOf(source, def.name.loc) };
      schema.types.set(name, type);
    }
    if ('directives' in def) type.directives.push(...directiveNames(def.directives));
    const fields = 'fields' in def ? (def.fields ?? []) : [];
    for (const f of fields) {
      type.fields.push({
        name: f.name.value,
        type: printType(f.type),
        named: namedOf(f.type),
        isList: listOf(f.type),
        args: ('arguments' in f ? (f.arguments ?? []) : []).map((a) => ({
          name: a.name.value,
          type: printType(a.type),
          named: namedOf(a.type),
          description: a.description?.value,
          region: regionOf(source, a.name.loc),
        })),
        directives: directiveNames(f.directives),
        description: f.description?.value,
        region: regionOf(source, f.name.loc),
      });
    }
  }
  visit(doc, {
    Directive(node) {
      schema.applied.add(node.name.value);
    },
  });
  schema.query = roots.query ?? (schema.types.has('Query') ? 'Query' : undefined);
  schema.mutation = roots.mutation ?? (schema.types.has('Mutation') ? 'Mutation' : undefined);
  schema.subscription = roots.subscription ?? (schema.types.has('Subscription') ? 'Subscription' : undefined);
  return schema;
}

// ---------------------------------------------------------------------------------------------------
// Introspection JSON

/** A type reference of an introspection result: `{kind: NON_NULL, ofType: {kind: LIST, ofType: {...}}}`. */
export interface TypeRef {
  kind: string;
  name?: string | null;
  ofType?: TypeRef | null;
}

const MAX_TYPE_DEPTH = 16;

export function printRef(t: TypeRef | null | undefined, depth = 0): string {
  if (!t || depth > MAX_TYPE_DEPTH) return '?';
  if (t.kind === 'NON_NULL') return `${printRef(t.ofType, depth + 1)}!`;
  if (t.kind === 'LIST') return `[${printRef(t.ofType, depth + 1)}]`;
  return String(t.name ?? '?');
}

export function namedRef(t: TypeRef | null | undefined, depth = 0): string {
  if (!t || depth > MAX_TYPE_DEPTH) return '?';
  return t.kind === 'NON_NULL' || t.kind === 'LIST' ? namedRef(t.ofType, depth + 1) : String(t.name ?? '?');
}

export function isListRef(t: TypeRef | null | undefined, depth = 0): boolean {
  if (!t || depth > MAX_TYPE_DEPTH) return false;
  return t.kind === 'LIST' || (t.kind === 'NON_NULL' && isListRef(t.ofType, depth + 1));
}

interface RawField {
  name?: unknown;
  type?: TypeRef;
  args?: { name?: unknown; type?: TypeRef; description?: unknown }[];
  description?: unknown;
}

/** Introspection JSON (`{"data":{"__schema":…}}` or `{"__schema":…}`) to the model. Throws InputError. */
export function schemaFromIntrospection(text: string, absPath: string, file: string, limits: Limits): GqlSchema {
  const doc = parseStructured(text, absPath, file, limits);
  const root = doc.value as { data?: { __schema?: unknown }; __schema?: unknown } | null;
  const base = root?.data?.__schema ? '/data/__schema' : root?.__schema ? '/__schema' : undefined;
  const raw = (root?.data?.__schema ?? root?.__schema) as
    | {
        queryType?: { name?: string };
        mutationType?: { name?: string } | null;
        subscriptionType?: { name?: string } | null;
        types?: unknown;
      }
    | undefined;
  if (!base || !raw || typeof raw !== 'object' || !Array.isArray(raw.types))
    throw new InputError('not a GraphQL introspection result (no "__schema" with a "types" list)', file, 1, 1);
  const at = (pointer: string): Place => ({
    region: doc.locate(`${pointer}/name`, 'value') ?? doc.locate(pointer) ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    pointer,
  });
  const schema: GqlSchema = {
    source: 'introspection',
    types: new Map(),
    applied: new Set(),
    query: raw.queryType?.name ?? undefined,
    mutation: raw.mutationType?.name ?? undefined,
    subscription: raw.subscriptionType?.name ?? undefined,
  };
  raw.types.forEach((t: { kind?: string; name?: string; fields?: RawField[] | null; inputFields?: RawField[] | null }, i: number) => {
    if (!t || typeof t.name !== 'string') return;
    const ptr = `${base}/types/${i}`;
    const list = Array.isArray(t.fields) ? 'fields' : Array.isArray(t.inputFields) ? 'inputFields' : undefined;
    const fields = list ? ((t[list] ?? []) as RawField[]) : [];
    schema.types.set(t.name, {
      name: t.name,
      kind: (t.kind ?? 'OBJECT') as GqlKind,
      directives: [],
      ...at(ptr),
      // flatMap, not filter + map: the index must stay the one in the file for the pointer.
      fields: fields.flatMap((f, j) => {
        if (!f || typeof f.name !== 'string') return [];
        const fp = `${ptr}/${list}/${j}`;
        return [
          {
            name: f.name as string,
            type: printRef(f.type),
            named: namedRef(f.type),
            isList: isListRef(f.type),
            directives: [],
            description: typeof f.description === 'string' ? f.description : undefined,
            ...at(fp),
            args: (Array.isArray(f.args) ? f.args : []).flatMap((a, k) =>
              a && typeof a.name === 'string'
                ? [
                    {
                      name: a.name,
                      type: printRef(a.type),
                      named: namedRef(a.type),
                      description: typeof a.description === 'string' ? a.description : undefined,
                      ...at(`${fp}/args/${k}`),
                    },
                  ]
                : [],
            ),
          },
        ];
      }),
    });
  });
  return schema;
}
