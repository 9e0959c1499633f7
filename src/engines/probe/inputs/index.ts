import type { Diagnostic } from '../../../core/index.ts';
import type { Endpoint } from '../types.ts';
import { loadHarFile } from './har.ts';
import { loadOpenApiFile } from './openapi.ts';
import { loadPostmanFile } from './postman.ts';

/** Where the probe learns the API's endpoints from (paths relative to `cwd`). */
export interface EndpointSource {
  openapi?: string;
  postman?: string;
  /** A Postman environment file for the collection's `{{variables}}`. */
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
 * capture. Paths are full paths on the target's origin. When several sources describe the same
 * endpoint, the first (OpenAPI, then Postman, then HAR) is kept and the others add their examples.
 * Bad input gives diagnostics, never a throw.
 */
export async function loadEndpoints(src: EndpointSource, target: URL, cwd: string): Promise<LoadedEndpoints> {
  const out: LoadedEndpoints = { endpoints: [], diagnostics: [], files: [] };
  const take = (r: LoadedEndpoints) => {
    out.endpoints = mergeEndpoints(out.endpoints, r.endpoints);
    out.diagnostics.push(...r.diagnostics);
    out.files.push(...r.files);
  };
  const guard = (what: string, file: string, load: () => LoadedEndpoints) => {
    try {
      take(load());
    } catch (e) {
      // A bug of a loader must not end the run: the other sources still count.
      out.diagnostics.push({ level: 'error', message: `cannot read the ${what}: ${(e as Error)?.message ?? String(e)}`, file });
    }
  };
  if (src.openapi) guard('OpenAPI definition', src.openapi, () => loadOpenApiFile(src.openapi as string, target, cwd));
  if (src.postman) guard('Postman collection', src.postman, () => loadPostmanFile(src.postman as string, target, cwd, src.environment));
  else if (src.environment)
    out.diagnostics.push({ level: 'warning', message: 'a Postman environment without a collection is not used', file: src.environment });
  if (src.har) guard('HAR file', src.har, () => loadHarFile(src.har as string, target, cwd));
  return out;
}

const isParam = (s: string) => /^\{[^}]+\}$/.test(s);

/** Same method, and the same path up to parameter names. */
function samePath(a: string, b: string): boolean {
  const x = a.split('/');
  const y = b.split('/');
  if (x.length !== y.length) return false;
  return x.every((s, i) => s === y[i] || (isParam(s) && isParam(y[i] as string)));
}

/** Adds `extra` to `base`: a new endpoint, or examples for one `base` already has. */
export function mergeEndpoints(base: Endpoint[], extra: Endpoint[]): Endpoint[] {
  const out = [...base];
  for (const e of extra) {
    const known = out.find((b) => b.method === e.method && samePath(b.path, e.path));
    if (!known) {
      out.push(e);
      continue;
    }
    // Path parameters by position (names may differ), the others by name.
    const knownPath = [...known.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const extraPath = [...e.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const p of e.parameters) {
      if (p.example === undefined) continue;
      const name = p.in === 'path' ? knownPath[extraPath.indexOf(p.name)] : p.name;
      const target = known.parameters.find((k) => k.in === p.in && k.name === name);
      if (target && target.example === undefined) target.example = p.example;
    }
    if (known.body && e.body?.example !== undefined && known.body.example === undefined && sameKind(known.body.mediaType, e.body.mediaType))
      known.body.example = e.body.example;
  }
  return out;
}

function sameKind(a: string, b: string): boolean {
  const kind = (t: string) => (/json/i.test(t) ? 'json' : /urlencoded/i.test(t) ? 'form' : /multipart/i.test(t) ? 'multipart' : t);
  return kind(a) === kind(b);
}
