import { asyncApiChecks } from '../../checks/websocket/registry.ts';
import {
  checkFailed,
  checkMetaOf,
  type Diagnostic,
  type Finding,
  fingerprintOf,
  formatMessage,
  ruleConfig,
  sha256,
} from '../../core/index.ts';
import { getAt, joinPointer, parsePointer } from '../../formats/pointer.ts';
import { InputError, parseStructured, type StructuredDocument } from '../../formats/structured.ts';
import type { DefinitionInput, DefinitionLanguage, DefinitionResult } from '../protocols/types.ts';
import { isObj, readAsyncApi } from './asyncapi.ts';
import type { AsyncApiCheck, AsyncApiReport } from './types.ts';

/** Findings one check may report per file (as for OpenAPI): a generated document must not flood the report. */
const MAX_REPORTS_PER_CHECK = 10_000;

/** A top-level `asyncapi` key, in YAML (at column 1) or JSON (a quoted key followed by a version string). */
export function claimsAsyncApi(text: string): boolean {
  return /^["']?asyncapi["']?\s*:/m.test(text) || /"asyncapi"\s*:\s*"/.test(text);
}

export const asyncApiLanguage: DefinitionLanguage = {
  name: 'AsyncAPI',
  extensions: [],
  claims: (_file, text) => claimsAsyncApi(text),
  checks: async () => (await asyncApiChecks()).map(checkMetaOf),
  audit: auditAsyncApi,
};

function diagnostic(e: unknown, file: string): Diagnostic {
  if (e instanceof InputError) return { level: 'error', message: e.message, file: e.file, line: e.line, column: e.column };
  return { level: 'error', message: `cannot read this AsyncAPI document: ${(e as Error)?.message ?? String(e)}`, file };
}

export async function auditAsyncApi(input: DefinitionInput): Promise<DefinitionResult> {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  let doc: StructuredDocument;
  try {
    doc = parseStructured(input.text, input.absPath, input.file, input.limits);
  } catch (e) {
    return { findings, diagnostics: [diagnostic(e, input.file)] };
  }
  const api = readAsyncApi(doc);
  if (!api) {
    const at = doc.locate('/asyncapi', 'value');
    diagnostics.push({
      level: 'error',
      message: 'not an AsyncAPI 2.x or 3.x document (the "asyncapi" field must be a version such as "2.6.0" or "3.0.0")',
      file: input.file,
      line: at?.startLine ?? 1,
      column: at?.startColumn ?? 1,
    });
    return { findings, diagnostics };
  }
  const checks = (await asyncApiChecks()).filter(
    (c) => ruleConfig(input.config, c.id).enabled && (!input.rules || input.rules.includes(c.id)),
  );
  for (const check of checks) {
    try {
      runCheck(check, input, doc, api, findings, diagnostics);
    } catch (e) {
      diagnostics.push(checkFailed(check.id, e, 'on this file', input.file));
    }
  }
  return { findings, diagnostics };
}

/**
 * `x-rampart-ignore: [{ rule, reason }]` on the reported node or a node above it, as in OpenAPI
 * definitions. An entry without a reason is not applied and gets one warning.
 */
function ignoredInline(doc: StructuredDocument, pointer: string, ruleId: string, warnings: Diagnostic[]): boolean {
  const segs = parsePointer(pointer);
  for (let depth = segs.length; depth >= 0; depth--) {
    const node = getAt(doc.value, segs.slice(0, depth));
    const list = isObj(node) ? node['x-rampart-ignore'] : undefined;
    if (list === undefined) continue;
    for (const entry of Array.isArray(list) ? list : [list]) {
      const rule = typeof entry === 'string' ? entry : isObj(entry) ? entry.rule : undefined;
      if (rule !== ruleId && rule !== '*') continue;
      if (isObj(entry) && typeof entry.reason === 'string' && entry.reason.trim()) return true;
      const at = doc.locate(joinPointer('', ...segs.slice(0, depth), 'x-rampart-ignore'));
      const message = `x-rampart-ignore for "${ruleId}" has no reason and is not applied: add reason: "why this is acceptable"`;
      if (!warnings.some((w) => w.message === message && w.line === at?.startLine)) {
        warnings.push({ level: 'warning', message, file: doc.file, line: at?.startLine, column: at?.startColumn });
      }
    }
  }
  return false;
}

function runCheck(
  check: AsyncApiCheck,
  input: DefinitionInput,
  doc: StructuredDocument,
  api: NonNullable<ReturnType<typeof readAsyncApi>>,
  out: Finding[],
  warnings: Diagnostic[],
): void {
  const rc = ruleConfig(input.config, check.id);
  const seen = new Set<string>();
  let count = 0;
  const report = (r: AsyncApiReport) => {
    if (++count > MAX_REPORTS_PER_CHECK) {
      if (count === MAX_REPORTS_PER_CHECK + 1) {
        warnings.push({
          level: 'warning',
          message: `check "${check.id}" stopped after ${MAX_REPORTS_PER_CHECK} findings in this file`,
          file: input.file,
          ruleId: check.id,
        });
      }
      return;
    }
    const template = check.messages[r.messageId];
    if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
    if (ignoredInline(doc, r.pointer, check.id, warnings)) return;
    const region = doc.locate(r.pointer, r.part ?? 'key') ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
    const location = { kind: 'file' as const, file: input.file, pointer: r.pointer, ...region };
    const fingerprint = fingerprintOf(
      check.id,
      { ...location, file: input.projectFile },
      sha256(r.fingerprintKey ?? `${r.messageId}\0${JSON.stringify(r.data ?? {})}`).slice(0, 16),
    );
    // A message or schema shared by several operations is one flaw, reported once.
    if (seen.has(fingerprint)) return;
    seen.add(fingerprint);
    out.push({
      ruleId: check.id,
      stage: 'design',
      severity: rc.severity ?? r.severity ?? check.severity,
      confidence: check.confidence,
      title: check.title,
      message: formatMessage(template, r.data),
      owasp: check.owasp,
      cwe: check.cwe,
      location,
      evidence: r.evidence ? { snippet: r.evidence } : undefined,
      remediation: check.docs.fix,
      fingerprint,
    });
  };
  check.check(api, { options: { ...check.defaultOptions, ...rc.options }, report });
}
