import { lstatSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { loadSecretRules } from '../../checks/secrets/registry.ts';
import {
  type CheckMeta,
  type Config,
  type CweId,
  type Diagnostic,
  type Finding,
  fingerprintOf,
  type OwaspId,
  type RunResult,
  ruleConfig,
  type Severity,
  sha256,
  sortFindings,
} from '../../core/index.ts';
import { VERSION } from '../../version.ts';
import { projectRoot, toDisplayPath } from '../design/discover.ts';
import { isArchive, readArchive } from './archive.ts';
import { extractFragments } from './extract/index.ts';
import { discoverFiles, exclusionMatcher, gitTopLevel, readTextFile } from './files.ts';
import { GitSourceError, HeadIndex, historyFragments, stagedFragments } from './git.ts';
import { LineIndex } from './locate.ts';
import { CONFIDENCE_RANK, type EncodedMatch, matchText } from './match.ts';
import { batchesOf, type PoolFile, ScanPool } from './pool.ts';
import { redact } from './redact.ts';
import type { Fragment, SecretMatch, SecretRule } from './types.ts';
import { compileAllowValues, compileUserRules } from './user-rules.ts';
import { verifyFindings } from './verify.ts';
import type { WorkerFileResult } from './worker.ts';

export { redact } from './redact.ts';

/** What every secret finding is about, when the rule does not say otherwise. */
const DEFAULT_OWASP: OwaspId[] = ['API8:2023'];
const DEFAULT_CWE: CweId[] = ['CWE-798'];
/** Secrets that let their holder authenticate as someone: broken authentication as well as hygiene. */
const AUTH_CREDENTIAL =
  /token|password|passwd|api[-_ ]?key|access[-_ ]?key|secret[-_ ]?key|client[-_ ]?secret|credential|private[-_ ]?key|session|oauth|basic[-_ ]?auth|connection[-_ ]?string|\bpat\b|webhook|login/i;

export function owaspOf(rule: SecretRule): OwaspId[] {
  if (rule.owasp?.length) return rule.owasp;
  return AUTH_CREDENTIAL.test(`${rule.id} ${rule.title}`) ? ['API2:2023', ...DEFAULT_OWASP] : DEFAULT_OWASP;
}

/** The metadata reporters need about a secret rule (SARIF rules, help texts, `rampart rules`). */
export function secretRuleMeta(rule: SecretRule): CheckMeta {
  const article = /^[aeiou]/i.test(rule.title) ? 'An' : 'A';
  return {
    id: rule.id,
    stage: 'secrets',
    title: rule.title,
    severity: rule.severity,
    confidence: rule.confidence,
    owasp: owaspOf(rule),
    cwe: rule.cwe?.length ? rule.cwe : DEFAULT_CWE,
    messages: { found: `${rule.title} in {{file}}: {{why}}` },
    docs: {
      description: `${article} ${rule.title} (${rule.provider}) written into a file, a commit or a collection: found by its format${
        rule.keywords.length ? ` (it contains ${rule.keywords.map((k) => `"${k}"`).join(' or ')})` : ''
      }${rule.validate ? ', its checksum or structure checked' : ''}${
        rule.minEntropy !== undefined ? `, and randomness of at least ${rule.minEntropy} bits per character` : ''
      }. Placeholders, variable references and documentation samples are not reported.`,
      attack: `Anyone who can read the file, a clone of the repository, its history, a fork, a build log or a shared collection can copy the credential and use it ${withWhom(rule)} with all the rights it was issued with, until it is revoked. Deleting the line does not help: it stays in git history and in every clone.`,
      fix: rule.remediation,
    },
  };
}

export interface FragmentScanOptions {
  /** Directory `Fragment.file` is relative to (default: process.cwd()). */
  cwd?: string;
  /** Directory fingerprints are relative to (default: the git work tree around `cwd`, else `cwd`). */
  root?: string;
  /** Config: per-rule severities and `off`. */
  config?: Config;
  /** Secrets matching one of these are not reported (config `secrets.allowValues`). */
  allowValues?: readonly RegExp[];
  /** Look inside base64, hex and percent-encoded runs (default: true). */
  decode?: boolean;
  /** Scan structured formats (Postman, notebooks, Kubernetes Secrets...) through their values (default: true). */
  extract?: boolean;
  /** Counts of what inline comments and the config left out. */
  suppressed?: RunResult['suppressed'];
  /** Problems (a rule that threw). */
  diagnostics?: Diagnostic[];
  /** Filled in with each reported secret, by `ruleId\0evidence hash` (for `--verify`; kept in memory only). */
  secrets?: Map<string, string>;
}

const IGNORE_SAME_LINE = /rampart-ignore(?!-next-line)/;
const IGNORE_NEXT_LINE = 'rampart-ignore-next-line';
const MAX_FINDINGS_PER_FRAGMENT = 1000;

/** An inline comment on 0-based line `line` or a next-line comment on the line above it. */
function ignoredAt(lines: LineIndex, line: number): boolean {
  if (line < 0 || line >= lines.lineCount()) return false;
  return IGNORE_SAME_LINE.test(lines.lineText(line)) || (line > 0 && lines.lineText(line - 1).includes(IGNORE_NEXT_LINE));
}

/** A rule set prepared once: the rules in effect, their metadata and the prefilter. */
interface Prepared {
  rules: readonly SecretRule[];
  severity: (Severity | undefined)[];
  enabled: Uint8Array;
  confidenceRank: number[];
}

function prepare(rules: readonly SecretRule[], config: Config | undefined): Prepared {
  const enabled = new Uint8Array(rules.length);
  const severity: (Severity | undefined)[] = [];
  rules.forEach((r, i) => {
    const rc = config ? ruleConfig(config, r.id) : { enabled: true, severity: undefined };
    enabled[i] = rc.enabled ? 1 : 0;
    severity.push(rc.severity);
  });
  return { rules, enabled, severity, confidenceRank: rules.map((r) => CONFIDENCE_RANK[r.confidence] ?? 0) };
}

const ENCODING_WORDS = { base64: 'base64-encoded', hex: 'hex-encoded', percent: 'percent-encoded' } as const;

/**
 * Scans fragments from any source (files, git history, values extracted from collections) with `rules`
 * and emits one finding per secret. Other sources call this; `scanSecrets` uses it for files.
 */
export async function scanFragments(
  fragments: Iterable<Fragment> | AsyncIterable<Fragment>,
  rules: readonly SecretRule[],
  emit: (finding: Finding) => void,
  options: FragmentScanOptions = {},
): Promise<void> {
  const scanner = new FragmentScanner(rules, options);
  for await (const fragment of fragments) scanner.scan(fragment, emit);
}

/** The synchronous core of `scanFragments`, reusable fragment by fragment (workers use it). */
export class FragmentScanner {
  private readonly p: Prepared;
  private readonly byId: Map<string, number>;
  private readonly cwd: string;
  readonly root: string;
  private readonly projectFiles = new Map<string, string>();
  private readonly options: FragmentScanOptions;
  /** The secrets reported, when `options.secrets` asked for them. */
  get secrets(): Map<string, string> | undefined {
    return this.options.secrets;
  }

  constructor(rules: readonly SecretRule[], options: FragmentScanOptions = {}) {
    this.options = options;
    this.p = prepare(rules, options.config);
    this.byId = new Map(rules.map((r, i) => [r.id, i]));
    this.cwd = options.cwd ?? process.cwd();
    this.root = options.root ?? projectRoot(this.cwd);
  }

  /** The file's path relative to the project root, for fingerprints (stable whatever the cwd). */
  projectFile(file: string): string {
    let p = this.projectFiles.get(file);
    if (p === undefined) {
      p = toDisplayPath(resolve(this.cwd, file), this.root);
      this.projectFiles.set(file, p);
    }
    return p;
  }

  scan(fragment: Fragment, emit: (finding: Finding) => void): number {
    const found = this.matches(fragment);
    for (const m of found) emit(this.findingFor(fragment, m));
    return found.length;
  }

  /**
   * Scans a whole file's text. Formats that put a credential's name and value apart (Postman, notebooks,
   * Kubernetes Secrets, OpenAPI examples...) are scanned through their extracted values (see
   * extract/index.ts); inline ignores of the file still apply to them, by line.
   */
  scanText(file: string, text: string, emit: (finding: Finding) => void): number {
    const extracted = this.options.extract === false ? undefined : extractFragments(file, text);
    if (!extracted) return this.scan({ file, text }, emit);
    let lines: LineIndex | undefined;
    let n = 0;
    for (const fragment of extracted) {
      for (const m of this.matches(fragment)) {
        const f = this.findingFor(fragment, m);
        if (fragment.locate && f.location.kind === 'file') {
          lines ??= new LineIndex(text);
          if (ignoredAt(lines, f.location.startLine - 1)) {
            if (this.options.suppressed) this.options.suppressed.inline++;
            continue;
          }
        }
        emit(f);
        n++;
      }
    }
    return n;
  }

  /**
   * The secrets of a fragment that are to be reported: matches of the rules in effect, less those an
   * inline comment or `secrets.allowValues` leave out (counted in `suppressed`). Sources that need to
   * know more about a match before reporting it (is it still in HEAD?) call this, then `findingFor`.
   */
  matches(fragment: Fragment): SecretMatch[] {
    const { text } = fragment;
    const matches = matchText(text, this.p.rules, { decode: this.options.decode, enabled: this.p.enabled });
    if (matches.length === 0) return matches;
    const lines = new LineIndex(text);
    const kept: SecretMatch[] = [];
    for (const m of matches) {
      if (kept.length >= MAX_FINDINGS_PER_FRAGMENT) break;
      if (this.options.allowValues?.some((re) => re.test(m.secret))) {
        if (this.options.suppressed) this.options.suppressed.config++;
        continue;
      }
      if (ignoredAt(lines, lines.lineOf(m.start))) {
        if (this.options.suppressed) this.options.suppressed.inline++;
        continue;
      }
      kept.push(m);
    }
    this.lastLines = { text, lines };
    return kept;
  }

  private lastLines: { text: string; lines: LineIndex } | undefined;

  /** The finding for a match of `matches(fragment)`. */
  findingFor(fragment: Fragment, m: SecretMatch): Finding {
    const i = this.byId.get(m.ruleId);
    if (i === undefined) throw new Error(`unknown rule "${m.ruleId}"`);
    const lines = this.lastLines?.text === fragment.text ? this.lastLines.lines : new LineIndex(fragment.text);
    return this.finding(fragment, this.p.rules[i], this.p.severity[i], m, lines);
  }

  private finding(fragment: Fragment, rule: SecretRule, severity: Severity | undefined, m: SecretMatch, lines: LineIndex): Finding {
    const region = fragment.locate ? fragment.locate(m.start, m.end) : lines.region(m.start, m.end);
    const git = fragment.git;
    const location = git
      ? {
          kind: 'git' as const,
          file: fragment.file,
          ...region,
          ...(fragment.pointer !== undefined ? { pointer: fragment.pointer } : {}),
          commit: git.commit,
          ...(git.author !== undefined ? { author: git.author } : {}),
          ...(git.date !== undefined ? { date: git.date } : {}),
        }
      : {
          kind: 'file' as const,
          file: fragment.file,
          ...region,
          ...(fragment.pointer !== undefined ? { pointer: fragment.pointer } : {}),
        };
    const secretHash = sha256(m.secret).slice(0, 16);
    this.options.secrets?.set(`${rule.id}\0${secretHash}`, m.secret);
    const meta = secretRuleMeta(rule);
    return {
      ruleId: rule.id,
      stage: 'secrets',
      severity: severity ?? rule.severity,
      confidence: rule.confidence,
      title: rule.title,
      message: messageFor(rule, fragment, (m as EncodedMatch).encoding),
      owasp: meta.owasp,
      cwe: meta.cwe,
      location,
      evidence: { snippet: redact(m.secret), hash: secretHash },
      remediation: rule.remediation,
      fingerprint: fingerprintOf(
        rule.id,
        {
          kind: 'file',
          file: this.projectFile(fragment.file),
          startLine: 0,
          startColumn: 0,
          endLine: 0,
          endColumn: 0,
          pointer: fragment.pointer,
        },
        secretHash,
      ),
    };
  }
}

/** What, where and why, in a developer's words. */
export function messageFor(rule: SecretRule, fragment: Fragment, encoding?: EncodedMatch['encoding']): string {
  const file = fragment.pointer ? `${fragment.file} (at ${fragment.pointer})` : fragment.file;
  const where = encoding ? `${file}, ${ENCODING_WORDS[encoding]}` : file;
  const git = fragment.git;
  if (!git) return `${rule.title} in ${where}: anyone who can read this file can use it ${withWhom(rule)} until it is revoked`;
  const by = [git.author, git.date?.slice(0, 10)].filter(Boolean).join(', ');
  const commit = `commit ${git.commit.slice(0, 12)}${by ? ` (${by})` : ''}`;
  if (git.removedInHead) {
    return `${rule.title} in ${where}, added in ${commit}: removed in HEAD but still in history: rotate it, since anyone with a clone can still read and use it ${withWhom(rule)}`;
  }
  return `${rule.title} in ${where}, added in ${commit}: anyone who can read the repository can use it ${withWhom(rule)} until it is revoked`;
}

export function emptyResult(command: string, started: number): RunResult {
  return {
    tool: { name: 'rampart', version: VERSION },
    command,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    findings: [],
    checks: [],
    diagnostics: [],
    scanned: [],
    skipped: [],
    suppressed: { inline: 0, baseline: 0, config: 0 },
  };
}

export interface SecretsOptions {
  cwd?: string;
  config?: Config;
  /** The config file (its directory anchors `secrets.allowPaths`). */
  configFile?: string;
  /** Fingerprints to leave out (the baseline). */
  baseline?: Set<string>;
  /** Rules to use instead of the registry (tests, embedders). Rules from the config are added to them. */
  rules?: SecretRule[];
  /** Run only these rule ids. */
  only?: string[];
  /** Scan files .gitignore lists too. */
  noIgnore?: boolean;
  /** Files above this size are skipped (default: 10 MB). */
  maxFileBytes?: number;
  /** Standard input, for the input `-`: its text, or its chunks as they arrive (scanned as they come). */
  stdin?: string | AsyncIterable<Buffer | string> | (() => Promise<string | AsyncIterable<Buffer | string>>);
  /**
   * Scan the lines that commits added instead of the files: every ref, or `since` (commits not reachable
   * from that ref), or `branch`. The first input (default: cwd) names the repository.
   */
  history?: boolean | { since?: string; branch?: string };
  /** Scan what is staged instead of the files (a pre-commit hook). The first input names the repository. */
  staged?: boolean;
  /** More fragments to scan (values extracted from collections...), after the files. */
  sources?: { name: string; fragments: AsyncIterable<Fragment> | Iterable<Fragment> }[];
  /** Look inside base64, hex and percent-encoded runs (default: true). */
  decode?: boolean;
  /** Called once per file, for progress displays. */
  onFile?: (file: string, index: number, total: number) => void;
  /**
   * Scanning threads: 0 or 1 scans on the calling thread; default: one per core (up to 2, for memory)
   * when there are more than 32 MB to scan and the rules come from the registry (threads load the
   * registry themselves; rules passed in `rules` cannot be sent to them).
   */
  workers?: number;
  /** Filled in with what was read (benchmarks, --verbose). */
  stats?: ScanStats;
  /**
   * Ask each issuer whether the secrets found are live (see verify.ts): sends each verifiable secret to
   * its provider's API (config `secrets.verify.baseUrls`). Off by default: without it nothing is sent.
   */
  verify?: boolean;
  /** Per-request timeout of `verify` (default: 5 s). */
  verifyTimeoutMs?: number;
}

export interface ScanStats {
  /** Bytes of text scanned. */
  bytes: number;
  /** Fragments scanned (files, commits' files, extracted values). */
  fragments: number;
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Every rule in effect: the registry's (or `options.rules`), plus the config's own, filtered by `only`. */
export async function secretRulesFor(options: Pick<SecretsOptions, 'rules' | 'config' | 'configFile' | 'only'>): Promise<SecretRule[]> {
  const base = options.rules ?? (await loadSecretRules());
  const user = compileUserRules(options.config?.secrets?.rules, options.configFile);
  const all = [...base, ...user];
  return options.only ? all.filter((r) => options.only?.includes(r.id)) : all;
}

/**
 * Scans files, directories and globs (and `-`, standard input) for hard-coded secrets, plus any extra
 * fragment sources (git history...). Never throws on bad input: unreadable inputs are diagnostics,
 * binary and oversized files are listed in `skipped`.
 */
export async function scanSecrets(inputs: string[], options: SecretsOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? {};
  const result = emptyResult('secrets', started);
  const rules = await secretRulesFor(options);
  const allowValues = compileAllowValues(config.secrets?.allowValues, options.configFile);
  const enabled = enabledRules(rules, config);
  result.suppressed.config = 0;
  result.checks = enabled.map(secretRuleMeta);
  const scanner = new FragmentScanner(enabled, {
    cwd,
    config,
    allowValues,
    decode: options.decode,
    suppressed: result.suppressed,
    diagnostics: result.diagnostics,
    // Verification needs the secrets themselves: they stay on this thread, in memory (no scanning threads).
    ...(options.verify ? { secrets: new Map<string, string>() } : {}),
  });
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  const emit = (f: Finding) => {
    // A secret is reported at each place in the working tree, but once for the whole history: at the
    // commit that added it first. History comes newest first, so a later sighting is an older commit.
    const key = `${f.fingerprint}\0${f.location.kind === 'git' ? '' : locationKey(f)}`;
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, findings.length);
      findings.push(f);
    } else if (f.location.kind === 'git') findings[at] = f;
  };

  if (options.history || options.staged) {
    await scanGit(inputs, options, cwd, scanner, emit, result);
    return finish(result, findings, options, started, scanner);
  }

  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // Threads, when the text to scan pays for them (measured: starting them early, while the tree is
  // walked, gained nothing on node_modules and cost small scans 80 ms and 30 MB).
  const wanted = wantedThreads(options, inputs, cwd);
  const startPool = (): ScanPool =>
    new ScanPool(
      {
        cwd,
        root: scanner.root,
        config,
        configFile: options.configFile,
        only: options.only,
        decode: options.decode,
        maxFileBytes: maxBytes,
      },
      wanted - 1,
    );
  let pool: ScanPool | undefined;
  try {
    await scanFiles(inputs, options, cwd, maxBytes, scanner, wanted > 1 ? () => (pool = startPool()) : undefined, emit, result);
  } finally {
    pool?.close();
  }
  if (inputs.includes('-')) {
    const input = typeof options.stdin === 'function' ? await options.stdin() : (options.stdin ?? '');
    for await (const fragment of streamFragments('-', typeof input === 'string' ? [input] : input)) scanner.scan(fragment, emit);
    result.scanned.push('-');
  }
  for (const source of options.sources ?? []) {
    try {
      for await (const fragment of source.fragments) scanner.scan(fragment, emit);
      result.scanned.push(source.name);
    } catch (e) {
      result.diagnostics.push({ level: 'error', message: `${source.name}: ${(e as Error)?.message ?? String(e)}` });
    }
  }
  return finish(result, findings, options, started, scanner);
}

