import type { DefinitionLanguage, ProtocolProbe } from '../protocols/types.ts';

// Placeholder until this protocol is built: no language, no probe.
export const languages: DefinitionLanguage[] = [];
export const probes: ProtocolProbe[] = [];
