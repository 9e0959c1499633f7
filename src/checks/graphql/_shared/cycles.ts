import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { argumentsOf, isRequired, rootFields } from '../../../engines/graphql/build.ts';

type Field = GraphQLField<unknown, unknown>;

/** Object and interface fields a query can follow without inventing arguments. */
function edges(t: GraphQLObjectType): Field[] {
  return Object.values(t.getFields()).filter((f) => {
    const n = getNamedType(f.type);
    return (isObjectType(n) || isInterfaceType(n)) && !f.args.some(isRequired);
  });
}

function isList(t: GraphQLOutputType): boolean {
  return isListType(t) || (isNonNullType(t) && isListType(t.ofType));
}

/**
 * A root query field and a cycle of fields that leads from its type back to it (`me` then
 * `orders → customer`), preferring single objects over lists (lists multiply the answer). Searched
 * breadth-first, at most 200 types from each root field.
 */
export function findCycle(schema: GraphQLSchema): { root: Field; cycle: Field[] } | undefined {
  let best: { root: Field; cycle: Field[]; lists: number } | undefined;
  for (const root of rootFields(schema, 'query')) {
    const start = getNamedType(root.type);
    if (!isObjectType(start)) continue;
    // BFS from `start` back to `start`.
    const queue: { t: GraphQLObjectType; path: Field[] }[] = [{ t: start, path: [] }];
    const seen = new Set<string>();
    let visited = 0;
    while (queue.length && visited++ < 200) {
      const { t, path } = queue.shift() as { t: GraphQLObjectType; path: Field[] };
      for (const f of edges(t)) {
        const n = getNamedType(f.type);
        if (!isObjectType(n)) continue;
        if (n === start && path.length + 1 >= 2) {
          const cycle = [...path, f];
          const lists = cycle.filter((x) => isList(x.type)).length + (isList(root.type) ? 1 : 0);
          if (!best || lists < best.lists) best = { root, cycle, lists };
          continue;
        }
        if (seen.has(n.name)) continue;
        seen.add(n.name);
        queue.push({ t: n, path: [...path, f] });
      }
    }
    if (best?.lists === 0) break;
  }
  return best && { root: best.root, cycle: best.cycle };
}

/** `query { me { orders { customer { orders { … { __typename } } } } } }`, `depth` fields deep. */
export function deepQuery(root: Field, cycle: Field[], depth: number): string {
  const names = [`${root.name}${argumentsOf(root)}`];
  for (let i = 0; names.length < depth; i++) names.push((cycle[i % cycle.length] as Field).name);
  return `query { ${names.join(' { ')} { __typename }${' }'.repeat(names.length - 1)} }`;
}
