import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closest, OWASP_API_2023, type OwaspId } from '../../core/index.ts';
import type { DesignCheck } from '../../engines/design/types.ts';
import { UsageError } from '../errors.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import { loadAllChecks, shownPath } from '../prepare.ts';
import { type Colors, colors, paintSeverity, wrap } from '../terminal.ts';

export interface RulesFlags {
  format?: 'text' | 'json';
  color?: boolean;
}

const CHECKS_DIR = fileURLToPath(new URL('../../checks/design/', import.meta.url));

/** The unsafe and safe example definitions beside a check (absolute paths). */
export function fixturesOf(id: string): { unsafe: string[]; safe: string[] } {
  const dir = `${CHECKS_DIR}${id}/fixtures/`;
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  return {
    unsafe: files.filter((f) => f.startsWith('unsafe')).map((f) => dir + f),
    safe: files.filter((f) => f.startsWith('safe')).map((f) => dir + f),
  };
}

/** `rampart rules` and `rampart rules <id>`. */
export async function rulesCommand(id: string | undefined, flags: RulesFlags, io: CliIO): Promise<number> {
  const checks = await loadAllChecks();
  const c = colors(colorEnabled(io, flags.color, io.stdoutIsTTY));
  if (id === undefined) {
    if (flags.format === 'json') {
      const list = checks.map((k) => ({
        id: k.id,
        stage: k.stage,
        title: k.title,
        severity: k.severity,
        confidence: k.confidence,
        owasp: k.owasp,
        cwe: k.cwe,
      }));
      io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    } else io.stdout(table(checks, c));
    return 0;
  }
  const check = checks.find((k) => k.id === id);
  if (!check) {
    const hint = closest(
      id,
      checks.map((k) => k.id),
    );
    throw new UsageError(`rules ${id}: unknown check${hint ? ` (did you mean "${hint}"?)` : ''}; \`rampart rules\` lists them all`);
  }
  const fx = fixturesOf(check.id);
  if (flags.format === 'json') {
    const { create: _create, ...meta } = check;
    io.stdout(`${JSON.stringify({ ...meta, options: check.defaultOptions ?? {}, fixtures: fx }, null, 2)}\n`);
    return 0;
  }
  io.stdout(details(check, fx, c, io));
  return 0;
}

function table(checks: DesignCheck[], c: Colors): string {
  const w = Math.max(2, ...checks.map((k) => k.id.length));
  const owaspW = Math.max(5, ...checks.map((k) => k.owasp.join(',').length));
  const lines = [c.bold(`${'ID'.padEnd(w)}  ${'SEVERITY'.padEnd(8)}  ${'OWASP'.padEnd(owaspW)}  TITLE`)];
  for (const k of checks) {
    lines.push(`${k.id.padEnd(w)}  ${paintSeverity(c, k.severity, k.severity.padEnd(8))}  ${k.owasp.join(',').padEnd(owaspW)}  ${k.title}`);
  }
  lines.push(
    '',
    `${checks.length} check${checks.length === 1 ? '' : 's'}. \`rampart rules <id>\` shows what one detects, the attack and the fix.`,
  );
  return `${lines.join('\n')}\n`;
}

function details(k: DesignCheck, fx: { unsafe: string[]; safe: string[] }, c: Colors, io: CliIO): string {
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
    `  stage       ${k.stage} (rampart audit)`,
    '',
    c.bold('What it detects'),
    wrap(k.docs.description, width, '  '),
    '',
    c.bold('Why it matters (the attack)'),
    wrap(k.docs.attack, width, '  '),
    '',
    c.bold('How to fix it'),
    wrap(k.docs.fix, width, '  '),
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
    `  or, on one node of a definition: x-rampart-ignore: [{ rule: ${k.id}, reason: "why it is acceptable" }]`,
  ];
  return `${out.join('\n')}\n`;
}
