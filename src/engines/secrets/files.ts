import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { formatSize } from '../../formats/structured.ts';
import { fastGlob, toDisplayPath } from '../design/discover.ts';

/** A file to scan. */
export interface FileEntry {
  absPath: string;
  /** Shown to users: relative to the working directory, forward slashes. */
  file: string;
  /** Named on the command line: scanned even when .gitignore lists it. */
  explicit: boolean;
}

export interface DiscoverOptions {
  cwd: string;
  /** Scan files that .gitignore lists too (default: false). */
  noIgnore?: boolean;
  /** Globs (absolute, or relative to cwd) of paths never to scan. */
  exclude?: string[];
}

export interface Discovered {
  files: FileEntry[];
  /** Inputs that named nothing. */
  missing: string[];
}

/** The directory of the git work tree that holds `dir`, or undefined. */
export function gitTopLevel(dir: string): string | undefined {
  for (let d = resolve(dir); ; ) {
    if (existsSync(join(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * Files under `dir` that git does not ignore (tracked and untracked, not ignored), as absolute paths;
 * undefined when git cannot tell (not a work tree, no git binary).
 */
export function gitListFiles(dir: string): string[] | undefined {
  let out: Buffer;
  try {
    out = execFileSync('git', ['-C', dir, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
  const names = out.toString('utf8').split('\0');
  const seen = new Set<string>();
  const files: string[] = [];
  for (const n of names) {
    if (!n) continue;
    const abs = resolve(dir, n);
    // A file both staged and deleted from the work tree, or changed, appears once per state.
    if (seen.has(abs)) continue;
    seen.add(abs);
    files.push(abs);
  }
  return files;
}

/**
 * Walks `dir` outside git: every file but those that .gitignore files (in `dir` and below, and in the
 * directories above it up to the filesystem root) exclude; `.git` folders are never entered.
 */
export function walkFiles(dir: string, noIgnore: boolean): string[] {
  const files: string[] = [];
  const rules: { base: string; ig: Ignore }[] = [];
  if (!noIgnore) {
    // .gitignore files above the starting directory apply too.
    const above: string[] = [];
    for (let d = dirname(resolve(dir)); ; d = dirname(d)) {
      above.unshift(d);
      if (dirname(d) === d) break;
    }
    for (const d of above) {
      const ig = readIgnore(d);
      if (ig) rules.push({ base: d, ig });
    }
  }
  const ignored = (abs: string, isDir: boolean) => {
    for (const r of rules) {
      const rel = relative(r.base, abs).split(sep).join('/');
      if (!rel || rel.startsWith('..')) continue;
      if (r.ig.ignores(isDir ? `${rel}/` : rel)) return true;
    }
    return false;
  };
  const visit = (d: string) => {
    let pushed = false;
    if (!noIgnore) {
      const ig = readIgnore(d);
      if (ig) {
        rules.push({ base: d, ig });
        pushed = true;
      }
    }
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      entries = [];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name === '.git') continue;
        if (!noIgnore && ignored(abs, true)) continue;
        visit(abs);
      } else if (e.isFile()) {
        if (!noIgnore && ignored(abs, false)) continue;
        files.push(abs);
      }
      // Symbolic links are not followed: they may point anywhere, including in circles.
    }
    if (pushed) rules.pop();
  };
  visit(resolve(dir));
  return files;
}

function readIgnore(dir: string): Ignore | undefined {
  const f = join(dir, '.gitignore');
  let text: string;
  try {
    text = readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(text);
}

/** Expands files, directories and globs into files to scan, in a stable order. `-` (stdin) is left to the caller. */
export function discoverFiles(inputs: string[], options: DiscoverOptions): Discovered {
  const { cwd } = options;
  const out = new Map<string, FileEntry>();
  const missing: string[] = [];
  const excluded = exclusionMatcher(options.exclude ?? [], cwd);
  const listCache = new Map<string, Set<string> | undefined>();
  /** Files git would not ignore, for the work tree holding `abs`; undefined outside git. */
  const notIgnored = (top: string) => {
    if (!listCache.has(top)) {
      const l = gitListFiles(top);
      listCache.set(top, l ? new Set(l) : undefined);
    }
    return listCache.get(top);
  };
  const add = (abs: string, explicit: boolean) => {
    if (out.has(abs) || excluded(abs)) return;
    out.set(abs, { absPath: abs, file: toDisplayPath(abs, cwd), explicit });
  };
  for (const input of inputs) {
    if (input === '-') continue;
    const abs = resolve(cwd, input);
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) {
      add(abs, true);
      continue;
    }
    if (st?.isDirectory()) {
      const top = options.noIgnore ? undefined : gitTopLevel(abs);
      const listed = top ? gitListFiles(abs) : undefined;
      const files = listed ?? walkFiles(abs, options.noIgnore === true);
      for (const f of files.sort()) add(f, false);
      continue;
    }
    const fg = fastGlob();
    if (fg.isDynamicPattern(input)) {
      const pattern = isAbsolute(input) ? input : `${fg.convertPathToPattern(cwd)}/${input}`;
      const found = fg.sync(pattern, { ignore: ['**/.git/**'], absolute: true, onlyFiles: true, dot: true, followSymbolicLinks: false });
      if (found.length === 0) missing.push(input);
      for (const f of found.sort()) {
        if (!options.noIgnore) {
          const top = gitTopLevel(dirname(f));
          const allowed = top ? notIgnored(top) : undefined;
          if (allowed && !allowed.has(f)) continue;
          if (!allowed && ignoredOutsideGit(f)) continue;
        }
        add(f, false);
      }
      continue;
    }
    missing.push(input);
  }
  return { files: [...out.values()], missing };
}

/** Outside git, whether a .gitignore in a directory above `abs` excludes it. */
function ignoredOutsideGit(abs: string): boolean {
  const parts: string[] = [];
  for (let d = dirname(abs); ; d = dirname(d)) {
    parts.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of parts) {
    const ig = readIgnore(d);
    if (!ig) continue;
    const rel = relative(d, abs).split(sep).join('/');
    if (ig.ignores(rel)) return true;
  }
  return false;
}

/** A predicate over absolute paths for `exclude` / `allowPaths` globs (relative globs are relative to `base`). */
export function exclusionMatcher(globs: string[], base: string): (abs: string) => boolean {
  if (globs.length === 0) return () => false;
  const ig = ignore().add(globs.map((g) => g.replace(/^\.\//, '')));
  return (abs: string) => {
    const rel = relative(base, abs).split(sep).join('/');
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) {
      // Outside the base: only `**/` globs can match, against the path as given.
      return globs.some((g) => g.startsWith('**/') && ignore().add(g).ignores(abs.replace(/^\/+/, '')));
    }
    return ig.ignores(rel);
  };
}

export type ReadResult = { ok: true; text: string; bytes: number } | { ok: false; reason: string; bytes: number };

const BINARY_SNIFF = 8192;

/**
 * Reads a file for scanning: refuses directories, files over `maxBytes` and binary files (NUL in the
 * first 8 KB). One open and one fstat per file (no separate stat by path); a large file's head is
 * sniffed before the rest is read, since most large files in a tree are binary.
 */
export function readTextFile(absPath: string, maxBytes: number, followLinks = true): ReadResult {
  let fd: number;
  try {
    // Non-blocking: opening a named pipe must not wait for a writer (fstat then refuses it). A file
    // found by walking a tree is not followed if it is a symbolic link (it may point anywhere).
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK | (followLinks ? 0 : constants.O_NOFOLLOW));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, reason: 'symbolic link (not followed)', bytes: 0 };
    return { ok: false, reason: code === 'EISDIR' ? 'not a regular file' : `cannot read (${code ?? String(e)})`, bytes: 0 };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file', bytes: 0 };
    const size = st.size;
    if (size > maxBytes) {
      return {
        ok: false,
        reason: `file is ${formatSize(size)}, above the ${formatSize(maxBytes)} limit (raise it with --max-file-size)`,
        bytes: 0,
      };
    }
    const buf = Buffer.allocUnsafe(size);
    let n = 0;
    // The head first: a binary file is refused before the rest of it is read.
    const head = Math.min(size, BINARY_SNIFF);
    while (n < head) {
      const r = readSync(fd, buf, n, head - n, n);
      if (r === 0) break;
      n += r;
    }
    if (buf.subarray(0, n).includes(0)) return { ok: false, reason: 'binary file', bytes: 0 };
    while (n < size) {
      const r = readSync(fd, buf, n, size - n, n);
      if (r === 0) break;
      n += r;
    }
    let text = buf.toString('utf8', 0, n);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text, bytes: n };
  } catch (e) {
    return { ok: false, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, bytes: 0 };
  } finally {
    closeSync(fd);
  }
}
