import type { Stage } from './finding.ts';
import type { CweId, OwaspId } from './owasp.ts';
import type { Confidence, Severity } from './severity.ts';

/** Documentation every check carries; reporters show it as help, tests check it is filled in. */
export interface CheckDocs {
  /** What the check detects, one or two sentences. */
  description: string;
  /** Why it matters: the attack it enables. */
  attack: string;
  /** How to fix it. */
  fix: string;
}

/**
 * Metadata shared by every check of every stage. The behaviour lives in the engine-specific part
 * (see engines/<stage>/types.ts).
 */
export interface CheckMeta {
  /** Stable kebab-case id, equal to the check's folder name. */
  id: string;
  stage: Stage;
  /** One line, what is wrong, e.g. "Write operation without authentication". */
  title: string;
  severity: Severity;
  confidence: Confidence;
  owasp: OwaspId[];
  cwe: CweId[];
  /** Message templates by id; `{{name}}` is replaced by `data.name` when reporting. */
  messages: Record<string, string>;
  /** Options with their defaults. Config may override them. */
  defaultOptions?: Record<string, unknown>;
  docs: CheckDocs;
}

export function formatMessage(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (k in data ? String(data[k]) : `{{${k}}}`));
}

const META_KEYS = ['id', 'stage', 'title', 'severity', 'confidence', 'owasp', 'cwe', 'messages', 'defaultOptions', 'docs'] as const;

/**
 * A check's metadata without its behaviour (the engine-specific functions and fields): what reports,
 * SARIF rules and `rampart rules` show.
 */
export function checkMetaOf(c: CheckMeta): CheckMeta {
  const out: Partial<Record<keyof CheckMeta, unknown>> = {};
  for (const k of META_KEYS) if (c[k] !== undefined) out[k] = c[k];
  return out as CheckMeta;
}