/** Discovers, reads and scans the files of `inputs`, on the pool's threads when it pays off. */
async function scanFiles(
  inputs: string[],
  options: SecretsOptions,
  cwd: string,
  maxBytes: number,
  scanner: FragmentScanner,
  startPool: (() => ScanPool) | undefined,
  emit: (f: Finding) => void,
  result: RunResult,
): Promise<void> {
  const config = options.config ?? {};
  const base = options.configFile ? dirname(options.configFile) : cwd;
  const allowPath = exclusionMatcher(config.secrets?.allowPaths ?? [], base);
  const exclude = exclusionMatcher(config.exclude ?? [], base);
  const { files, missing } = discoverFiles(inputs, { cwd, noIgnore: options.noIgnore });
  for (const m of missing) result.diagnostics.push({ level: 'error', message: `no such file, directory or glob match: ${m}`, file: m });
  const todo = files.filter((f) => {
    if (exclude(f.absPath) || allowPath(f.absPath)) {
      result.skipped.push({ file: f.file, reason: 'excluded by the config (exclude or secrets.allowPaths)' });
      return false;
    }
    return true;
  });

  // Sizes decide the batches and whether threads pay off; oversized files are skipped right here.
  const sized: PoolFile[] = [];
  let total = 0;
  for (const f of todo) {
    let size = 0;
    try {
      size = statSync(f.absPath).size;
    } catch {}
    sized.push({ index: sized.length, absPath: f.absPath, file: f.file, size, explicit: f.explicit });
    total += Math.min(size, maxBytes);
  }
  const outcome: (WorkerFileResult | undefined)[] = new Array(sized.length);
  if (startPool && useThreads(options, total, sized.length)) {
    let done = 0;
    try {
      await startPool().run(
        batchesOf(sized),
        (batch) => batch.files.map((f) => scanFile(scanner, f.index, f.absPath, f.file, maxBytes, f.explicit)),
        (r) => {
          outcome[r.index] = r;
          options.onFile?.(sized[r.index].file, done++, sized.length);
        },
        result.suppressed,
      );
    } catch (e) {
      // A thread died (out of memory, a bug): what it did not report is scanned here instead.
      result.diagnostics.push({
        level: 'warning',
        message: `scanning threads failed (${(e as Error)?.message ?? String(e)}); finishing on one thread`,
      });
    }
  }
  sized.forEach((f, index) => {
    if (outcome[index]) return;
    options.onFile?.(f.file, index, sized.length);
    outcome[index] = scanFile(scanner, index, f.absPath, f.file, maxBytes, f.explicit);
  });
  sized.forEach((f, index) => {
    const r = outcome[index] as WorkerFileResult;
    if (r.bytes === undefined) {
      const reason = r.reason ?? 'not scanned';
      if (todo[index].explicit && !reason.startsWith('binary')) result.diagnostics.push({ level: 'error', message: reason, file: f.file });
      else result.skipped.push({ file: f.file, reason });
      return;
    }
    result.scanned.push(f.file);
    if (options.stats) {
      options.stats.bytes += r.bytes;
      options.stats.fragments++;
    }
    for (const x of r.findings) emit(x);
  });
}

