import { existsSync, readdirSync } from 'node:fs';
import type { SoapProbeCheck, WsdlCheck } from '../../engines/soap/types.ts';

/**
 * The SOAP checks: one folder each, named by the check id (`_` folders hold shared helpers). Design
 * checks read a WSDL, probe checks call its endpoints; the stage in each check's metadata tells them apart.
 */
const here = new URL('./', import.meta.url);
// From the repository the checks are TypeScript; in the published package they are compiled to dist/.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export function soapCheckIds(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(new URL(`${d.name}/index.${ext}`, here)))
    .map((d) => d.name)
    .sort();
}

export type SoapCheck = WsdlCheck | SoapProbeCheck;

export async function loadSoapCheck(id: string): Promise<SoapCheck> {
  const mod = (await import(new URL(`${id}/index.${ext}`, here).href)) as { default: SoapCheck };
  return mod.default;
}

let all: Promise<SoapCheck[]> | undefined;

export function loadSoapChecks(): Promise<SoapCheck[]> {
  all ??= Promise.all(soapCheckIds().map(loadSoapCheck));
  return all;
}

export async function wsdlChecks(): Promise<WsdlCheck[]> {
  return (await loadSoapChecks()).filter((c): c is WsdlCheck => c.stage === 'design');
}

export async function soapProbeChecks(): Promise<SoapProbeCheck[]> {
  return (await loadSoapChecks()).filter((c): c is SoapProbeCheck => c.stage === 'probe');
}
