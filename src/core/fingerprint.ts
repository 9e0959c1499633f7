import { createHash } from 'node:crypto';
import type { Location } from './finding.ts';

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/**
 * Rule id + a location that survives unrelated edits (JSON pointer or method + path template, never a
 * line number) + the evidence hash. Baselines and history key on it.
 */
export function fingerprintOf(ruleId: string, location: Location, evidenceHash = ''): string {
  let where: string;
  switch (location.kind) {
    case 'file':
      where = `${location.file}#${location.pointer ?? ''}`;
      break;
    case 'git':
      where = `${location.file}#${location.pointer ?? ''}`;
      break;
    case 'http':
      where = `${location.method.toUpperCase()} ${location.path}`;
      break;
    case 'log':
      where = location.source;
      break;
  }
  return sha256(`${ruleId}\0${where}\0${evidenceHash}`).slice(0, 32);
}
