import {
  type CheckMeta,
  type Evidence,
  type Finding,
  fingerprintOf,
  formatMessage,
  type Location,
  type RuleConfig,
  sha256,
} from '../../core/index.ts';

export interface SoapReportBase {
  messageId: string;
  data?: Record<string, unknown>;
  severity?: Finding['severity'];
  confidence?: Finding['confidence'];
  /** Makes the fingerprint unique when one place carries several findings of a check. */
  key?: string;
}

/**
 * A finding of a SOAP check (design or probe), in the shared model. `projectLocation` is the location
 * as the fingerprint sees it (the file relative to the project root), so baselines match from anywhere.
 */
export function soapFinding(
  check: CheckMeta,
  rc: RuleConfig,
  r: SoapReportBase,
  location: Location,
  extra: { projectLocation?: Location; evidence?: (hash: string) => Evidence } = {},
): Finding {
  const template = check.messages[r.messageId];
  if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
  const hash = sha256(r.key ?? r.messageId).slice(0, 16);
  return {
    ruleId: check.id,
    stage: check.stage,
    severity: rc.severity ?? r.severity ?? check.severity,
    confidence: r.confidence ?? check.confidence,
    title: check.title,
    message: formatMessage(template, r.data),
    owasp: check.owasp,
    cwe: check.cwe,
    location,
    evidence: extra.evidence?.(hash),
    remediation: check.docs.fix,
    fingerprint: fingerprintOf(check.id, extra.projectLocation ?? location, hash),
  };
}
