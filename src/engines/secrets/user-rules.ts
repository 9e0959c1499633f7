import { setFlagsFromString } from 'node:v8';
import { ConfigError, type SecretsConfig, type UserSecretRule } from '../../core/index.ts';
import { markUserRule } from './scan.ts';
import type { SecretRule } from './types.ts';

let fallbackOn = false;

/**
 * User patterns may backtrack catastrophically (`(a*)*b`). With this V8 flag, a regular expression that
 * backtracks too much is re-run on V8's linear-time engine instead of hanging. Idempotent; the CLI
 * calls it at start-up, the engine before compiling user patterns.
 */
export function enableLinearRegexFallback(): void {
  if (fallbackOn) return;
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  fallbackOn = true;
}

function compilePattern(source: string, where: string, file?: string, flags = ''): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new ConfigError(`${file ? `${file}: ` : ''}${where}: not a valid regular expression: ${(e as Error).message}`, file, where);
  }
}

/** A repetition of a group that itself ends in a repetition: `(a*)*`, `(x+|y)+`, `(\w{2,})*`. */
const NESTED_QUANTIFIER = /[+*}]\)[+*{]/;
/** What V8's linear engine cannot run: lookarounds and back-references. */
const NOT_LINEAR = /\(\?<?[=!]|\\[1-9]|\\k</;

/** The user's rules of `secrets.rules`, as secret rules. Throws ConfigError naming the key of a bad pattern. */
export function compileUserRules(rules: UserSecretRule[] = [], file?: string): SecretRule[] {
  if (rules.length) enableLinearRegexFallback();
  return rules.map((r, i) => {
    const where = `secrets.rules[${i}].pattern`;
    const pattern = compilePattern(r.pattern, where, file);
    if (NESTED_QUANTIFIER.test(r.pattern) && NOT_LINEAR.test(r.pattern)) {
      // Such a pattern can backtrack for hours, and the linear-engine fallback cannot run it.
      throw new ConfigError(
        `${file ? `${file}: ` : ''}${where}: a repeated group that ends in a repetition, with a lookaround or back-reference, can take forever on some lines: remove the nested repetition or the lookaround`,
        file,
        where,
      );
    }
    const title = r.title ?? r.id;
    const rule: SecretRule = {
      id: r.id,
      title,
      provider: title,
      severity: r.severity ?? 'high',
      confidence: 'medium',
      keywords: (r.keywords ?? []).map((k) => k.toLowerCase()),
      pattern,
      ...(r.entropy !== undefined ? { minEntropy: r.entropy } : {}),
      remediation:
        r.remediation ??
        'Revoke and rotate it where it was issued, then load it from the environment or a secret manager instead of the file.',
      samples: { tp: [], fp: [] },
    };
    markUserRule(rule);
    return rule;
  });
}

/** `secrets.allowValues` compiled. */
export function compileAllowValues(values: string[] = [], file?: string): RegExp[] {
  if (values.length) enableLinearRegexFallback();
  return values.map((v, i) => compilePattern(v, `secrets.allowValues[${i}]`, file));
}

export function compileSecretsConfig(section: SecretsConfig | undefined, file?: string): { rules: SecretRule[]; allowValues: RegExp[] } {
  return { rules: compileUserRules(section?.rules, file), allowValues: compileAllowValues(section?.allowValues, file) };
}
