import type { DefinitionLanguage, ProtocolProbe } from '../protocols/types.ts';
import { wsdlLanguage } from './audit.ts';

/** SOAP: `rampart audit` reads WSDL 1.1 and 2.0. */
export const languages: DefinitionLanguage[] = [wsdlLanguage];
export const probes: ProtocolProbe[] = [];