/** Standard input is scanned in pieces of about this size, cut at line breaks: memory stays bounded. */
const STREAM_PIECE = 4 * 1024 * 1024;

/**
 * A stream of text as fragments of about STREAM_PIECE characters, each ending at a line break (a line
 * longer than that is cut), with `locate` giving the line numbers of the whole stream.
 */
export async function* streamFragments(
  file: string,
  chunks: Iterable<Buffer | string> | AsyncIterable<Buffer | string>,
): AsyncGenerator<Fragment> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let lineOffset = 0;
  const piece = (text: string): Fragment => {
    const lines = new LineIndex(text);
    const shift = lineOffset;
    lineOffset += lines.lineCount() - 1;
    return {
      file,
      text,
      locate: (start, end) => {
        const r = lines.region(start, end);
        return { ...r, startLine: r.startLine + shift, endLine: r.endLine + shift };
      },
    };
  };
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    while (pending.length >= STREAM_PIECE) {
      const cut = pending.lastIndexOf('\n', STREAM_PIECE);
      const at = cut > 0 ? cut + 1 : STREAM_PIECE;
      yield piece(pending.slice(0, at));
      pending = pending.slice(at);
    }
  }
  pending += decoder.decode();
  if (pending.length || lineOffset === 0) yield piece(pending);
}

