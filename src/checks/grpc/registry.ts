import { existsSync, readdirSync } from 'node:fs';
import type { GrpcDesignCheck } from '../../engines/grpc/design.ts';
import type { GrpcProbeCheck } from '../../engines/grpc/probe/types.ts';

/**
 * The gRPC checks, design (.proto audit) and probe (live server) alike: one folder each, named by the
 * check id (folders starting with `_` hold shared helpers). Loaded only when a run needs them.
 */
const here = new URL('./', import.meta.url);
// From the repository the checks are TypeScript; in the published package they are compiled to dist/.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export type GrpcCheck = GrpcDesignCheck | GrpcProbeCheck;

export function grpcCheckIds(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(new URL(`${d.name}/index.${ext}`, here)))
    .map((d) => d.name)
    .sort();
}

export async function loadGrpcCheck(id: string): Promise<GrpcCheck> {
  const mod = (await import(new URL(`${id}/index.${ext}`, here).href)) as { default: GrpcCheck };
  return mod.default;
}

let all: Promise<GrpcCheck[]> | undefined;
export function loadGrpcChecks(): Promise<GrpcCheck[]> {
  all ??= Promise.all(grpcCheckIds().map(loadGrpcCheck));
  return all;
}

export async function grpcDesignChecks(): Promise<GrpcDesignCheck[]> {
  return (await loadGrpcChecks()).filter((c): c is GrpcDesignCheck => c.stage === 'design');
}

export async function grpcProbeChecks(): Promise<GrpcProbeCheck[]> {
  return (await loadGrpcChecks()).filter((c): c is GrpcProbeCheck => c.stage === 'probe');
}
