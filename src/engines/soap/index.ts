import { lazyProbe } from '../protocols/lazy.ts';
import type { DefinitionLanguage, ProtocolProbe } from '../protocols/types.ts';
import { wsdlLanguage } from './audit.ts';

/** SOAP: `rampart audit` reads WSDL 1.1 and 2.0; `rampart probe --wsdl FILE|URL` probes its endpoints. */
export const languages: DefinitionLanguage[] = [wsdlLanguage];
export const probes: ProtocolProbe[] = [lazyProbe('wsdl', async () => (await import('./probe.ts')).wsdlProbe)];
