import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadProbeChecks } from '../../checks/probe/registry.ts';
import { loadInventoryChecks } from '../../checks/runtime/registry.ts';
import { loadSecretRules } from '../../checks/secrets/registry.ts';
import { type CheckMeta, closest, OWASP_API_2023, type OwaspId } from '../../core/index.ts';
import { probeMetaOf } from '../../engines/probe/engine.ts';
import { protocolChecks } from '../../engines/protocols/index.ts';
import { LOG_CHECKS } from '../../engines/runtime/logs/checks.ts';
import { secretRuleMeta } from '../../engines/secrets/engine.ts';
import type { SecretRule } from '../../engines/secrets/types.ts';
import { UsageError } from '../errors.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import { loadAllChecks, shownPath } from '../prepare.ts';
import { type Colors, colors, paintSeverity, wrap } from '../terminal.ts';

export interface RulesFlags {
  format?: 'text' | 'json';
  color?: boolean;
  /** Only the checks of this stage (design, secrets, probe, runtime). */
  stage?: string;
}

const CHECKS_DIR = fileURLToPath(new URL('../../checks/design/', import.meta.url));
const PROBE_CHECKS_DIR = fileURLToPath(new URL('../../checks/probe/', import.meta.url));
const RUNTIME_CHECKS_DIR = fileURLToPath(new URL('../../checks/runtime/', import.meta.url));

/**
 * The unsafe and safe example definitions (for probe checks, fixture servers; for run-time checks,
 * captures of traffic) beside a check (absolute paths).
 */
export function fixturesOf(id: string, stage: 'design' | 'probe' | 'runtime' = 'design'): { unsafe: string[]; safe: string[] } {
  // Checks of the other protocols live under src/checks/<protocol>/, named after it.
  const protocol = /^(graphql|grpc|websocket|soap)-/.exec(id)?.[1];
  const dir = protocol
    ? fileURLToPath(new URL(`../../checks/${protocol}/${id}/fixtures/`, import.meta.url))
    : `${stage === 'probe' ? PROBE_CHECKS_DIR : stage === 'runtime' ? RUNTIME_CHECKS_DIR : CHECKS_DIR}${id}/fixtures/`;
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  return {
    unsafe: files.filter((f) => f.startsWith('unsafe')).map((f) => dir + f),
    safe: files.filter((f) => f.startsWith('safe')).map((f) => dir + f),
  };
}

/** `rampart rules` and `rampart rules <id>`. */
export async function rulesCommand(id: string | undefined, flags: RulesFlags, io: CliIO): Promise<number> {
  const stage = flags.stage;
  const design: CheckMeta[] =
    stage === undefined || stage === 'design'
      ? [...(await loadAllChecks()).map(({ create: _c, ...m }) => m), ...(await protocolChecks('design'))]
      : [];
  const probes: CheckMeta[] =
    stage === undefined || stage === 'probe' ? [...(await loadProbeChecks()).map(probeMetaOf), ...(await protocolChecks('probe'))] : [];
  const runtime: CheckMeta[] =
    stage === undefined || stage === 'runtime'
      ? [...(await loadInventoryChecks()).map(({ run: _r, input: _i, needsDefinitions: _n, ...m }): CheckMeta => m), ...LOG_CHECKS]
      : [];
  const checks = [...design, ...probes, ...runtime];
  const secretRules = stage === undefined || stage === 'secrets' ? await loadSecretRules() : [];
  const secrets = secretRules.map(secretRuleMeta);
  const c = colors(colorEnabled(io, flags.color, io.stdoutIsTTY));
  if (id === undefined) {
    if (flags.format === 'json') {
      const list = [...checks, ...secrets].map((k) => ({
        id: k.id,
        stage: k.stage,
        title: k.title,
        severity: k.severity,
        confidence: k.confidence,
        owasp: k.owasp,
        cwe: k.cwe,
      }));
      io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    } else io.stdout(table(design, probes, runtime, secrets, c));
    return 0;
  }
  const check = checks.find((k) => k.id === id);
  const rule = check ? undefined : secretRules.find((r) => r.id === id);
  if (rule) {
    const meta = secretRuleMeta(rule);
    if (flags.format === 'json') {
      io.stdout(
        `${JSON.stringify({ ...meta, provider: rule.provider, keywords: rule.keywords, pattern: rule.pattern.source, minEntropy: rule.minEntropy }, null, 2)}\n`,
      );
      return 0;
    }
    io.stdout(secretDetails(rule, meta, c, io));
    return 0;
  }
  if (!check) {
    const hint = closest(id, [...checks.map((k) => k.id), ...secrets.map((k) => k.id)]);
    throw new UsageError(
      `rules ${id}: unknown ${stage === 'secrets' ? 'secret rule' : 'check'}${hint ? ` (did you mean "${hint}"?)` : ''}; \`rampart rules${stage ? ` --stage ${stage}` : ''}\` lists them all`,
    );
  }
  const fx = fixturesOf(check.id, check.stage === 'probe' || check.stage === 'runtime' ? check.stage : 'design');
  if (flags.format === 'json') {
    io.stdout(`${JSON.stringify({ ...check, options: check.defaultOptions ?? {}, fixtures: fx }, null, 2)}\n`);
    return 0;
  }
  io.stdout(details(check, fx, c, io));
  return 0;
}

