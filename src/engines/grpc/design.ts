import { sep } from 'node:path';
import {
  type CheckMeta,
  type Diagnostic,
  type Finding,
  fingerprintOf,
  formatMessage,
  ruleConfig,
  type Severity,
  sha256,
} from '../../core/index.ts';
import type { DefinitionInput, DefinitionResult } from '../protocols/types.ts';
import type { Span } from './proto/model.ts';
import { parseProto } from './proto/parse.ts';
import { type LoadedProto, ProtoProject } from './proto/project.ts';
import { ProtoSyntaxError } from './proto/tokenize.ts';

/** A place in a .proto file a design check reports. */
export interface ProtoNode {
  file: LoadedProto;
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

/** A design check of .proto files: metadata plus one function over the audited file and its imports. */
export interface GrpcDesignCheck extends CheckMeta {
  stage: 'design';
  run(ctx: GrpcDesignContext): void;
}

export function defineGrpcDesignCheck(c: GrpcDesignCheck): GrpcDesignCheck {
  return c;
}

/** `~` and `/` escaped as in JSON pointers, so a name never splits a pointer. */
export function seg(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export const META_KEYS = ['id', 'stage', 'title', 'severity', 'confidence', 'owasp', 'cwe', 'messages', 'defaultOptions', 'docs'] as const;

export function metaOf(c: CheckMeta): CheckMeta {
  const out: Record<string, unknown> = {};
  for (const k of META_KEYS) if (c[k] !== undefined) out[k] = c[k];
  return out as unknown as CheckMeta;
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
  for (const check of checks) {
    const rc = ruleConfig(input.config, check.id);
    if (!rc.enabled || (input.rules && !input.rules.includes(check.id))) continue;
    const seen = new Set<string>();
    try {
      check.run({
        project,
        options: { ...check.defaultOptions, ...rc.options },
        report(r) {
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
          findings.push({
            ruleId: check.id,
            stage: 'design',
            severity: rc.severity ?? r.severity ?? check.severity,
            confidence: check.confidence,
            title: check.title,
            message: formatMessage(check.messages[r.messageId] ?? r.messageId, r.data),
            owasp: check.owasp,
            cwe: check.cwe,
            location,
            evidence: r.evidence ? { snippet: r.evidence } : undefined,
            remediation: check.docs.fix,
            fingerprint,
          });
        },
      });
    } catch (e) {
      diagnostics.push({
        level: 'error',
        message: `check failed on this file: ${(e as Error)?.message ?? String(e)}`,
        file: input.file,
        ruleId: check.id,
      });
    }
  }
  return { findings, diagnostics };
}
