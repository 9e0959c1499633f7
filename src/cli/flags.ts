/**
 * Parsers and choices of flags that the command tree declares. They live apart from the commands that
 * use the values, so declaring the tree (for `--help`, or to parse one command) loads no engine.
 */
import { UsageError } from './errors.ts';

/** `rampart rules --stage`. */
export const RULE_STAGES = ['design', 'secrets', 'probe', 'runtime'] as const;

/** `--rate 20`: requests per second, 0 for unlimited. */
export function parseRate(v: string): number {
  const n = Number(v);
  if (!/^\d{1,5}(?:\.\d{1,3})?$/.test(v.trim())) throw new UsageError(`--rate ${v}: must be requests per second, e.g. 20 (0: unlimited)`);
  return n;
}

function wholeNumber(flag: string, min: number, max: number, example: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d{1,9}$/.test(v.trim()) || n < min || n > max) {
      throw new UsageError(`${flag} ${v}: must be a whole number from ${min} to ${max}, e.g. ${example}`);
    }
    return n;
  };
}

export const parseConcurrency = wholeNumber('--concurrency', 1, 256, '8');
export const parseBudget = wholeNumber('--budget', 1, 10_000_000, '5000');
export const parseTimeout = wholeNumber('--timeout', 1, 600_000, '10000');

/** `--max-file-size 64`: megabytes, as bytes. */
export function parseMegabytes(v: string): number {
  const n = Number(v);
  if (!/^\d{1,6}(?:\.\d{1,6})?$/.test(v.trim()) || !(n > 0)) {
    throw new UsageError(`--max-file-size ${v}: must be a size in megabytes greater than 0, e.g. 64`);
  }
  return Math.round(n * 1024 * 1024);
}
