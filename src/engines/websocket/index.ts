import { lazyProbe } from '../protocols/lazy.ts';
import type { DefinitionLanguage, ProtocolProbe } from '../protocols/types.ts';
import { asyncApiLanguage } from './language.ts';

export const languages: DefinitionLanguage[] = [asyncApiLanguage];
export const probes: ProtocolProbe[] = [lazyProbe('websocket', async () => (await import('./probe.ts')).webSocketProbe)];