/** What it detects, why it matters, how to fix it: the docs every check and rule carries. */
function docSections(k: CheckMeta, c: Colors, width: number): string[] {
  return [
    c.bold('What it detects'),
    wrap(k.docs.description, width, '  '),
    '',
    c.bold('Why it matters (the attack)'),
    wrap(k.docs.attack, width, '  '),
    '',
    c.bold('How to fix it'),
    wrap(k.docs.fix, width, '  '),
  ];
}

function secretDetails(rule: SecretRule, k: CheckMeta, c: Colors, io: CliIO): string {
  const width = Math.min(Math.max(60, io.columns), 110);
  const owasp = k.owasp.map((o) => `${o} ${OWASP_API_2023[o as OwaspId]?.name ?? ''}`.trim()).join('; ');
  const out = [
    `${c.bold(k.id)}: ${k.title}`,
    '',
    `  provider    ${rule.provider}`,
    `  severity    ${paintSeverity(c, k.severity)} (default; change it in the config)`,
    `  confidence  ${k.confidence}`,
    `  OWASP       ${owasp}`,
    `  CWE         ${k.cwe.join(', ')}`,
    `  stage       secrets (rampart secrets)`,
    `  keywords    ${rule.keywords.length ? rule.keywords.join(', ') : 'none (the pattern runs on every file)'}`,
    ...(rule.minEntropy !== undefined ? [`  entropy     at least ${rule.minEntropy} bits per character`] : []),
    ...(rule.validate ? ['  validated   yes (checksum or structure)'] : []),
    '',
    ...docSections(k, c, width),
    '',
    c.bold('Silence a false alarm'),
    '  on the line:        token = "..."  # rampart-ignore: why it is not a secret',
    '  on the line above:  // rampart-ignore-next-line: why it is not a secret',
    '  in rampart.config.yaml:',
    '    rules:',
    `      ${k.id}: off              # turn it off`,
    `      ${k.id}: medium           # or change its severity`,
    '    secrets:',
    '      allowPaths: ["test/fixtures/**"]',
    '      allowValues: ["^EXAMPLE"]',
  ];
  return `${out.join('\n')}\n`;
}

