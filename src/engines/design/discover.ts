import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface Candidate {
  absPath: string;
  file: string;
  /** Named on the command line (not found by walking a directory or glob). */
  explicit: boolean;
}

const EXTENSIONS = ['yaml', 'yml', 'json'];

/** fast-glob (60 modules) loads when inputs are expanded: an audit of given contents (a pre-commit hook) never does. */
export const fastGlob = (): typeof import('fast-glob') => createRequire(import.meta.url)('fast-glob');
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export function toDisplayPath(absPath: string, cwd: string): string {
  const rel = relative(cwd, absPath);
  return (rel.startsWith('..') || isAbsolute(rel) ? absPath : rel).split(sep).join('/');
}

/** Expands files, directories and globs into candidate files, in a stable order. */
export function discover(
  inputs: string[],
  cwd: string,
  exclude: string[] = [],
  /** Extensions of other definition languages (GraphQL, .proto, WSDL) to pick up too. */
  moreExtensions: string[] = [],
): { candidates: Candidate[]; missing: string[] } {
  const extensions = [...new Set([...EXTENSIONS, ...moreExtensions])];
  const fg = fastGlob();
  const out = new Map<string, Candidate>();
  const missing: string[] = [];
  // Exclude globs are written relative to the working directory; fast-glob matches absolute patterns
  // against absolute paths, so anchor them the same way.
  const base = fg.convertPathToPattern(cwd);
  const ignore = [
    ...ALWAYS_IGNORED,
    ...exclude.map((p) => (isAbsolute(p) || p.startsWith('**') ? p : `${base}/${p.replace(/^\.\//, '')}`)),
  ];
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) {
      out.set(abs, { absPath: abs, file: toDisplayPath(abs, cwd), explicit: true });
      continue;
    }
    const pattern = st?.isDirectory()
      ? `${fg.convertPathToPattern(abs)}/**/*.{${extensions.join(',')}}`
      : fg.isDynamicPattern(input)
        ? isAbsolute(input)
          ? input
          : `${fg.convertPathToPattern(cwd)}/${input}`
        : undefined;
    if (!pattern) {
      missing.push(input);
      continue;
    }
    const found = fg.sync(pattern, { ignore, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false });
    if (found.length === 0 && !st) missing.push(input);
    for (const f of found.sort()) if (!out.has(f)) out.set(f, { absPath: f, file: toDisplayPath(f, cwd), explicit: false });
  }
  return { candidates: [...out.values()], missing };
}

/**
 * The directory fingerprints are relative to: the enclosing git work tree, else `cwd`. A baseline then
 * matches whether the audit runs from the repository root or from a sub-directory.
 */
export function projectRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; ) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd);
    dir = up;
  }
}

/** Cheap test before parsing: OpenAPI documents name their version at the top level. */
export function mightBeOpenApi(text: string): boolean {
  return /^["']?(?:openapi|swagger)["']?\s*:/m.test(text) || /"(?:openapi|swagger)"\s*:\s*"/.test(text);
}
