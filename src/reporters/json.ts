import type { RunResult } from '../core/index.ts';

/** The whole run as JSON, for tools. Findings already hold no full secret. */
export function renderJson(result: RunResult): string {
  const { checks: _checks, ...rest } = result;
  return `${JSON.stringify(rest, null, 2)}\n`;
}
