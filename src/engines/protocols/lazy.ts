import type { DefinitionLanguage, ProtocolProbe } from './types.ts';

/**
 * A probe whose engine (HTTP and WebSocket clients, protocol libraries) loads on first use: every
 * `rampart` command imports the protocol list, and only `probe`/`scan` need the engines. Keeps start-up
 * (a pre-commit hook, `rampart --version`) fast.
 */
export function lazyProbe(flag: ProtocolProbe['flag'], load: () => Promise<ProtocolProbe>): ProtocolProbe {
  return {
    flag,
    checks: async () => (await load()).checks(),
    probe: async (opts) => (await load()).probe(opts),
  };
}

/** A definition language whose parser and checks load on first use; `claims` must stay cheap and local. */
export function lazyLanguage(
  about: Pick<DefinitionLanguage, 'name' | 'extensions' | 'claims'>,
  load: () => Promise<DefinitionLanguage>,
): DefinitionLanguage {
  return {
    ...about,
    checks: async () => (await load()).checks(),
    audit: async (input) => (await load()).audit(input),
  };
}
