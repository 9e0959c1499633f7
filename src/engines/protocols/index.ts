import type { CheckMeta } from '../../core/index.ts';
import * as graphql from '../graphql/index.ts';
import * as grpc from '../grpc/index.ts';
import * as soap from '../soap/index.ts';
import * as websocket from '../websocket/index.ts';
import type { DefinitionLanguage, ProtocolProbe } from './types.ts';

export type * from './types.ts';

/** Definition languages `rampart audit` reads besides OpenAPI. */
export const LANGUAGES: readonly DefinitionLanguage[] = [graphql, grpc, websocket, soap].flatMap((p) => p.languages);

/** `rampart probe --graphql/--grpc/--websocket/--wsdl`. */
export const PROTOCOL_PROBES: readonly ProtocolProbe[] = [graphql, grpc, websocket, soap].flatMap((p) => p.probes);

/** Every check of every protocol (design and probe stages). */
export async function protocolChecks(stage?: 'design' | 'probe'): Promise<CheckMeta[]> {
  const lists = await Promise.all([
    ...(stage !== 'probe' ? LANGUAGES.map((l) => l.checks()) : []),
    ...(stage !== 'design' ? PROTOCOL_PROBES.map((p) => p.checks()) : []),
  ]);
  return lists.flat();
}

/** The language that reads a file, if any. */
export function languageFor(file: string, text: string): DefinitionLanguage | undefined {
  return LANGUAGES.find((l) => l.claims(file, text));
}
