/**
 * The OpenAPI definitions traffic is compared with: their operations as full path templates (the server
 * URL's base path + the path), with where each is declared, whether it is deprecated, and the hosts the
 * servers name. Loaded with the same loader and model as `rampart audit`.
 */
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../../../core/index.ts';
import { buildModel, detectVersion, type Operation } from '../../../formats/openapi/model.ts';
import { DocumentSet } from '../../../formats/openapi/refs.ts';
import { InputError, readStructuredFile } from '../../../formats/structured.ts';
import { projectRoot, toDisplayPath } from '../../design/discover.ts';

export interface DocumentedOperation {
  method: string;
  /** The path as the definition writes it (`/users/{id}`). */
  path: string;
  /** Full templates on the wire, one per distinct server base path (`/api/v1/users/{id}`). */
  templates: string[];
  operationId?: string;
  deprecated: boolean;
  /** Credentials the definition requires: true, false (anonymous allowed), undefined (no security declared). */
  secured?: boolean;
  file: string;
  line: number;
  column: number;
  pointer: string;
}

export interface LoadedDefinitions {
  operations: DocumentedOperation[];
  /** Hosts (`host[:port]`) of absolute server URLs; empty when the servers are relative or absent. */
  hosts: Set<string>;
  files: string[];
  diagnostics: Diagnostic[];
}

/** `https://api.x.com/v1/` → base `/v1`, host `api.x.com`; `/api` → base `/api`. */
export function serverBase(url: string): { base: string; host?: string } {
  const abs = /^([a-z][a-z0-9+.-]*:)?\/\//i.test(url);
  if (abs) {
    try {
      const u = new URL(url.startsWith('//') ? `http:${url}` : url);
      const base = decodeURI(u.pathname).replace(/\/+$/, '');
      return { base, host: u.host.toLowerCase() };
    } catch {
      return { base: '' };
    }
  }
  const path = url.split(/[?#]/)[0].replace(/\/+$/, '');
  return { base: path === '' || path === '.' ? '' : path.startsWith('/') ? path : `/${path}` };
}

export function joinTemplate(base: string, path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  const joined = `${base}${p}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function securedOf(op: Operation): boolean | undefined {
  if (!op.security) return undefined;
  if (op.security.length === 0) return false;
  return !op.security.some((r) => r.schemes.length === 0);
}

/** Loads the definitions; problems become diagnostics naming file:line:col, never a throw. */
export function loadDefinitions(files: string[], cwd: string): LoadedDefinitions {
  const out: LoadedDefinitions = { operations: [], hosts: new Set(), files: [], diagnostics: [] };
  for (const f of files) {
    const abs = resolve(cwd, f);
    const display = toDisplayPath(abs, cwd);
    try {
      const doc = readStructuredFile(abs, display);
      const version = detectVersion(doc.value);
      if (!version) {
        out.diagnostics.push({
          level: 'error',
          message: 'not an OpenAPI 2.0 or 3.x definition (the "openapi" or "swagger" field is missing or has an unknown version)',
          file: display,
          line: 1,
          column: 1,
        });
        continue;
      }
      const set = new DocumentSet(doc, undefined, cwd, projectRoot(dirname(abs)));
      const api = buildModel(set, { doc, pointer: '', value: doc.value as Record<string, unknown> }, version);
      out.files.push(display);
      for (const s of api.servers) {
        const { host } = serverBase(s.url);
        if (host && !/[{}]/.test(host)) out.hosts.add(host);
      }
      for (const op of api.operations) {
        if (op.kind !== 'path') continue;
        const bases = op.servers.length ? [...new Set(op.servers.map((s) => serverBase(s.url).base))] : [''];
        for (const s of op.servers) {
          const { host } = serverBase(s.url);
          if (host && !/[{}]/.test(host)) out.hosts.add(host);
        }
        const region = op.ref.doc.locate(op.ref.pointer, 'key');
        out.operations.push({
          method: op.method.toUpperCase(),
          path: op.path,
          templates: bases.map((b) => joinTemplate(b, op.path)),
          operationId: op.operationId,
          deprecated: op.deprecated,
          secured: securedOf(op),
          file: op.ref.doc.file,
          line: region?.startLine ?? 1,
          column: region?.startColumn ?? 1,
          pointer: op.ref.pointer,
        });
      }
      for (const p of set.problems) {
        const r = p.at.doc.locate(p.at.pointer, 'value');
        out.diagnostics.push({ level: 'warning', message: p.message, file: p.at.doc.file, line: r?.startLine, column: r?.startColumn });
      }
    } catch (e) {
      const err = e instanceof InputError ? e : new InputError((e as Error)?.message ?? String(e), display);
      out.diagnostics.push({ level: 'error', message: err.message, file: err.file, line: err.line, column: err.column });
    }
  }
  return out;
}