async function finish(
  result: RunResult,
  findings: Finding[],
  options: SecretsOptions,
  started: number,
  scanner: FragmentScanner,
): Promise<RunResult> {
  let kept = findings;
  if (options.baseline) {
    const b = options.baseline;
    kept = findings.filter((f) => !b.has(f.fingerprint));
    result.suppressed.baseline = findings.length - kept.length;
  }
  const secrets = scanner.secrets;
  if (options.verify && secrets) {
    try {
      await verifyFindings(kept, (f) => secrets.get(`${f.ruleId}\0${f.evidence?.hash ?? ''}`), {
        baseUrls: options.config?.secrets?.verify?.baseUrls,
        timeoutMs: options.verifyTimeoutMs,
      });
    } catch (e) {
      result.diagnostics.push({ level: 'warning', message: `--verify: ${(e as Error)?.message ?? String(e)}` });
    } finally {
      secrets.clear();
    }
  }
  result.findings = sortFindings(kept);
  result.durationMs = Date.now() - started;
  return result;
}

/**
 * The parts of a git fragment to scan: the fragment itself, or, when its text is a structured document
 * the extractors understand (a Postman environment added whole by a commit, say), the extracted
 * fragments, their places mapped through the fragment's own `locate` to the commit's version of the file.
 */
