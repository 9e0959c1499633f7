/**
 * `rampart scan`: every stage that applies to a project, side by side, as one run. Each stage is the
 * engine its own command runs (audit, secrets, probe, inventory, logs, protocol probes); scan decides
 * what applies, runs them in parallel, merges their results into one RunResult (command `scan`) and
 * applies the baseline and `--changed-since` once, so the exit code is the core policy's.
 */
import { dirname, resolve } from 'node:path';
import { loadSecretRules } from '../../checks/secrets/registry.ts';
import type { Config, Diagnostic, RunResult } from '../../core/index.ts';
import { ruleConfig } from '../../core/index.ts';
import { finishRun, mergeRuns } from '../../core/result.ts';
import { toDisplayPath } from '../design/discover.ts';
import { audit } from '../design/engine.ts';
import { probe } from '../probe/engine.ts';
import type { IdentityConfig, ProbeOptions } from '../probe/types.ts';
import { PROTOCOL_PROBES } from '../protocols/index.ts';
import { inventory } from '../runtime/inventory/engine.ts';
import { attackOptionsFrom } from '../runtime/logs/checks.ts';
import { fileInput, scanLogs } from '../runtime/logs/engine.ts';
import { scanSecrets } from '../secrets/engine.ts';
import { ChangedSinceError, changedFiles } from './changed.ts';
import { discoverProject, expandGlobs, fileKind, head, type ProjectFiles } from './discover.ts';
import { type Recorded, recordScan } from './history.ts';

export interface ScanOptions {
  /** The project directory (default: cwd). */
  dir?: string;
  /** Paths in findings and messages are shown relative to it (default: process.cwd()). */
  cwd?: string;
  config?: Config;
  /** The config file: its directory anchors the config's globs and paths. */
  configFile?: string;
  /** The running API to probe; wins over the config's `target`. */
  target?: string;
  /** The OpenAPI definition to probe from; wins over the config's `target.openapi`. */
  openapi?: string;
  /** Also scan git history for secrets (config: `scan.gitHistory`). */
  gitHistory?: boolean;
  /**
   * Report only findings in files changed since this git ref (and, for history, commits since it).
   * Live findings (probe, logs, traffic) are kept.
   */
  changedSince?: string;
  /** Fingerprints to leave out (the baseline). */
  baseline?: Set<string>;
  /** Probe limits; each field wins over the config's `probe` section. */
  run?: Partial<ProbeOptions>;
  /** Record the scan in the findings history (default: false; the CLI records unless --no-record). */
  record?: boolean | { file?: string };
  onProgress?: (p: StageProgress) => void;
}

export interface StageProgress {
  stage: string;
  /** Files read or requests sent so far, and the total when known (0: unknown). */
  done: number;
  total: number;
  /** What `done` counts. */
  unit: 'files' | 'commits' | 'requests';
  finished?: boolean;
}

/** What one stage did, for the summary. */
export interface StageReport {
  stage: string;
  /** What it read: `3 definitions`, `http://127.0.0.1:8080/`... */
  what: string;
  findings: number;
  durationMs: number;
  /** The stage threw: its message (the run goes on without it). */
  failed?: string;
}

export interface ScanResult extends RunResult {
  stages: StageReport[];
  /** Set when the scan was recorded in the findings history. */
  recorded?: Recorded;
  /** Findings left out because their file did not change since `changedSince`. */
  unchanged?: number;
}

interface Stage {
  name: string;
  what: string;
  unit: StageProgress['unit'];
  /** What it read, once it ran (default: `what`). */
  describe?(r: RunResult): string;
  run(progress: (done: number, total: number) => void): Promise<RunResult>;
}

