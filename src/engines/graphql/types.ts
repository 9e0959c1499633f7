import type { CheckMeta } from '../../core/index.ts';
import type { ProbeCheck, ProbeContext } from '../probe/types.ts';
import type { GqlSchema, Place } from './model.ts';
import type { GqlSession } from './session.ts';

/** What a design check reports: a node of the schema and a message. The engine makes the finding. */
export interface GqlReport {
  node: Place;
  messageId: string;
  data?: Record<string, unknown>;
  /** The schema coordinate (`User.password`, `Query.user(id:)`): shown, and part of the fingerprint. */
  coordinate: string;
  severity?: CheckMeta['severity'];
}

/** A check of a GraphQL schema (SDL or introspection JSON). */
export interface GraphqlDesignCheck extends CheckMeta {
  stage: 'design';
  check(schema: GqlSchema, options: Record<string, unknown>, report: (r: GqlReport) => void): void;
}

export function defineGraphqlDesignCheck(check: Omit<GraphqlDesignCheck, 'stage'>): GraphqlDesignCheck {
  return { ...check, stage: 'design' };
}

/** A live check's context: the probe engine's, plus the run's GraphQL session (endpoint, schema). */
export interface GqlContext extends ProbeContext {
  gql: GqlSession;
}

/** Live GraphQL checks are probe checks the probe engine runs against one endpoint. */
export interface GraphqlProbeCheck extends Omit<ProbeCheck, 'run'> {
  run?(ctx: GqlContext): Promise<void>;
}

export function defineGraphqlProbeCheck(check: Omit<GraphqlProbeCheck, 'stage'>): GraphqlProbeCheck {
  return { ...check, stage: 'probe' };
}
