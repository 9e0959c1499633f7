import { grpcDesignChecks, grpcProbeChecks } from '../../checks/grpc/registry.ts';
import { checkMetaOf } from '../../core/index.ts';
import type { DefinitionLanguage, ProtocolProbe } from '../protocols/types.ts';
import { isServiceConfig } from './claims.ts';

/** `rampart audit api.proto`: Protocol Buffers service definitions. */
const proto: DefinitionLanguage = {
  name: 'Protocol Buffers',
  extensions: ['proto'],
  claims: (file) => file.toLowerCase().endsWith('.proto'),
  checks: async () => (await grpcDesignChecks()).map(checkMetaOf),
  // The parser (protobufjs) loads when a .proto file is audited, not with the language list.
  audit: async (input) => (await import('./design.ts')).auditProto(input, await grpcDesignChecks()),
};

/**
 * Google API service configurations (`type: google.api.Service`): which gRPC APIs a deployment serves.
 * Its checks are the .proto ones (listed once, by the language above).
 */
const serviceConfig: DefinitionLanguage = {
  name: 'gRPC service configuration',
  extensions: [],
  claims: (file, text) => /\.ya?ml$/i.test(file) && isServiceConfig(text),
  checks: async () => [],
  audit: async (input) => (await import('./design.ts')).auditServiceConfig(input, await grpcDesignChecks()),
};

/** `rampart probe --grpc HOST:PORT [--proto FILE...]`. */
const probe: ProtocolProbe = {
  flag: 'grpc',
  checks: async () => (await grpcProbeChecks()).map(checkMetaOf),
  // Loaded on use: `rampart audit` need not load grpc-js.
  probe: async (opts) => (await import('./probe/engine.ts')).probeGrpc(opts),
};

export const languages: DefinitionLanguage[] = [proto, serviceConfig];
export const probes: ProtocolProbe[] = [probe];
