/**
 * `rampart pre-commit`: what a git pre-commit hook checks, in one process. Secrets in the lines the
 * commit adds (the secrets engine's `staged` mode) and an audit of the API definitions it adds or
 * changes, both read from the git index, side by side, merged into one RunResult (command `pre-commit`)
 * with the baseline applied once, so the exit code is the core policy's.
 *
 * Each engine is loaded only when it has something to read: a commit of source files never loads the
 * design checks, and `--no-secrets` never loads the secret rules (start-up is most of a hook's time).
 */
import { dirname, extname } from 'node:path';
import type { Config, RunResult } from '../../core/index.ts';
import { finishRun, mergeRuns } from '../../core/result.ts';
import { DEFAULT_LIMITS, type Limits } from '../../formats/structured.ts';
import { GitIndex, type StagedFile } from './git-index.ts';

export { GitIndexError } from './git-index.ts';

export interface StagedOptions {
  /** Where the hook runs; the repository is the work tree holding it (default: process.cwd()). */
  cwd?: string;
  config?: Config;
  /** The config file: its directory anchors the config's globs. */
  configFile?: string;
  /** Fingerprints to leave out (the baseline), of either stage. */
  baseline?: Set<string>;
  /** Look for secrets in the staged changes (default: true). */
  secrets?: boolean;
  /** Audit the staged API definitions (default: true). */
  audit?: boolean;
  /** Audit only these staged files (relative to cwd), as the pre-commit framework passes them. */
  paths?: string[];
  /** Definitions larger than this are not read (an error names them). */
  limits?: Partial<Limits>;
  /** Called once per file, for progress displays. */
  onFile?: (file: string, index: number, total: number) => void;
}

/**
 * Extensions of the files `rampart audit` reads as definitions: OpenAPI/AsyncAPI (YAML, JSON) and the
 * other languages' (engines/protocols LANGUAGES). Written out: loading the languages to ask them would
 * load their engines on every commit. test/scan/pre-commit.test.ts holds it to LANGUAGES.
 */
export const DEFINITION_EXTENSIONS: ReadonlySet<string> = new Set([
  '.yaml',
  '.yml',
  '.json',
  '.graphql',
  '.gql',
  '.graphqls',
  '.proto',
  '.wsdl',
  '.xml',
]);

/** Runs the hook's checks on the index of the repository holding `cwd`. Throws GitIndexError outside a work tree. */
export async function scanStaged(options: StagedOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? {};
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const index = await GitIndex.open(cwd, limits.maxFileBytes);
  // Nothing added or changed in the index: nothing to judge and nothing to report (no engine loads).
  const changed = await index.staged();
  if (!changed.length) return finishRun({ ...mergeRuns([]), command: 'pre-commit', started }, options.baseline);

  const runs: Promise<RunResult | undefined>[] = [];
  if (options.secrets !== false) {
    runs.push(
      import('../secrets/engine.ts').then(({ scanSecrets }) =>
        scanSecrets([index.root], { cwd, config, configFile: options.configFile, staged: true, onFile: options.onFile }),
      ),
    );
  }
  if (options.audit !== false)
    runs.push(auditStaged(index, options.paths ? await index.staged(options.paths) : changed, options, cwd, config, limits));
  const parts = mergeRuns((await Promise.all(runs)).filter((r) => r !== undefined));
  return finishRun({ ...parts, command: 'pre-commit', started }, options.baseline);
}

/** The audit of the staged definitions; undefined when the commit touches none. */
async function auditStaged(
  index: GitIndex,
  staged: StagedFile[],
  options: StagedOptions,
  cwd: string,
  config: Config,
  limits: Limits,
): Promise<RunResult | undefined> {
  const { exclusionMatcher } = await import('../secrets/files.ts');
  const excluded = exclusionMatcher(config.exclude ?? [], options.configFile ? dirname(options.configFile) : cwd);
  const candidates = staged.filter((f) => DEFINITION_EXTENSIONS.has(extname(f.path).toLowerCase()) && !excluded(index.absolute(f.path)));
  if (!candidates.length) return undefined;
  const [{ audit }] = await Promise.all([import('../design/engine.ts'), index.prefetch(candidates)]);
  return audit(
    candidates.map((f) => index.absolute(f.path)),
    { cwd, config, limits, read: index.read, onFile: options.onFile },
  );
}
