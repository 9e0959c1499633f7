import type { DefinitionLanguage, ProtocolProbe } from '../protocols/types.ts';
import { graphqlLanguage } from './audit.ts';
import { graphqlProbe } from './probe.ts';

export const languages: DefinitionLanguage[] = [graphqlLanguage];
export const probes: ProtocolProbe[] = [graphqlProbe];
