/**
 * What `rampart scan` and `rampart init` find in a project directory: API definitions (OpenAPI and the
 * other definition languages `rampart audit` reads), Postman collections and environments, HAR captures
 * and log files, and whether it is a git work tree. Files .gitignore lists and `exclude` globs are left
 * out, as `rampart secrets` does.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import fg from 'fast-glob';
import type { Config } from '../../core/index.ts';
import { mightBeOpenApi } from '../design/discover.ts';
import { LANGUAGES, languageFor } from '../protocols/index.ts';
import { discoverFiles, gitTopLevel } from '../secrets/files.ts';

export interface ProjectFiles {
  /** The scanned directory, absolute. */
  dir: string;
  /** OpenAPI 2.0/3.x definitions, absolute paths, sorted. */
  openapi: string[];
  /** Definitions in other languages (GraphQL SDL, .proto, AsyncAPI, WSDL), with the language's name. */
  otherDefinitions: { file: string; language: string }[];
  /** Postman collections (v2.0/v2.1) and environments. */
  collections: string[];
  environments: string[];
  /** HAR captures found in the tree (scan reads traffic only from the config's `traffic:` globs). */
  har: string[];
  /** `*.log` files found in the tree (scan reads logs only from the config's `logs:` globs). */
  logs: string[];
  /** The enclosing git work tree, if any. */
  gitRoot?: string;
}

/** Definitions are small documents: a file above this is not sniffed (audit reports it if named). */
const SNIFF_BYTES = 64 * 1024;
const DEFINITION_EXTENSIONS = new Set(['yaml', 'yml', 'json']);

/** The first bytes of a file as text ('' when unreadable). */
export function head(abs: string, bytes = SNIFF_BYTES): string {
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    const text = buf.subarray(0, n).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Postman v2 collections name their schema; environments carry `_postman_variable_scope`. */
function postmanKind(file: string, text: string): 'collection' | 'environment' | undefined {
  if (/\.postman_collection\.json$/i.test(file) || /schema\.getpostman\.com\/json\/collection\//.test(text)) return 'collection';
  if (/\.postman_environment\.json$/i.test(file) || /"_postman_variable_scope"\s*:\s*"environment"/.test(text)) return 'environment';
  return undefined;
}

/** What a file is, from its name and first bytes: a definition, a Postman file, or nothing of ours. */
export function fileKind(abs: string): 'openapi' | 'collection' | 'environment' | { language: string } | undefined {
  const ext = extname(abs).slice(1).toLowerCase();
  const text = head(abs);
  if (!text) return undefined;
  if (DEFINITION_EXTENSIONS.has(ext) && mightBeOpenApi(text)) return 'openapi';
  const postman = ext === 'json' ? postmanKind(abs, text) : undefined;
  if (postman) return postman;
  const language = languageFor(abs, text);
  return language ? { language: language.name } : undefined;
}

/** Walks `dir` once and sorts what it finds by kind. */
export function discoverProject(dir: string, config: Config = {}, configFile?: string): ProjectFiles {
  const abs = resolve(dir);
  const base = configFile ? dirname(configFile) : abs;
  const { files } = discoverFiles([abs], { cwd: base, exclude: config.exclude });
  const languageExtensions = new Set(LANGUAGES.flatMap((l) => l.extensions));
  const out: ProjectFiles = {
    dir: abs,
    openapi: [],
    otherDefinitions: [],
    collections: [],
    environments: [],
    har: [],
    logs: [],
    gitRoot: gitTopLevel(abs),
  };
  for (const f of files) {
    const ext = extname(f.absPath).slice(1).toLowerCase();
    if (ext === 'har') out.har.push(f.absPath);
    else if (ext === 'log') out.logs.push(f.absPath);
    if (!DEFINITION_EXTENSIONS.has(ext) && !languageExtensions.has(ext)) continue;
    const kind = fileKind(f.absPath);
    if (kind === 'openapi') out.openapi.push(f.absPath);
    else if (kind === 'collection') out.collections.push(f.absPath);
    else if (kind === 'environment') out.environments.push(f.absPath);
    else if (kind) out.otherDefinitions.push({ file: f.absPath, language: kind.language });
  }
  for (const list of [out.openapi, out.collections, out.environments, out.har, out.logs]) list.sort();
  return out;
}

/** Expands globs written relative to `base` (the config file's directory) into absolute files. */
export function expandGlobs(globs: readonly string[] | undefined, base: string): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const g of globs ?? []) {
    const found = fg.sync(fg.isDynamicPattern(g) ? g : fg.escapePath(g), {
      cwd: base,
      absolute: true,
      onlyFiles: true,
      ignore: ['**/node_modules/**', '**/.git/**'],
    });
    if (found.length === 0) missing.push(g);
    for (const f of found.sort()) files.add(f);
  }
  return { files: [...files], missing };
}