/**
 * Scans a project: every stage that applies, in parallel, one result. Never throws on bad input, except
 * ChangedSinceError for a `changedSince` git cannot answer.
 */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, options.dir ?? '.');
  const config = options.config ?? {};
  const base = options.configFile ? dirname(options.configFile) : dir;
  const diagnostics: Diagnostic[] = [];
  const project = discoverProject(dir, config, options.configFile);

  let changed: Set<string> | undefined;
  if (options.changedSince !== undefined) {
    if (!project.gitRoot)
      throw new ChangedSinceError(`--changed-since needs a git work tree, and ${toDisplayPath(dir, cwd)} is not in one`);
    changed = changedFiles(project.gitRoot, options.changedSince);
  }

  const stages = planStages(project, options, config, base, cwd, diagnostics);
  const reports: StageReport[] = [];
  // Every stage is announced before any runs, so a progress display knows how many there are.
  for (const s of stages) options.onProgress?.({ stage: s.name, done: 0, total: 0, unit: s.unit });
  const results = await Promise.all(
    stages.map(async (s) => {
      const t0 = Date.now();
      const report: StageReport = { stage: s.name, what: s.what, findings: 0, durationMs: 0 };
      reports.push(report);
      try {
        const r = await s.run((done, total) => options.onProgress?.({ stage: s.name, done, total, unit: s.unit }));
        report.findings = r.findings.length;
        if (s.describe) report.what = s.describe(r);
        return r;
      } catch (e) {
        // One failing stage is a diagnostic; the others' findings stand.
        report.failed = (e instanceof Error ? e.message : String(e)).split('\n')[0];
        diagnostics.push({ level: 'error', message: `the ${s.name} stage failed: ${report.failed}` });
        return undefined;
      } finally {
        report.durationMs = Date.now() - t0;
        options.onProgress?.({ stage: s.name, done: 0, total: 0, unit: s.unit, finished: true });
      }
    }),
  );

  const merged = mergeRuns(results.filter((r) => r !== undefined));
  const findings = merged.findings;
  const kept = changed ? findings.filter((f) => f.location.kind !== 'file' || changed.has(resolve(cwd, f.location.file))) : findings;
  const result: ScanResult = {
    ...finishRun(
      { ...merged, command: 'scan', started, findings: kept, diagnostics: [...diagnostics, ...merged.diagnostics] },
      options.baseline,
    ),
    // Pushed before each stage's first await: in plan order.
    stages: reports,
  };
  if (changed) result.unchanged = findings.length - kept.length;

  // A partial scan (--changed-since) would make every finding outside the diff look fixed.
  if (options.record && !changed) {
    const file = typeof options.record === 'object' ? options.record.file : undefined;
    try {
      result.recorded = await recordScan(result, project.gitRoot ?? dir, file);
      result.history = result.recorded.history;
    } catch (e) {
      result.diagnostics.push({ level: 'warning', message: `the scan was not recorded in the findings history: ${(e as Error).message}` });
    }
  }
  return result;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The stages that apply to this project and these options, in display order. */
function planStages(
  project: ProjectFiles,
  options: ScanOptions,
  config: Config,
  base: string,
  cwd: string,
  diagnostics: Diagnostic[],
): Stage[] {
  const stages: Stage[] = [];
  const configured = expandGlobs(config.definitions, base);
  for (const m of configured.missing) diagnostics.push({ level: 'warning', message: `definitions: ${m} matches no file` });
  // Globs such as api/** also match schema fragments that definitions $ref: those are audited through them.
  const kinds = new Map(configured.files.map((f) => [f, fileKind(f)]));
  const definitions = config.definitions
    ? configured.files.filter((f) => {
        const k = kinds.get(f);
        return k === 'openapi' || typeof k === 'object';
      })
    : [...project.openapi, ...project.otherDefinitions.map((d) => d.file)];
  const openapi = config.definitions ? configured.files.filter((f) => kinds.get(f) === 'openapi') : project.openapi;

  if (definitions.length) {
    stages.push({
      name: 'audit',
      unit: 'files',
      what: plural(definitions.length, 'definition'),
      run: (progress) => audit(definitions, { config, cwd, onFile: (_f, i, n) => progress(i + 1, n) }),
    });
  }

  stages.push({
    name: 'secrets',
    unit: 'files',
    what: 'files',
    describe: (r) => plural(r.scanned.length, 'file'),
    run: (progress) =>
      scanSecrets([project.dir], { cwd, config, configFile: options.configFile, onFile: (_f, i, n) => progress(i + 1, n) }),
  });
  if (options.gitHistory ?? config.scan?.gitHistory) {
    if (!project.gitRoot) diagnostics.push({ level: 'warning', message: `git history: ${project.dir} is not in a git work tree` });
    else {
      stages.push({
        name: 'git history',
        unit: 'commits',
        what: options.changedSince ? `commits since ${options.changedSince}` : 'every commit',
        run: (progress) =>
          scanSecrets([project.gitRoot as string], {
            cwd,
            config,
            configFile: options.configFile,
            history: { since: options.changedSince },
            onFile: (_f, i) => progress(i + 1, 0),
          }),
      });
    }
  }

  const target = probeTarget(project, options, config, base, cwd, openapi, diagnostics);
  if (target) {
    stages.push({
      name: 'probe',
      unit: 'requests',
      what: target.url,
      run: (progress) =>
        probe({
          ...target,
          target: target.url,
          config,
          cwd,
          run: options.run,
          onProgress: (p) => progress(p.sent, p.budget),
        }),
    });
  }

  for (const [flag, given] of Object.entries(config.targets ?? {})) {
    if (flag === 'proto' || typeof given !== 'string') continue;
    const protocol = PROTOCOL_PROBES.find((p) => p.flag === flag);
    if (!protocol) {
      diagnostics.push({ level: 'warning', message: `targets.${flag}: this version of Rampart has no ${flag} probe; skipped` });
      continue;
    }
    const isFile = flag === 'wsdl' && !/^https?:\/\//.test(given);
    stages.push({
      name: flag,
      unit: 'requests',
      what: given,
      run: (progress) =>
        protocol.probe({
          target: isFile ? resolve(base, given) : given,
          proto: flag === 'grpc' ? config.targets?.proto?.map((p) => resolve(base, p)) : undefined,
          config,
          cwd,
          identities: (config.probe?.identities as IdentityConfig[] | undefined) ?? [],
          run: options.run ?? {},
          onProgress: (p) => progress(p.sent, p.budget),
        }),
    });
  }

  const traffic = expandGlobs(config.traffic, base);
  for (const m of traffic.missing) diagnostics.push({ level: 'warning', message: `traffic: ${m} matches no file` });
  if (traffic.files.length) {
    const kinds = trafficKinds(traffic.files);
    stages.push({
      name: 'inventory',
      unit: 'files',
      what: plural(traffic.files.length, 'traffic file'),
      run: async (progress) => {
        const {
          inventory: _i,
          openapi: _o,
          trafficFiles: _t,
          definitionFiles: _d,
          stats: _s,
          ...r
        } = await inventory({
          ...kinds,
          openapi: target?.openapi ? [target.openapi] : openapi,
          config,
          cwd,
          onFile: (_f, i, n) => progress(i + 1, n),
        });
        return r;
      },
    });
  }

  const logs = expandGlobs(config.logs, base);
  for (const m of logs.missing) diagnostics.push({ level: 'warning', message: `logs: ${m} matches no file` });
  if (logs.files.length) {
    stages.push({
      name: 'logs',
      unit: 'files',
      what: plural(logs.files.length, 'log file'),
      run: async (progress) => {
        const { stats: _s, ...r } = await scanLogs(
          logs.files.map((f) => fileInput(f, toDisplayPath(f, cwd))),
          {
            secretRules: await loadSecretRules(),
            config,
            attackOptions: attackOptionsFrom((id) => ruleConfig(config, id).options),
            onSource: (_f, i, n) => progress(i + 1, n),
          },
        );
        return r;
      },
    });
  }
  return stages;
}

