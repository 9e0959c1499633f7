import { hasTextField } from '../../../engines/soap/envelope.ts';
import type { SoapOperation, SoapTarget } from '../../../engines/soap/types.ts';
import { adminVerb, looksReadOnly } from './names.ts';

/**
 * The operation a probe check calls to carry its payload: one with a text field, read-only looking
 * names first, never an administrative or destructive one (the probe must not delete or reset anything).
 */
export function payloadOperation(t: SoapTarget): SoapOperation | undefined {
  const usable = t.operations.filter((o) => !adminVerb(o.name) && !/^(?:remove|update|set|create|cancel|transfer|pay)/i.test(o.name));
  return usable.find((o) => looksReadOnly(o.name) && hasTextField(o)) ?? usable.find(hasTextField);
}

/** Distinct endpoints (one per URL) the checks call. */
export function distinctTargets(targets: SoapTarget[]): SoapTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => !seen.has(t.url.href) && seen.add(t.url.href));
}