function structuredParts(fragment: Fragment, name: string): Fragment[] {
  const extracted = extractFragments(name, fragment.text);
  if (!extracted) return [fragment];
  const lines = new LineIndex(fragment.text);
  const offset = (line: number, column: number) => lines.lineStart(Math.min(line, lines.lineCount()) - 1) + column - 1;
  return extracted.map((e) => ({
    ...e,
    file: fragment.file,
    ...(fragment.git ? { git: fragment.git } : {}),
    locate: (start: number, end: number) => {
      if (!e.locate) return fragment.locate ? fragment.locate(start, end) : lines.region(start, end);
      const r = e.locate(start, end);
      if (!fragment.locate) return r;
      return fragment.locate(offset(r.startLine, r.startColumn), offset(r.endLine, r.endColumn));
    },
  }));
}

/** `--history` / `--staged`: the added lines of commits, or of the index, of the repository holding the first input. */
async function scanGit(
  inputs: string[],
  options: SecretsOptions,
  cwd: string,
  scanner: FragmentScanner,
  emit: (f: Finding) => void,
  result: RunResult,
): Promise<void> {
  const dirInput = inputs.find((i) => i !== '-') ?? '.';
  const repoDir = resolve(cwd, dirInput);
  const top = gitTopLevel(repoDir) ?? repoDir;
  const history = typeof options.history === 'object' ? options.history : {};
  const fragments = options.staged ? stagedFragments(top) : historyFragments(top, history);
  // "Removed" means gone from the tip of what was scanned: the branch when one is named, else HEAD.
  const head = options.staged ? undefined : new HeadIndex(top, history.branch ?? 'HEAD');
  const label = options.staged ? `staged changes in ${toDisplayPath(top, cwd) || '.'}` : `git history of ${toDisplayPath(top, cwd) || '.'}`;
  const allowPath = exclusionMatcher(options.config?.secrets?.allowPaths ?? [], options.configFile ? dirname(options.configFile) : cwd);
  const exclude = exclusionMatcher(options.config?.exclude ?? [], options.configFile ? dirname(options.configFile) : cwd);
  try {
    let n = 0;
    for await (const raw of fragments) {
      const abs = resolve(top, raw.file);
      if (allowPath(abs) || exclude(abs)) continue;
      const fragment: Fragment = { ...raw, file: toDisplayPath(abs, cwd) };
      options.onFile?.(fragment.file, n++, 0);
      for (const part of structuredParts(fragment, raw.file)) {
        for (const m of scanner.matches(part)) {
          let f = part;
          if (head && raw.git) {
            const removedInHead = !(await head.contains(raw.file, m.secret));
            f = { ...part, git: { ...raw.git, removedInHead } };
          }
          emit(scanner.findingFor(f, m));
        }
      }
    }
    result.scanned.push(label);
  } catch (e) {
    result.diagnostics.push({
      level: 'error',
      message: e instanceof GitSourceError ? e.message : `${label}: ${(e as Error)?.message ?? String(e)}`,
    });
  } finally {
    head?.close();
  }
}

