import { lazyLanguage, lazyProbe } from '../protocols/lazy.ts';
import type { DefinitionLanguage, ProtocolProbe } from '../protocols/types.ts';
import { claimsGraphql, SDL_EXTENSIONS } from './sniff.ts';

export const languages: DefinitionLanguage[] = [
  lazyLanguage(
    { name: 'GraphQL schema', extensions: SDL_EXTENSIONS, claims: claimsGraphql },
    async () => (await import('./audit.ts')).graphqlLanguage,
  ),
];
export const probes: ProtocolProbe[] = [lazyProbe('graphql', async () => (await import('./probe.ts')).graphqlProbe)];
