import { dirname, isAbsolute, resolve } from 'node:path';
import { designCheckIds, loadDesignCheck } from '../checks/design/registry.ts';
import { loadProbeCheck, probeCheckIds } from '../checks/probe/registry.ts';
import { loadRuntimeCheck, runtimeCheckIds } from '../checks/runtime/registry.ts';
import { loadSecretRules } from '../checks/secrets/registry.ts';
import { type Config, type FailOn, loadConfig, ruleConfig } from '../core/index.ts';
import type { DesignCheck } from '../engines/design/types.ts';
import { protocolChecks } from '../engines/protocols/index.ts';
import { LOG_CHECKS } from '../engines/runtime/logs/checks.ts';
import { UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import { shownPath } from './output.ts';
import { parseRules } from './rule-flag.ts';

export { baselineFromFlags, emitReport, shownPath, writeOutputFile } from './output.ts';
export { parseRules, type RuleKind } from './rule-flag.ts';

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
  /** The checks to run (all of them, or those of --rule). */
  checks: DesignCheck[];
  rules?: string[];
  failOn: FailOn;
  /** Baseline from --baseline or the config: absolute path and how to show it. */
  baseline?: { abs: string; shown: string; fromConfig: boolean };
  limits?: { maxFileBytes: number };
}

/** Loads checks by id. A check that cannot be loaded is a bug of Rampart, named in the error. */
export async function loadChecks(ids: string[]): Promise<DesignCheck[]> {
  const settled = await Promise.allSettled(ids.map((id) => loadDesignCheck(id)));
  return settled.map((s, i) => {
    if (s.status === 'rejected') {
      const why = s.reason instanceof Error ? s.reason.message : String(s.reason);
      throw new Error(`check "${ids[i]}" cannot be loaded: ${why.split('\n')[0]}`);
    }
    return s.value;
  });
}

export function loadAllChecks(): Promise<DesignCheck[]> {
  return loadChecks(designCheckIds());
}

/** Loads checks, config and baseline location: everything but the run itself. Throws UsageError/ConfigError. */
export async function prepare(flags: CommonFlags, io: CliIO): Promise<Prepared> {
  const designIds = designCheckIds();
  // GraphQL, .proto, AsyncAPI and WSDL checks run in the same audit.
  const ids = [...designIds, ...(await protocolChecks('design')).map((c) => c.id)];
  const rules = parseRules(flags.rule, ids);
  // Only the checks that run or that the config configures are loaded (their default options are what
  // config options are checked against); the first read reports syntax and schema errors.
  const configured = Object.keys(loadConfig(flags.config, io.cwd).config.rules ?? {});
  const named = configured.filter((id) => designIds.includes(id));
  const run = rules?.filter((id) => designIds.includes(id)) ?? designIds;
  const loaded = await loadChecks([...new Set([...run, ...named])]);
  const defaults = await allRuleDefaults(configured, new Map(loaded.map((c) => [c.id, c.defaultOptions])));
  const { config: loadedConfig, file } = loadConfig(flags.config, io.cwd, { rules: defaults });
  let config = loadedConfig;
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
  if (config.exclude?.length) {
    // The engine matches exclude globs against absolute paths, so `vendor/**` would never match:
    // anchor relative globs at the config file's directory (`**/x` globs match anywhere already).
    const { default: fg } = await import('fast-glob');
    const base = fg.convertPathToPattern(file ? dirname(file) : io.cwd);
    config = {
      ...config,
      exclude: config.exclude.map((g) => (g.startsWith('**') || isAbsolute(g) ? g : `${base}/${g.replace(/^\.\//, '')}`)),
    };
  }
  const checks = loaded.filter((c) => run.includes(c.id));
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
    rules,
    failOn: flags.failOn ?? config.failOn ?? 'high',
    baseline,
    limits: flags.maxFileSize ? { maxFileBytes: flags.maxFileSize } : undefined,
  };
}

type Defaults = Record<string, unknown> | undefined;

/**
 * Every rule id of every stage for the config check, so one config serves every command: a rule of
 * another stage is valid, an unknown id or option is an error naming the key. Only the checks the config
 * names are loaded (for their default options, which config options are checked against); `known` adds
 * or overrides entries (checks the command has already loaded).
 */
export async function allRuleDefaults(
  named: readonly string[],
  known: ReadonlyMap<string, Defaults> = new Map(),
): Promise<Map<string, Defaults>> {
  // The config check looks up only the ids the config names (the others serve its "did you mean"): when
  // `known` has them all, nothing more is loaded (loading the protocol checks to list their ids is slow).
  if (named.every((id) => known.has(id))) return new Map(known);
  const defaults = new Map<string, Defaults>();
  const stages: [string[], (id: string) => Promise<{ defaultOptions?: Record<string, unknown> }>][] = [
    [designCheckIds(), loadDesignCheck],
    [probeCheckIds(), loadProbeCheck],
    [runtimeCheckIds(), loadRuntimeCheck],
  ];
  for (const [ids, load] of stages) {
    for (const id of ids) defaults.set(id, named.includes(id) && !known.has(id) ? ((await load(id)).defaultOptions ?? {}) : undefined);
  }
  for (const c of await protocolChecks()) defaults.set(c.id, named.includes(c.id) ? (c.defaultOptions ?? {}) : undefined);
  // `rampart logs` checks are data, not folders.
  for (const c of LOG_CHECKS) defaults.set(c.id, named.includes(c.id) ? (c.defaultOptions ?? {}) : undefined);
  for (const [id, d] of known) defaults.set(id, d);
  // Secret rules are many: loaded only when the config names an id no check has.
  if (named.some((id) => !defaults.has(id))) for (const r of await loadSecretRules()) defaults.set(r.id, {});
  return defaults;
}
