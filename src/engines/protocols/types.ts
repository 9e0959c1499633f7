/**
 * Extension points for APIs beyond REST (GraphQL, gRPC, WebSockets, SOAP). Each protocol lives in
 * src/engines/<protocol>/ with its checks in src/checks/<protocol>/<id>/, and plugs into the stages
 * that already exist: `rampart audit` reads its definition language, `rampart probe --<flag>` probes
 * a live endpoint. Findings, baselines and reporters are the shared ones.
 */
import type { CheckMeta, Config, Diagnostic, Finding, RunResult } from '../../core/index.ts';
import type { Limits } from '../../formats/structured.ts';
import type { IdentityConfig, ProbeOptions } from '../probe/types.ts';

/** One file handed to a definition language by `rampart audit`. */
export interface DefinitionInput {
  absPath: string;
  /** As shown to the user (relative to the working directory). */
  file: string;
  /** Relative to the project root: use it in fingerprints so baselines match from any directory. */
  projectFile: string;
  /** The file's text, byte order mark removed. */
  text: string;
  config: Config;
  /** Run only these checks (ids of any stage; ignore the ones that are not yours). */
  rules?: string[];
  limits: Limits;
}

export interface DefinitionResult {
  findings: Finding[];
  /** Bad input: one diagnostic naming file, line and column; never a stack trace. */
  diagnostics: Diagnostic[];
}

/** A definition language other than OpenAPI that `rampart audit` reads. */
export interface DefinitionLanguage {
  /** Shown in messages, e.g. `GraphQL SDL`. */
  name: string;
  /** Extensions (lower case, no dot) a directory walk picks up, e.g. `['graphql', 'gql']`. */
  extensions: string[];
  /**
   * Whether this language reads the file. Called for every candidate, including `.json`/`.yaml`/`.xml`
   * files other languages read too (introspection JSON, AsyncAPI YAML, WSDL): keep it a cheap test.
   */
  claims(file: string, text: string): boolean;
  /** Its checks' metadata (stage `design`): for `rampart rules`, config validation and reports. */
  checks(): Promise<CheckMeta[]>;
  /** Audits one file. Never throws. */
  audit(input: DefinitionInput): Promise<DefinitionResult>;
}

export interface ProtocolProbeProgress {
  sent: number;
  budget: number;
  what: string;
}

export interface ProtocolProbeOptions {
  /** As the user gave it: a URL (GraphQL, WebSocket), HOST:PORT (gRPC), a file or URL (WSDL). */
  target: string;
  /** `--target URL` when given: the only origin the probe may contact (a WSDL's addresses elsewhere are refused). */
  scope?: string;
  /** gRPC: .proto files (when the server has no reflection). */
  proto?: string[];
  config: Config;
  cwd: string;
  /** Run only these checks (ids of any stage; ignore the ones that are not yours). */
  rules?: string[];
  baseline?: Set<string>;
  /** The config's `probe.identities`. */
  identities: IdentityConfig[];
  /** Limits from flags and config: rate, concurrency, budget, timeoutMs. */
  run: Partial<ProbeOptions>;
  onProgress?(p: ProtocolProbeProgress): void;
}

/** `rampart probe --<flag> TARGET`: probes one live endpoint of a protocol. */
export interface ProtocolProbe {
  flag: 'graphql' | 'grpc' | 'websocket' | 'wsdl';
  /** Its checks' metadata (stage `probe`). */
  checks(): Promise<CheckMeta[]>;
  /**
   * Probes the target. Never throws: an unreachable target is an error diagnostic and `scanned` stays
   * empty; what was reached goes in `scanned` (the CLI exits 2 when nothing was).
   */
  probe(opts: ProtocolProbeOptions): Promise<RunResult>;
}