/** Reads and scans one file (what a worker does with each file of a batch). */
export function scanFile(
  scanner: FragmentScanner,
  index: number,
  absPath: string,
  file: string,
  maxBytes: number,
  explicit = true,
): WorkerFileResult {
  if (isArchive(absPath)) return scanArchive(scanner, index, absPath, file, maxBytes, explicit);
  const r = readTextFile(absPath, maxBytes, explicit);
  if (!r.ok) return { index, reason: r.reason, findings: [] };
  const findings: Finding[] = [];
  scanner.scanText(file, r.text, (x) => findings.push(x));
  return { index, bytes: r.bytes, findings };
}

/**
 * Scans the text files inside a `.tar.gz` / `.tgz` / `.zip` (bounded, see archive.ts); each finding's file is
 * `archive.tgz!inner/path`. The compressed archive is held to `maxBytes` like any file.
 */
function scanArchive(
  scanner: FragmentScanner,
  index: number,
  absPath: string,
  file: string,
  maxBytes: number,
  explicit: boolean,
): WorkerFileResult {
  let gz: Buffer;
  try {
    const st = explicit ? statSync(absPath) : lstatSync(absPath);
    if (!st.isFile()) return { index, reason: st.isSymbolicLink() ? 'symbolic link (not followed)' : 'not a regular file', findings: [] };
    if (st.size > maxBytes)
      return { index, reason: `archive is larger than the file size limit (raise it with --max-file-size)`, findings: [] };
    gz = readFileSync(absPath);
  } catch (e) {
    return { index, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, findings: [] };
  }
  const a = readArchive(absPath, gz);
  if (!a.ok) return { index, reason: a.reason, findings: [] };
  const findings: Finding[] = [];
  for (const e of a.entries) scanner.scanText(`${file}!${e.name}`, e.text, (x) => findings.push(x));
  return { index, bytes: a.bytes, findings };
}

