import type { CheckMeta } from '../../core/index.ts';
import type { Canary, Exchange } from '../probe/types.ts';
import type { SoapReportBase } from './finding.ts';
import type { Wsdl, WsdlBinding, WsdlEndpoint, WsdlOperation } from './wsdl.ts';
import type { XmlElement } from './xml.ts';

/**
 * The contract between the SOAP engine and its checks: design checks read a parsed WSDL and report
 * elements (the engine turns them into file:line:col); probe checks send SOAP requests to the WSDL's
 * endpoints and report with the exchanges as proof.
 */

export interface WsdlReport extends SoapReportBase {
  element: XmlElement;
}

export interface WsdlContext {
  wsdl: Wsdl;
  options: Record<string, unknown>;
  report(r: WsdlReport): void;
}

export interface WsdlCheck extends CheckMeta {
  stage: 'design';
  check(ctx: WsdlContext): void;
}

export function defineWsdlCheck(check: Omit<WsdlCheck, 'stage'>): WsdlCheck {
  return { ...check, stage: 'design' };
}

/** An operation as the probe calls it. */
export interface SoapOperation {
  name: string;
  /** The SOAPAction (1.1) or action parameter (1.2) the binding declares. */
  action?: string;
  style: 'document' | 'rpc';
  input: NonNullable<WsdlOperation['input']>;
  outputLocal?: string;
}

/** One endpoint of the WSDL in scope, with what the probe needs to call it. */
export interface SoapTarget {
  endpoint: WsdlEndpoint;
  binding: WsdlBinding;
  url: URL;
  soapVersion: '1.1' | '1.2';
  operations: SoapOperation[];
}

export interface SoapCall {
  /** The operation whose SOAPAction is sent (default: none). */
  action?: string;
  /** The whole request body (an envelope, or deliberately broken XML). */
  body: string;
}

export interface SoapProbeReport extends SoapReportBase {
  target: SoapTarget;
  exchanges: Exchange[];
  /** GET for the `?wsdl` check; POST otherwise. */
  method?: string;
}

export interface SoapProbeContext {
  wsdl: Wsdl;
  targets: SoapTarget[];
  options: Record<string, unknown>;
  /** POSTs a SOAP request to the target; undefined when it could not be sent (budget, stopped). */
  call(target: SoapTarget, call: SoapCall): Promise<Exchange | undefined>;
  /** GETs a path with query on the target's origin. */
  get(target: SoapTarget, pathAndQuery: string): Promise<Exchange | undefined>;
  canary: Canary;
  signal: AbortSignal;
  report(r: SoapProbeReport): void;
}

export interface SoapProbeCheck extends CheckMeta {
  stage: 'probe';
  run(ctx: SoapProbeContext): Promise<void>;
}

export function defineSoapProbeCheck(check: Omit<SoapProbeCheck, 'stage'>): SoapProbeCheck {
  return { ...check, stage: 'probe' };
}
