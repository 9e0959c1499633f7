import type { Finding } from '../../../src/core/index.ts';
import { defineProbeCheck, type Exchange, type ProbeCheck, type ProbeContext } from '../../../src/engines/probe/types.ts';

const DOCS = {
  description: 'A check used by the engine tests only: it does what each test tells it to do.',
  attack: 'None: it exists to exercise the engine, the client and the reporters end to end.',
  fix: 'Nothing to fix: the tests assert on what the engine records and reports for it.',
};

/** A check whose behaviour is the given function; it reports every exchange `report` returns. */
export function testCheck(
  id: string,
  run: (ctx: ProbeContext) => Promise<void>,
  extra: Partial<Omit<ProbeCheck, 'stage' | 'id'>> = {},
): ProbeCheck {
  return defineProbeCheck({
    id,
    title: `Test check ${id}`,
    severity: 'high',
    confidence: 'high',
    owasp: ['API8:2023'],
    cwe: ['CWE-16'],
    messages: { hit: '{{what}}' },
    docs: DOCS,
    run,
    ...extra,
  });
}

/** Reports `ex` as a finding at its request's path. */
export function reportExchange(ctx: ProbeContext, ex: Exchange, what = 'seen', identities?: string[]): void {
  ctx.report({
    method: ex.request.method,
    path: ex.request.path.split('?')[0],
    messageId: 'hit',
    data: { what },
    exchanges: [ex],
    identities,
    fingerprintKey: what,
  });
}

export function messages(findings: Finding[]): string[] {
  return findings.map((f) => f.message).sort();
}
