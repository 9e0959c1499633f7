import type { CheckMeta, Severity } from '../../core/index.ts';
import type { ApiModel, Operation, Parameter, SecurityScheme, Server } from '../../formats/openapi/model.ts';
import type { NodeRef } from '../../formats/openapi/refs.ts';

export type Obj = Record<string, unknown>;

/** One schema as the engine meets it while walking what an operation sends or returns. */
export interface SchemaVisit {
  /** The schema itself ($ref already followed): report here to point at its definition. */
  ref: NodeRef<Obj>;
  schema: Obj;
  /** request: the client sends it (body or parameter); response: the API returns it. */
  direction: 'request' | 'response';
  /** The first operation that reached this schema in this direction. */
  operation: Operation;
  /** Set for a request parameter's schema. */
  parameter?: Parameter;
  /** Response status code, for response schemas. */
  status?: string;
  mediaType?: string;
  /** Name of the property this schema describes (array items keep their array's name). */
  propertyName?: string;
  /** Property names from the body root, e.g. `['user', 'role']`. */
  propertyPath: string[];
  parent?: SchemaVisit;
  readOnly: boolean;
  writeOnly: boolean;
}

/** A scalar anywhere in a loaded file (for checks that read raw values, like secrets in examples). */
export interface ScalarVisit {
  doc: NodeRef['doc'];
  key: string;
  value: string | number | boolean;
  pointer(): string;
  /** Inside `example`, `examples`, `default` or an `x-` extension. */
  inExample: boolean;
}

export interface DesignVisitors {
  document?(api: ApiModel): void;
  operation?(op: Operation): void;
  parameter?(param: Parameter, op: Operation): void;
  schema?(visit: SchemaVisit): void;
  securityScheme?(scheme: SecurityScheme): void;
  server?(server: Server): void;
  scalar?(visit: ScalarVisit): void;
  /** After everything was visited: for checks that compare across operations. */
  done?(): void;
}

export interface Report {
  node: NodeRef;
  messageId: string;
  data?: Record<string, unknown>;
  /** Highlight the key (default) or the value of the node. */
  part?: 'key' | 'value';
  /** Overrides the check's default severity for this finding (e.g. write vs read operations). */
  severity?: Severity;
  /** A short excerpt shown as evidence (never a full secret). */
  evidence?: string;
  /**
   * What makes this finding distinct at its node, for the fingerprint. Defaults to the message id and
   * data; set it when the data holds counts or examples that change as the API grows, so baselines
   * keep matching.
   */
  fingerprintKey?: string;
}

export interface DesignContext {
  api: ApiModel;
  /** The check's defaultOptions merged with the config's options. */
  options: Record<string, unknown>;
  report(r: Report): void;
  /** Follow `$ref`s (undefined if unresolvable). */
  resolve<T = unknown>(ref: NodeRef | undefined): NodeRef<T> | undefined;
}

/** A design-time check: metadata plus a function that returns visitors, as in ESLint. */
export interface DesignCheck extends CheckMeta {
  stage: 'design';
  create(ctx: DesignContext): DesignVisitors;
}

export function defineDesignCheck(check: Omit<DesignCheck, 'stage'>): DesignCheck {
  return { ...check, stage: 'design' };
}