/**
 * Below this much text, starting threads costs more than it saves: a thread spends about 0.2 s loading
 * the rules and more compiling their patterns (measured: ~0.5 CPU-s, what scanning ~20 MB costs).
 */
const THREADS_FROM_BYTES = 32 * 1024 * 1024;
/**
 * Each thread holds the rules and a file (up to --max-file-size): ~60-130 MB of peak RSS apiece, so the
 * default stays at two (measured: 300-350 MB peak on node_modules); `workers` (--threads) asks for more.
 */
const DEFAULT_MAX_THREADS = 2;

/** How many threads to start for a run (1: none), before the files are known. */
function wantedThreads(options: SecretsOptions, inputs: string[], cwd: string): number {
  // Threads report findings without their secrets: verification needs them here.
  if (options.rules || options.verify) return 1;
  if (options.workers !== undefined) return Math.max(1, Math.min(64, Math.floor(options.workers)));
  // Only a directory or a glob can hold enough text to pay for a thread.
  const big = inputs.some((i) => {
    if (i === '-') return false;
    try {
      return statSync(resolve(cwd, i)).isDirectory();
    } catch {
      return /[*?[{]/.test(i);
    }
  });
  return big ? Math.min(availableParallelism(), DEFAULT_MAX_THREADS) : 1;
}

/** Whether the threads started pay off for this much text (an explicit `workers` always does). */
function useThreads(options: SecretsOptions, bytes: number, files: number): boolean {
  if (options.workers !== undefined) return files > 1;
  return files > 1 && bytes >= THREADS_FROM_BYTES;
}

/** The rules the config leaves on. */
export function enabledRules(rules: readonly SecretRule[], config: Config): SecretRule[] {
  return rules.filter((r) => ruleConfig(config, r.id).enabled);
}

function locationKey(f: Finding): string {
  const l = f.location;
  return l.kind === 'file' || l.kind === 'git' ? `${l.startLine}:${l.startColumn}` : '';
}

/** Families that are kinds of secret rather than issuers: "use it with Generic" would read oddly. */
const NOT_AN_ISSUER = new Set(['Generic', 'Connection string', 'HTTP Basic auth', 'JWT', 'PGP', 'Private key', 'URL']);

/** "with GitHub", or "wherever it is accepted" for secrets that name no issuer. */
function withWhom(rule: SecretRule): string {
  return NOT_AN_ISSUER.has(rule.provider) ? 'wherever it is accepted' : `with ${rule.provider}`;
}