/**
 * HAR by extension; OTLP/JSON by its `resourceSpans` in the first bytes (or a name saying otlp, trace or
 * span); anything else is an access log.
 */
export function trafficKinds(files: string[]): { har: string[]; otlp: string[]; accessLog: string[] } {
  const out = { har: [] as string[], otlp: [] as string[], accessLog: [] as string[] };
  for (const f of files) {
    if (/\.har$/i.test(f)) out.har.push(f);
    else if (/\.jsonl?$/i.test(f) && (/otlp|trace|span/i.test(f) || /"resourceSpans"/.test(head(f, 4096)))) out.otlp.push(f);
    else out.accessLog.push(f);
  }
  return out;
}

interface ProbeTarget {
  url: string;
  openapi?: string;
  postman?: string;
  environment?: string;
  har?: string;
}

/**
 * The running API and the description to probe it from: --target/--openapi, else the config's
 * `target`, else the one OpenAPI definition (or Postman collection) of the project.
 */
function probeTarget(
  project: ProjectFiles,
  options: ScanOptions,
  config: Config,
  base: string,
  cwd: string,
  openapi: string[],
  diagnostics: Diagnostic[],
): ProbeTarget | undefined {
  const fromConfig = typeof config.target === 'string' ? { url: config.target } : config.target;
  const url = options.target ?? fromConfig?.url;
  if (!url) return undefined;
  if (options.openapi) return { url, openapi: resolve(cwd, options.openapi) };
  if (fromConfig?.openapi || fromConfig?.postman || fromConfig?.har) {
    const at = (p?: string) => (p ? resolve(base, p) : undefined);
    return {
      url,
      openapi: at(fromConfig.openapi),
      postman: at(fromConfig.postman),
      environment: at(fromConfig.environment),
      har: at(fromConfig.har),
    };
  }
  if (openapi.length === 1) return { url, openapi: openapi[0] };
  if (openapi.length === 0 && project.collections.length === 1) {
    return { url, postman: project.collections[0], environment: project.environments.length === 1 ? project.environments[0] : undefined };
  }
  const list = (openapi.length ? openapi : project.collections).map((f) => toDisplayPath(f, cwd));
  diagnostics.push({
    level: 'error',
    message: list.length
      ? `probe: ${list.length} API descriptions found (${list.slice(0, 5).join(', ')}${list.length > 5 ? ', ...' : ''}): name the one of ${url} with --openapi FILE or target.openapi in the config`
      : `probe: no OpenAPI definition or Postman collection of ${url} found: give one with --openapi FILE or target.openapi in the config`,
  });
  return undefined;
}
