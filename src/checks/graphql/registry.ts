import { existsSync, readdirSync } from 'node:fs';
import type { GraphqlDesignCheck, GraphqlProbeCheck } from '../../engines/graphql/types.ts';

/**
 * The GraphQL checks, one folder each named by the check id (`graphql-…`): design checks read a schema
 * file, probe checks a live endpoint. Folders starting with `_` hold shared helpers and fixtures.
 */
const here = new URL('./', import.meta.url);
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export type GraphqlCheck = GraphqlDesignCheck | GraphqlProbeCheck;

export function graphqlCheckIds(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(new URL(`${d.name}/index.${ext}`, here)))
    .map((d) => d.name)
    .sort();
}

export async function loadGraphqlCheck(id: string): Promise<GraphqlCheck> {
  return ((await import(new URL(`${id}/index.${ext}`, here).href)) as { default: GraphqlCheck }).default;
}

let all: Promise<GraphqlCheck[]> | undefined;
function loadAll(): Promise<GraphqlCheck[]> {
  all ??= Promise.all(graphqlCheckIds().map(loadGraphqlCheck));
  return all;
}

export async function graphqlDesignChecks(): Promise<GraphqlDesignCheck[]> {
  return (await loadAll()).filter((c): c is GraphqlDesignCheck => c.stage === 'design');
}

export async function graphqlProbeChecks(): Promise<GraphqlProbeCheck[]> {
  return (await loadAll()).filter((c): c is GraphqlProbeCheck => c.stage === 'probe');
}
