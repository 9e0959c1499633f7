import type { DefinitionLanguage, ProtocolProbe } from '../protocols/types.ts';
import { asyncApiLanguage } from './language.ts';
import { webSocketProbe } from './probe.ts';

export const languages: DefinitionLanguage[] = [asyncApiLanguage];
export const probes: ProtocolProbe[] = [webSocketProbe];
