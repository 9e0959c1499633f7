import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { designCheckIds, loadDesignCheck } from '../checks/design/registry.ts';
import { type Config, closest, type FailOn, loadConfig, ruleConfig } from '../core/index.ts';
import type { DesignCheck } from '../engines/design/types.ts';
import { UsageError } from './errors.ts';
import type { CliIO } from './io.ts';

/** Flags shared by `audit` and the `baseline` commands. */
export interface CommonFlags {
  config?: string;
  rule?: string[];
  maxFileSize?: number;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  failOn?: FailOn;
  baseline?: string;
}

export interface Prepared {
  config: Config;
  configFile?: string;
  /** Checks to run (after --rule), and every registered check. */
  checks: DesignCheck[];
  all: DesignCheck[];
  rules?: string[];
  failOn: FailOn;
  /** Baseline from --baseline or the config: absolute path and how to show it. */
  baseline?: { abs: string; shown: string; fromConfig: boolean };
  limits?: { maxFileBytes: number };
}

/** Every registered check. A check that cannot be loaded is a bug of Rampart, named in the error. */
export async function loadAllChecks(): Promise<DesignCheck[]> {
  const ids = designCheckIds();
  const settled = await Promise.allSettled(ids.map((id) => loadDesignCheck(id)));
  return settled.map((s, i) => {
    if (s.status === 'rejected') {
      const why = s.reason instanceof Error ? s.reason.message : String(s.reason);
      throw new Error(`check "${ids[i]}" cannot be loaded: ${why.split('\n')[0]}`);
    }
    return s.value;
  });
}

export function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel).split(sep).join('/');
}

/** `--rule a,b --rule c` → ['a', 'b', 'c'], each checked against the registry. */
export function parseRules(flag: string[] | undefined, known: string[]): string[] | undefined {
  if (!flag) return undefined;
  const ids = [
    ...new Set(
      flag
        .flatMap((r) => r.split(','))
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) throw new UsageError('--rule: give at least one check id (`rampart rules` lists them)');
  for (const id of ids) {
    if (!known.includes(id)) {
      const hint = closest(id, known);
      throw new UsageError(`--rule ${id}: unknown check${hint ? ` (did you mean "${hint}"?)` : ''}; \`rampart rules\` lists them all`);
    }
  }
  return ids;
}

/** Loads checks, config and baseline location: everything but the run itself. Throws UsageError/ConfigError. */
export async function prepare(flags: CommonFlags, io: CliIO): Promise<Prepared> {
  const all = await loadAllChecks();
  const rules = parseRules(
    flags.rule,
    all.map((c) => c.id),
  );
  const { config: loaded, file } = loadConfig(flags.config, io.cwd, {
    rules: new Map(all.map((c) => [c.id, c.defaultOptions])),
  });
  let config = loaded;
  if (rules) {
    // Naming a check on the command line runs it, even if the config turns it off.
    const forced = rules.filter((id) => !ruleConfig(config, id).enabled);
    if (forced.length) {
      const next = { ...config.rules };
      for (const id of forced) {
        const s = next[id];
        next[id] = typeof s === 'object' ? { ...s, enabled: true } : { enabled: true };
      }
      config = { ...config, rules: next };
    }
  }
  const checks = rules ? all.filter((c) => rules.includes(c.id)) : all;
  let baseline: Prepared['baseline'];
  if (flags.baseline !== undefined) {
    if (flags.baseline === '') throw new UsageError('--baseline: give a file name');
    const abs = resolve(io.cwd, flags.baseline);
    baseline = { abs, shown: shownPath(abs, io.cwd), fromConfig: false };
  } else if (config.baseline) {
    // Relative to the config file, so the config works from any directory.
    const abs = resolve(file ? dirname(file) : io.cwd, config.baseline);
    baseline = { abs, shown: shownPath(abs, io.cwd), fromConfig: true };
  }
  return {
    config,
    configFile: file,
    checks,
    all,
    rules,
    failOn: flags.failOn ?? config.failOn ?? 'high',
    baseline,
    limits: flags.maxFileSize ? { maxFileBytes: flags.maxFileSize } : undefined,
  };
}