function table(checks: CheckMeta[], probes: CheckMeta[], runtime: CheckMeta[], secrets: CheckMeta[], c: Colors): string {
  const all = [...checks, ...probes, ...runtime, ...secrets];
  const w = Math.max(2, ...all.map((k) => k.id.length));
  const owaspW = Math.max(5, ...all.map((k) => k.owasp.join(',').length));
  const header = c.bold(`${'ID'.padEnd(w)}  ${'SEVERITY'.padEnd(8)}  ${'OWASP'.padEnd(owaspW)}  TITLE`);
  const row = (k: CheckMeta) =>
    `${k.id.padEnd(w)}  ${paintSeverity(c, k.severity, k.severity.padEnd(8))}  ${k.owasp.join(',').padEnd(owaspW)}  ${k.title}`;
  const lines: string[] = [];
  if (checks.length) lines.push(header, ...checks.map(row));
  if (probes.length) {
    if (checks.length) lines.push('', c.bold('Probe checks (rampart probe)'));
    lines.push(header, ...probes.map(row));
  }
  if (runtime.length) {
    if (checks.length || probes.length) lines.push('', c.bold('Run-time checks (rampart inventory, rampart logs)'));
    lines.push(header, ...runtime.map(row));
  }
  if (secrets.length) {
    if (checks.length || probes.length || runtime.length) lines.push('', c.bold('Secret rules (rampart secrets)'));
    lines.push(header, ...secrets.map(row));
  }
  const n = all.length;
  const parts = [
    checks.length ? `${checks.length} design` : '',
    probes.length ? `${probes.length} probe` : '',
    runtime.length ? `${runtime.length} run-time` : '',
    secrets.length ? `${secrets.length} secrets` : '',
  ].filter(Boolean);
  lines.push(
    '',
    `${n} check${n === 1 ? '' : 's'}${parts.length > 1 ? ` (${parts.join(', ')})` : ''}. \`rampart rules <id>\` shows what one detects, the attack and the fix.`,
  );
  return `${lines.join('\n')}\n`;
}

function details(k: CheckMeta, fx: { unsafe: string[]; safe: string[] }, c: Colors, io: CliIO): string {
  const width = Math.min(Math.max(60, io.columns), 110);
  const owasp = k.owasp.map((o) => `${o} ${OWASP_API_2023[o as OwaspId]?.name ?? ''}`.trim()).join('; ');
  const opts = Object.entries(k.defaultOptions ?? {});
  const out = [
    `${c.bold(k.id)}: ${k.title}`,
    '',
    `  severity    ${paintSeverity(c, k.severity)} (default; change it in the config)`,
    `  confidence  ${k.confidence}`,
    `  OWASP       ${owasp}`,
    `  CWE         ${k.cwe.join(', ')}`,
    `  stage       ${k.stage} (rampart ${k.stage === 'probe' ? 'probe' : k.stage === 'runtime' ? (LOG_CHECKS.includes(k) ? 'logs' : 'inventory') : 'audit'})`,
    '',
    ...docSections(k, c, width),
    '',
    c.bold('Options'),
    ...(opts.length ? opts.map(([name, v]) => `  ${name}: ${JSON.stringify(v)}  (default)`) : ['  none']),
    '',
    c.bold('Examples'),
    ...fx.unsafe.map((f) => `  unsafe (flagged):     ${shownPath(f, io.cwd)}`),
    ...fx.safe.map((f) => `  safe (not flagged):   ${shownPath(f, io.cwd)}`),
    ...(fx.unsafe.length + fx.safe.length ? [] : ['  none']),
    '',
    c.bold('Configure (rampart.config.yaml)'),
    '  rules:',
    `    ${k.id}: off              # turn it off`,
    `    ${k.id}: high             # or change its severity`,
    ...(opts.length ? [`    ${k.id}: { options: { ${opts.map(([n, v]) => `${n}: ${JSON.stringify(v)}`).join(', ')} } }`] : []),
    ...(k.stage === 'design'
      ? [`  or, on one node of a definition: x-rampart-ignore: [{ rule: ${k.id}, reason: "why it is acceptable" }]`]
      : []),
  ];
  return `${out.join('\n')}\n`;
}
