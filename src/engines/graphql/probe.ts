import { graphqlProbeChecks } from '../../checks/graphql/registry.ts';
import type { RunResult } from '../../core/index.ts';
import { finishRun } from '../../core/index.ts';
import { probe, probeMetaOf } from '../probe/engine.ts';
import type { ProbeCheck } from '../probe/types.ts';
import type { ProtocolProbe, ProtocolProbeOptions } from '../protocols/types.ts';
import { GqlSession } from './session.ts';
import type { GraphqlProbeCheck } from './types.ts';

/**
 * `rampart probe --graphql URL`: the probe engine (scope, budget, rate, identities, evidence, baseline)
 * runs the GraphQL checks against one endpoint; they share a session that introspects the schema once.
 */
export async function probeGraphql(opts: ProtocolProbeOptions, checks?: GraphqlProbeCheck[]): Promise<RunResult> {
  const started = Date.now();
  let url: URL;
  try {
    url = new URL(opts.target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('only http and https endpoints');
  } catch (e) {
    return finishRun({
      command: 'probe',
      started,
      findings: [],
      checks: [],
      diagnostics: [{ level: 'error', message: `--graphql ${JSON.stringify(opts.target)}: ${(e as Error).message}` }],
      scanned: [],
      skipped: [],
      suppressed: { inline: 0, baseline: 0, config: 0 },
    });
  }
  url.hash = '';
  const session = new GqlSession(url.pathname + url.search);
  const list = checks ?? (await graphqlProbeChecks());
  // Each check gets the run's session through a closure: the engine knows nothing about GraphQL.
  const bound: ProbeCheck[] = list.map((c) => {
    const { run, ...meta } = c;
    return run ? { ...meta, run: (ctx) => run({ ...ctx, gql: session }) } : meta;
  });
  const result = await probe({
    // The engine's reachability request goes to the endpoint's folder; everything else to the endpoint.
    target: new URL('./', url),
    checks: bound,
    identities: opts.identities,
    config: opts.config,
    cwd: opts.cwd,
    rules: opts.rules,
    run: opts.run,
    baseline: opts.baseline,
    crawl: false,
    onProgress: (p) => opts.onProgress?.({ sent: p.sent, budget: p.budget, what: p.running[0] ?? p.phase }),
  });
  if (result.scanned.length) result.scanned = [url.href];
  result.checks = list.map((c) => probeMetaOf(c as ProbeCheck));
  return result;
}

export const graphqlProbe: ProtocolProbe = {
  flag: 'graphql',
  async checks() {
    return (await graphqlProbeChecks()).map((c) => probeMetaOf(c as ProbeCheck));
  },
  probe: (opts) => probeGraphql(opts),
};
