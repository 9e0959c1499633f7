import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as jsyaml from 'js-yaml';
import { z } from 'zod';
import { SEVERITIES, type Severity } from './severity.ts';

const severity = z.enum(SEVERITIES);

const ruleSetting = z.union([
  z.literal('off'),
  severity,
  z.strictObject({
    enabled: z.boolean().optional(),
    severity: severity.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
]);

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Lowest severity that fails the run (exit code 1). */
  failOn: z.union([severity, z.literal('none')]).optional(),
  /** Baseline file of accepted findings. */
  baseline: z.string().optional(),
  /** Globs of inputs never to scan. */
  exclude: z.array(z.string()).optional(),
  /** Per-rule settings: `off`, a severity, or `{ enabled, severity, options }`. */
  rules: z.record(z.string(), ruleSetting).optional(),
});

export type Config = z.infer<typeof configSchema>;
export type RuleSetting = z.infer<typeof ruleSetting>;

export const CONFIG_FILES = ['rampart.config.yaml', 'rampart.config.yml', 'rampart.config.json'];

export class ConfigError extends Error {}

/** Resolved per-rule view of the config. */
export interface RuleConfig {
  enabled: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export function ruleConfig(config: Config, id: string): RuleConfig {
  const s = config.rules?.[id];
  if (s === undefined) return { enabled: true };
  if (s === 'off') return { enabled: false };
  if (typeof s === 'string') return { enabled: true, severity: s };
  return { enabled: s.enabled ?? true, severity: s.severity, options: s.options };
}

/**
 * Loads `path`, or the first of CONFIG_FILES in `cwd` when no path is given. Returns `{}` when there is
 * no config. Errors name the file and the offending key.
 */
export function loadConfig(path: string | undefined, cwd = process.cwd()): { config: Config; file?: string } {
  const file = path ? resolve(cwd, path) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return { config: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path ?? file}: cannot read config (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : jsyaml.load(text, { filename: file, maxAliases: 100 });
  } catch (e) {
    const mark = (e as { mark?: { line: number; column: number } }).mark;
    const where = mark ? `:${mark.line + 1}:${mark.column + 1}` : '';
    throw new ConfigError(
      `${path ?? file}${where}: config is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${((e as { reason?: string }).reason ?? (e as Error).message).split('\n')[0]}`,
    );
  }
  if (data === undefined || data === null) return { config: {}, file };
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.length ? issue.path.join('.') : '(top level)';
    const extra = issue.code === 'unrecognized_keys' ? ` ${issue.keys.join(', ')}` : '';
    throw new ConfigError(`${path ?? file}: invalid config at "${key}": ${issue.message}${extra}`);
  }
  return { config: parsed.data, file };
}
