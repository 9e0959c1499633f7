import { grpcDesignChecks, grpcProbeChecks } from '../../checks/grpc/registry.ts';
import type { DefinitionLanguage, ProtocolProbe } from '../protocols/types.ts';
import { auditProto, metaOf } from './design.ts';

/** `rampart audit api.proto`: Protocol Buffers service definitions. */
const proto: DefinitionLanguage = {
  name: 'Protocol Buffers',
  extensions: ['proto'],
  claims: (file) => file.toLowerCase().endsWith('.proto'),
  checks: async () => (await grpcDesignChecks()).map(metaOf),
  audit: async (input) => auditProto(input, await grpcDesignChecks()),
};

/** `rampart probe --grpc HOST:PORT [--proto FILE...]`. */
const probe: ProtocolProbe = {
  flag: 'grpc',
  checks: async () => (await grpcProbeChecks()).map(metaOf),
  // Loaded on use: `rampart audit` need not load grpc-js.
  probe: async (opts) => (await import('./probe/engine.ts')).probeGrpc(opts),
};

export const languages: DefinitionLanguage[] = [proto];
export const probes: ProtocolProbe[] = [probe];
