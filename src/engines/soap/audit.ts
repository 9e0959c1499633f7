import { wsdlChecks } from '../../checks/soap/registry.ts';
import { type Config, checkFailed, checkMetaOf, type Diagnostic, type Finding, ruleConfig } from '../../core/index.ts';
import type { DefinitionInput, DefinitionLanguage, DefinitionResult } from '../protocols/types.ts';
import { soapFinding } from './finding.ts';
import type { WsdlCheck } from './types.ts';
import { buildWsdl, looksLikeWsdl, type Wsdl, wsdlVersionOf } from './wsdl.ts';
import { parseXml, XmlError, xpathOf } from './xml.ts';

/** A `.wsdl` file, or an `.xml` file that looks like a WSDL document. */
export function claimsWsdl(file: string, text: string): boolean {
  const lower = file.toLowerCase();
  if (lower.endsWith('.wsdl')) return true;
  return lower.endsWith('.xml') && looksLikeWsdl(text);
}

/** Reads a WSDL text into the model, or a diagnostic naming file, line and column. */
export function readWsdl(text: string, file: string): { wsdl?: Wsdl; diagnostic?: Diagnostic } {
  try {
    const root = parseXml(text);
    const version = wsdlVersionOf(root);
    if (!version) {
      return {
        diagnostic: {
          level: 'error',
          message: `not a WSDL document: the root element is <${root.name}> (${root.ns || 'no namespace'}), expected WSDL 1.1 <definitions> or WSDL 2.0 <description>`,
          file,
          line: root.start.line,
          column: root.start.column,
        },
      };
    }
    return { wsdl: buildWsdl(root, version) };
  } catch (e) {
    if (e instanceof XmlError)
      return { diagnostic: { level: 'error', message: `invalid XML: ${e.message}`, file, line: e.line, column: e.column } };
    return { diagnostic: { level: 'error', message: `cannot read the WSDL: ${(e as Error)?.message ?? String(e)}`, file } };
  }
}

/** A check's metadata without its behaviour (for reports and `rampart rules`). */
function enabled(config: Config, rules: string[] | undefined, id: string): boolean {
  return ruleConfig(config, id).enabled && (!rules || rules.includes(id));
}

/** Runs the WSDL checks over one file. Never throws. */
export async function auditWsdl(input: DefinitionInput, checks?: WsdlCheck[]): Promise<DefinitionResult> {
  const { wsdl, diagnostic } = readWsdl(input.text, input.file);
  if (!wsdl) return { findings: [], diagnostics: diagnostic ? [diagnostic] : [] };
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const check of (checks ?? (await wsdlChecks())).filter((c) => enabled(input.config, input.rules, c.id))) {
    const rc = ruleConfig(input.config, check.id);
    try {
      check.check({
        wsdl,
        options: { ...check.defaultOptions, ...rc.options },
        report(r) {
          const location = {
            kind: 'file' as const,
            file: input.file,
            startLine: r.element.start.line,
            startColumn: r.element.start.column,
            endLine: r.element.end.line,
            endColumn: r.element.end.column,
            pointer: xpathOf(r.element),
          };
          findings.push(soapFinding(check, rc, r, location, { projectLocation: { ...location, file: input.projectFile } }));
        },
      });
    } catch (e) {
      diagnostics.push(checkFailed(check.id, e, 'on this file', input.file));
    }
  }
  return { findings, diagnostics };
}

export const wsdlLanguage: DefinitionLanguage = {
  name: 'WSDL',
  extensions: ['wsdl', 'xml'],
  claims: claimsWsdl,
  checks: async () => (await wsdlChecks()).map(checkMetaOf),
  audit: (input) => auditWsdl(input),
};
