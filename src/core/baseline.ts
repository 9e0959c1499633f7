import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Finding } from './finding.ts';
import { locationLabel } from './finding.ts';

/**
 * A baseline is the set of fingerprints a team accepted when adopting Rampart; findings in it are not
 * reported, so CI fails only on new ones. The file is JSON and meant to be committed and reviewed, so
 * each entry also says what it was.
 */
export interface BaselineFile {
  version: 1;
  tool: 'rampart';
  createdAt: string;
  findings: { fingerprint: string; ruleId: string; location: string }[];
}

export class BaselineError extends Error {}

export function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BaselineError(`${path}: cannot read baseline (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${path}: baseline is not valid JSON (${(e as Error).message})`);
  }
  const list = (data as BaselineFile | null)?.findings;
  if (!Array.isArray(list)) throw new BaselineError(`${path}: baseline has no "findings" array`);
  const set = new Set<string>();
  list.forEach((entry, i) => {
    if (typeof entry?.fingerprint !== 'string') {
      throw new BaselineError(`${path}: findings[${i}].fingerprint must be a string`);
    }
    set.add(entry.fingerprint);
  });
  return set;
}

export function writeBaseline(path: string, findings: Finding[]): BaselineFile {
  const seen = new Set<string>();
  const entries: BaselineFile['findings'] = [];
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    entries.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, location: locationLabel(f.location) });
  }
  entries.sort((a, b) => (a.ruleId + a.location < b.ruleId + b.location ? -1 : 1));
  const file: BaselineFile = { version: 1, tool: 'rampart', createdAt: new Date().toISOString(), findings: entries };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return file;
}
