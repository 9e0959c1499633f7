import type { Diagnostic } from '../../../core/index.ts';
import type { Endpoint } from '../types.ts';
import { loadOpenApiFile } from './openapi.ts';

/** Where the probe learns the API's endpoints from (paths relative to `cwd`). */
export interface EndpointSource {
  openapi?: string;
  postman?: string;
  environment?: string;
  har?: string;
}

export interface LoadedEndpoints {
  endpoints: Endpoint[];
  diagnostics: Diagnostic[];
  /** Files read (display paths). */
  files: string[];
}

/**
 * Endpoints of the API under test from an OpenAPI definition, a Postman collection and/or a HAR
 * capture. Paths are full paths on the target's origin. Bad input gives diagnostics, never a throw.
 */
export async function loadEndpoints(src: EndpointSource, target: URL, cwd: string): Promise<LoadedEndpoints> {
  const out: LoadedEndpoints = { endpoints: [], diagnostics: [], files: [] };
  if (src.openapi) {
    const r = loadOpenApiFile(src.openapi, target, cwd);
    out.endpoints.push(...r.endpoints);
    out.diagnostics.push(...r.diagnostics);
    out.files.push(...r.files);
  }
  return out;
}
