import type { CheckMeta, RunResult, Severity } from '../../../core/index.ts';
import type { SensitiveKind } from '../sensitive.ts';
import type { DocumentedOperation } from './definitions.ts';

/** One endpoint of the inventory: a method and a path template, with what traffic showed about it. */
export interface InventoryEndpoint {
  method: string;
  /** Path template (`/users/{userId}`), server base path included. */
  path: string;
  /** Where the template came from: the server's route (OTLP), a definition, a user hint, or guessing. */
  templateFrom: 'route' | 'definition' | 'hint' | 'guess';
  hosts: string[];
  count: number;
  /** Requests per status class: `2xx`, `4xx`, ... and `unknown`. */
  status: Record<string, number>;
  /** Requests whose response shows the endpoint exists: any status but 404, 405, 410 and 501 (or none logged). */
  answered: number;
  firstSeen?: string;
  lastSeen?: string;
  /** Requests that carried credentials, and which kinds (`bearer JWT`, `cookie sid`, `query api_key`). */
  credentials: { requests: number; kinds: string[] };
  /** Sensitive data kinds seen in requests (URL, body) and responses (body). */
  sensitive: { request: SensitiveKind[]; response: SensitiveKind[] };
  websocket?: boolean;
  /** The documented operation it matches (same method and template), if any. */
  documented?: { file: string; line: number; column: number; path: string; operationId?: string; deprecated: boolean };
  /** On a host of the definitions' servers (always true without definitions or when they name no host). */
  inScope: boolean;
  /** Input files it was seen in. */
  sources: string[];
  /** One request, redacted, for evidence. */
  sample: { source: string; line: number; url: string; request: string; response?: string; status?: number };
}

/** Statistics of a run, for the summary line and the benchmark. */
export interface InventoryStats {
  /** Exchanges read from all inputs. */
  records: number;
  endpoints: number;
  /** Static assets (images, scripts, styles, fonts, media) left out of the inventory. */
  staticSkipped: number;
  files: number;
}

export interface InventoryResult extends RunResult {
  inventory: InventoryEndpoint[];
  stats: InventoryStats;
  /** Traffic files read (at least in part). */
  trafficFiles: string[];
  /** Definitions loaded. */
  definitionFiles: string[];
  /** The OpenAPI 3.1 draft, when asked for. */
  openapi?: Record<string, unknown>;
}

export interface InventoryReport {
  method: string;
  path: string;
  messageId: string;
  data?: Record<string, unknown>;
  severity?: Severity;
  /** The traffic endpoint (gives the sample request as evidence). */
  endpoint?: InventoryEndpoint;
  /** The documented operation (gives its place in the definition as evidence). */
  operation?: DocumentedOperation;
  /** What makes this finding distinct at its endpoint, for the fingerprint (default: message id). */
  fingerprintKey?: string;
}

export interface InventoryContext {
  endpoints: readonly InventoryEndpoint[];
  /** Operations of the given definitions (empty without --openapi). */
  operations: readonly DocumentedOperation[];
  hasDefinitions: boolean;
  /** Requests that matched a documented operation (0: never seen). */
  seen(op: DocumentedOperation): number;
  /** The endpoints that matched a documented operation. */
  endpointsOf(op: DocumentedOperation): InventoryEndpoint[];
  /** The check's defaultOptions merged with the config's options. */
  options: Record<string, unknown>;
  report(r: InventoryReport): void;
}

/** A run-time check over the endpoint inventory and the definitions. */
export interface InventoryCheck extends CheckMeta {
  stage: 'runtime';
  /** What it judges: here always the inventory (log checks of `rampart logs` judge lines). */
  input: 'inventory';
  /** Only meaningful with definitions (`--openapi`). */
  needsDefinitions: boolean;
  run(ctx: InventoryContext): void;
}

export function defineInventoryCheck(check: Omit<InventoryCheck, 'stage' | 'input'>): InventoryCheck {
  return { ...check, stage: 'runtime', input: 'inventory' };
}
