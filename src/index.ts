/**
 * Rampart's public library API: everything the `rampart` command does, as functions.
 *
 * ```ts
 * import { audit, exitCodeFor, render } from 'rampart';
 *
 * const result = await audit(['openapi.yaml'], { config: loadConfig(undefined).config });
 * process.stdout.write(render('sarif', result));
 * process.exitCode = exitCodeFor(result, 'high');
 * ```
 */

export { designCheckIds, loadDesignCheck, loadDesignChecks } from './checks/design/registry.ts';
// Probe stage: prove flaws on a running API, and write probe checks of your own.
export { loadProbeCheck, loadProbeChecks, probeCheckIds } from './checks/probe/registry.ts';
// Run-time stage: the endpoint inventory of captured traffic (HAR, access logs, OTLP traces).
export { inventoryCheckIds, loadInventoryChecks, loadRuntimeCheck, runtimeCheckIds } from './checks/runtime/registry.ts';
export { loadSecretRules, secretRuleFamilies } from './checks/secrets/registry.ts';
// The finding model and everything that works on it.
export {
  type BaselineEntry,
  BaselineError,
  type BaselineFile,
  type CheckDocs,
  type CheckMeta,
  CONFIDENCES,
  CONFIG_FILES,
  type Confidence,
  type Config,
  ConfigError,
  type CweId,
  configSchema,
  countBySeverity,
  type Diagnostic,
  type Evidence,
  EXIT,
  exitCodeFor,
  type FailOn,
  type FileLocation,
  type Finding,
  fingerprintOf,
  formatDiagnostic,
  type GitLocation,
  type HttpLocation,
  type LoadConfigOptions,
  type Location,
  type LogLocation,
  loadConfig,
  locationLabel,
  OWASP_API_2023,
  type OwaspId,
  type ProbeConfig,
  type RuleConfig,
  type RuleSetting,
  type RunResult,
  readBaseline,
  readBaselineFile,
  ruleConfig,
  SEVERITIES,
  type Severity,
  type Stage,
  sortFindings,
  type WriteBaselineOptions,
  writeBaseline,
} from './core/index.ts';
// Design stage: audit OpenAPI definitions, and write checks of your own.
export {
  type AuditOptions,
  audit,
  type DesignCheck,
  type DesignContext,
  type DesignVisitors,
  defineDesignCheck,
  type Report,
  type SchemaVisit,
} from './engines/design/index.ts';
export {
  type Canary,
  type CanaryHit,
  type CreatedResource,
  type Credentials,
  DEFAULT_PROBE_OPTIONS,
  defineProbeCheck,
  type Endpoint,
  type Exchange,
  type Identity,
  type IdentityConfig,
  type LoginFlow,
  type ProbeCheck,
  type ProbeContext,
  type ProbeOptions,
  type ProbeProgress,
  type ProbeReport,
  type ProbeRequest,
  type ProbeResponse,
  type ProbeRunOptions,
  probe,
} from './engines/probe/index.ts';
export {
  defineInventoryCheck,
  type InventoryCheck,
  type InventoryContext,
  type InventoryEndpoint,
  type InventoryOptions,
  type InventoryReport,
  type InventoryResult,
  type InventoryStats,
  inventory,
} from './engines/runtime/inventory/index.ts';
// Every stage at once: `rampart scan` and `rampart init`.
export {
  ChangedSinceError,
  discoverProject,
  initConfig,
  type ProjectFiles,
  type ScanOptions,
  type ScanResult,
  type StageProgress,
  type StageReport,
  scan,
} from './engines/scan/index.ts';
// Secrets stage: scan files, git history or fragments of your own for hard-coded credentials.
export {
  type FragmentScanOptions,
  type ScanStats,
  type SecretsOptions,
  scanFragments,
  scanSecrets,
  secretRuleMeta,
} from './engines/secrets/engine.ts';
export { matchText } from './engines/secrets/match.ts';
export { redact } from './engines/secrets/redact.ts';
export type { Fragment, FragmentRegion, SecretMatch, SecretRule, SecretSample } from './engines/secrets/types.ts';
export type { Limits } from './formats/structured.ts';
// Reports.
export { REPORTERS, type RenderOptions, type Reporter, render } from './reporters/index.ts';
// Findings history: what each scan found, what is new, fixed and still open (SQLite under .rampart/).
export {
  DEFAULT_HISTORY_FILE,
  defaultHistoryFile,
  gitContext,
  HistoryError,
  type HistoryStore,
  historyRoot,
  type OpenHistoryOptions,
  openHistory,
  recordScan,
  type ScanContext,
  type ScanDiff,
  type ScanSummary,
  SqliteHistoryStore,
  type SqliteStoreOptions,
  type StoredFinding,
} from './store/index.ts';
export { VERSION } from './version.ts';
