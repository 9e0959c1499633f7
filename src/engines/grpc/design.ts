import { sep } from 'node:path';
import {
  type CheckMeta,
  checkFailed,
  type Diagnostic,
  type Evidence,
  type Finding,
  fingerprintOf,
  formatMessage,
  type Location,
  ruleConfig,
  type Severity,
  sha256,
} from '../../core/index.ts';
import { InputError, parseStructured, type StructuredDocument } from '../../formats/structured.ts';
import type { DefinitionInput, DefinitionResult } from '../protocols/types.ts';
import type { Span } from './proto/model.ts';
import { parseProto } from './proto/parse.ts';
import { type LoadedProto, ProtoProject } from './proto/project.ts';
import { ProtoSyntaxError } from './proto/tokenize.ts';

/** The file a finding is in: as shown to the user, and relative to the project root (fingerprints). */
export interface NodeFile {
  proto: { file: string };
  projectFile: string;
}

/** A place in a .proto file (or a service configuration) a design check reports. */
export interface ProtoNode {
  file: NodeFile;
  span: Span;
  /** A logical path (`/messages/shop.v1.User/fields/password`): fingerprints survive edits that move lines. */
  pointer: string;
}

export interface GrpcReport {
  node: ProtoNode;
  messageId: string;
  data?: Record<string, unknown>;
  severity?: Severity;
  /** A short excerpt for the evidence (the offending declaration). */
  evidence?: string;
}

export interface GrpcDesignContext {
  project: ProtoProject;
  options: Record<string, unknown>;
  report(r: GrpcReport): void;
}

export interface ServiceConfigContext {
  /** A Google API service configuration (`type: google.api.Service`), parsed with positions. */
  doc: StructuredDocument;
  file: NodeFile;
  options: Record<string, unknown>;
  report(r: GrpcReport): void;
}

/** A design check of .proto files: metadata plus one function over the audited file and its imports. */
export interface GrpcDesignCheck extends CheckMeta {
  stage: 'design';
  run(ctx: GrpcDesignContext): void;
  /** Checks that also read service configurations (which APIs a deployment serves). */
  serviceConfig?(ctx: ServiceConfigContext): void;
}

export function defineGrpcDesignCheck(c: GrpcDesignCheck): GrpcDesignCheck {
  return c;
}

function rootOf(input: DefinitionInput): string {
  const abs = input.absPath.split(sep).join('/');
  return abs.endsWith(`/${input.projectFile}`)
    ? input.absPath.slice(0, abs.length - input.projectFile.length - 1)
    : input.absPath.slice(0, abs.lastIndexOf('/'));
}

/** Audits one .proto file with the given checks. Never throws. */
export function auditProto(input: DefinitionInput, checks: GrpcDesignCheck[]): DefinitionResult {
  const diagnostics: Diagnostic[] = [];
  const findings: Finding[] = [];
  let main: LoadedProto;
  try {
    main = { proto: parseProto(input.text, input.file), absPath: input.absPath, projectFile: input.projectFile };
  } catch (e) {
    const err = e as Error;
    const pos = e instanceof ProtoSyntaxError ? { line: e.line, column: e.column } : {};
    diagnostics.push({ level: 'error', message: `not a valid .proto file: ${err.message}`, file: input.file, ...pos });
    return { findings, diagnostics };
  }
  const project = new ProtoProject(main, rootOf(input), input.limits.maxFileBytes);
  runChecks(input, checks, diagnostics, findings, (check, options, report) => check.run({ project, options, report }));
  return { findings, diagnostics };
}

/** A finding of a gRPC check (design or probe): the check's metadata, the report's message and severity. */
export function findingOf(
  check: CheckMeta,
  severity: Severity,
  r: { messageId: string; data?: Record<string, unknown> },
  location: Location,
  fingerprint: string,
  evidence: Evidence | undefined,
): Finding {
  return {
    ruleId: check.id,
    stage: check.stage,
    severity,
    confidence: check.confidence,
    title: check.title,
    message: formatMessage(check.messages[r.messageId] ?? r.messageId, r.data),
    owasp: check.owasp,
    cwe: check.cwe,
    location,
    evidence,
    remediation: check.docs.fix,
    fingerprint,
  };
}

type Runner = (check: GrpcDesignCheck, options: Record<string, unknown>, report: (r: GrpcReport) => void) => void;

/** Runs the enabled checks on one input, building findings from their reports; a failing check is a diagnostic. */
export function runChecks(
  input: DefinitionInput,
  checks: GrpcDesignCheck[],
  diagnostics: Diagnostic[],
  findings: Finding[],
  run: Runner,
): void {
  for (const check of checks) {
    const rc = ruleConfig(input.config, check.id);
    if (!rc.enabled || (input.rules && !input.rules.includes(check.id))) continue;
    const seen = new Set<string>();
    try {
      run(check, { ...check.defaultOptions, ...rc.options }, (r) => {
        const location = {
          kind: 'file' as const,
          file: r.node.file.proto.file,
          startLine: r.node.span.line,
          startColumn: r.node.span.column,
          endLine: r.node.span.endLine,
          endColumn: r.node.span.endColumn,
          pointer: r.node.pointer,
        };
        const fingerprint = fingerprintOf(check.id, { ...location, file: r.node.file.projectFile }, sha256(r.messageId));
        if (seen.has(fingerprint)) return;
        seen.add(fingerprint);
        const evidence = r.evidence ? { snippet: r.evidence } : undefined;
        findings.push(findingOf(check, rc.severity ?? r.severity ?? check.severity, r, location, fingerprint, evidence));
      });
    } catch (e) {
      diagnostics.push(checkFailed(check.id, e, 'on this file', input.file));
    }
  }
}

/** Audits a service configuration with the checks that read one. Never throws. */
export function auditServiceConfig(input: DefinitionInput, checks: GrpcDesignCheck[]): DefinitionResult {
  const diagnostics: Diagnostic[] = [];
  const findings: Finding[] = [];
  let doc: StructuredDocument;
  try {
    doc = parseStructured(input.text, input.absPath, input.file, input.limits);
  } catch (e) {
    const err = e instanceof InputError ? e : new InputError(String(e), input.file);
    diagnostics.push({ level: 'error', message: err.message, file: input.file, line: err.line, column: err.column });
    return { findings, diagnostics };
  }
  const file: NodeFile = { proto: { file: input.file }, projectFile: input.projectFile };
  runChecks(input, checks, diagnostics, findings, (check, options, report) => check.serviceConfig?.({ doc, file, options, report }));
  return { findings, diagnostics };
}
