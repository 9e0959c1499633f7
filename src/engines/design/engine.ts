import { dirname } from 'node:path';
import { designCheckIds, loadDesignChecks } from '../../checks/design/registry.ts';
import {
  type CheckMeta,
  type Config,
  checkFailed,
  type Diagnostic,
  type Finding,
  fingerprintOf,
  finishRun,
  formatMessage,
  type RunResult,
  ruleConfig,
  type Severity,
  sha256,
} from '../../core/index.ts';
import { type ApiModel, buildModel, detectVersion } from '../../formats/openapi/model.ts';
import { DocumentSet, type NodeRef } from '../../formats/openapi/refs.ts';
import { getAt, parsePointer } from '../../formats/pointer.ts';
import {
  DEFAULT_LIMITS,
  InputError,
  type Limits,
  parseStructured,
  type ReadFile,
  type Region,
  readInputBytes,
  type StructuredDocument,
} from '../../formats/structured.ts';
import { type DefinitionLanguage, LANGUAGES, languageFor } from '../protocols/index.ts';
import { discover, mightBeOpenApi, projectRoot, toDisplayPath } from './discover.ts';
import type { DesignCheck, DesignVisitors, Report } from './types.ts';
import { SchemaWalker, walkScalars } from './walk.ts';

export interface AuditOptions {
  config?: Config;
  cwd?: string;
  limits?: Partial<Limits>;
  /** Fingerprints to leave out (the baseline). */
  baseline?: Set<string>;
  /** Run only these checks. */
  rules?: string[];
  /** Checks to use instead of the registry (tests). */
  checks?: DesignCheck[];
  /** Called once per input file, for progress displays. */
  onFile?: (file: string, index: number, total: number) => void;
  /**
   * Read files through this instead of the disk (the git index, for a pre-commit hook). The inputs are
   * then absolute file paths, each audited when it is a definition (the caller has applied
   * `config.exclude`: no discovery runs, and a file that is no definition is skipped without an error);
   * `$ref` targets are read through it too.
   */
  read?: ReadFile;
}

const MAX_REPORTS_PER_CHECK = 10_000;

/** Audits OpenAPI definitions found in `inputs` (files, directories, globs). Never throws on bad input. */
export async function audit(inputs: string[], options: AuditOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? {};
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const diagnostics: Diagnostic[] = [];
  const scanned: string[] = [];
  const skipped: RunResult['skipped'] = [];
  const referenced = new Set<string>();
  const suppressed = { inline: 0, baseline: 0, config: 0 };

  const designIds = designCheckIds();
  const all = options.checks ?? (await loadDesignChecks(options.rules?.filter((id) => designIds.includes(id)) ?? designIds));
  const checks = all.filter((c) => ruleConfig(config, c.id).enabled && (!options.rules || options.rules.includes(c.id)));
  suppressed.config = all.length - checks.length;

  const { candidates, missing } = options.read
    ? { candidates: inputs.map((absPath) => ({ absPath, file: toDisplayPath(absPath, cwd), explicit: false })), missing: [] }
    : discover(
        inputs,
        cwd,
        config.exclude,
        LANGUAGES.flatMap((l) => l.extensions),
      );
  const root = projectRoot(cwd);
  const projectPath = (absPath: string) => toDisplayPath(absPath, root);
  for (const m of missing) diagnostics.push({ level: 'error', message: `no such file, directory or glob match: ${m}`, file: m });

  const findings: Finding[] = [];
  const seenFindings = new Set<string>();
  // The checks of the languages that read a file this run: a plain OpenAPI audit lists only its own.
  const usedLanguages = new Set<DefinitionLanguage>();
  let index = -1;
  for (const c of candidates) {
    options.onFile?.(c.file, ++index, candidates.length);
    let doc: StructuredDocument;
    try {
      const raw = readInputBytes(c.absPath, c.file, limits, options.read).toString('utf8');
      // Editors on Windows start files with a byte order mark; the line-anchored version test must not see it.
      const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      // GraphQL SDL, .proto, AsyncAPI, WSDL: their own engines read them.
      const openApi = mightBeOpenApi(text);
      const language = openApi ? undefined : languageFor(c.file, text);
      if (language) {
        usedLanguages.add(language);
        const r = await language.audit({
          absPath: c.absPath,
          file: c.file,
          projectFile: projectPath(c.absPath),
          text,
          config,
          rules: options.rules,
          limits,
        });
        diagnostics.push(...r.diagnostics);
        if (!r.diagnostics.some((d) => d.level === 'error' && d.file === c.file)) scanned.push(c.file);
        for (const f of r.findings) {
          if (seenFindings.has(f.fingerprint)) continue;
          seenFindings.add(f.fingerprint);
          findings.push(f);
        }
        continue;
      }
      if (!openApi) throw new InputError('not an OpenAPI definition (no top-level "openapi" or "swagger" field)', c.file);
      doc = parseStructured(text, c.absPath, c.file, limits);
    } catch (e) {
      const err = e instanceof InputError ? e : new InputError(String(e), c.file);
      const notOpenApi = err.message.startsWith('not an OpenAPI') || err.message.startsWith('binary file');
      if (notOpenApi && !c.explicit) skipped.push({ file: c.file, reason: err.message });
      else diagnostics.push({ level: 'error', message: err.message, file: err.file, line: err.line, column: err.column });
      continue;
    }
    const version = detectVersion(doc.value);
    if (!version) {
      const msg = 'not an OpenAPI 2.0 or 3.x definition (the "openapi" or "swagger" field is missing or has an unknown version)';
      if (c.explicit) diagnostics.push({ level: 'error', message: msg, file: c.file, line: 1, column: 1 });
      else skipped.push({ file: c.file, reason: msg });
      continue;
    }
    // $refs may not leave the repository (or, outside git, the folder) that holds the definition.
    const set = new DocumentSet(doc, limits, cwd, projectRoot(dirname(c.absPath)), options.read);
    let api: ApiModel;
    try {
      api = buildModel(set, { doc, pointer: '', value: doc.value as Record<string, unknown> }, version);
    } catch (e) {
      // Nothing of this file was audited: it is an input error, not a scanned file.
      diagnostics.push({ level: 'error', message: `cannot read the definition's structure: ${(e as Error).message}`, file: c.file });
      continue;
    }
    scanned.push(c.file);
    if (doc.extraDocuments) {
      diagnostics.push({
        level: 'warning',
        message: `only the first of ${doc.extraDocuments + 1} YAML documents in this file was audited`,
        file: c.file,
      });
    }
    try {
      runChecks(
        api,
        checks,
        config,
        (f) => {
          const key = `${f.fingerprint}`;
          if (seenFindings.has(key)) return;
          seenFindings.add(key);
          findings.push(f);
        },
        diagnostics,
        suppressed,
        projectPath,
      );
    } catch (e) {
      // A bug of the engine itself (checks are isolated inside runChecks): lose this file, not the run.
      diagnostics.push({
        level: 'error',
        message: `internal error while auditing this file: ${(e as Error)?.message ?? String(e)}`,
        file: c.file,
      });
    }
    for (const d of set.files()) referenced.add(d.file);
    for (const p of set.problems) {
      const r = p.at.doc.locate(p.at.pointer, 'value');
      diagnostics.push({ level: 'warning', message: p.message, file: p.at.doc.file, line: r?.startLine, column: r?.startColumn });
    }
  }

  // A file that is no definition of its own but a $ref target of one was audited as part of it.
  const reallySkipped = skipped.filter((s) => !referenced.has(s.file));

  return finishRun(
    {
      command: 'audit',
      started,
      findings,
      checks: [
        ...checks.map(metaOf),
        ...(await Promise.all([...usedLanguages].map((l) => l.checks())))
          .flat()
          .filter((c) => ruleConfig(config, c.id).enabled && (!options.rules || options.rules.includes(c.id))),
      ],
      diagnostics,
      scanned,
      skipped: reallySkipped,
      suppressed,
    },
    options.baseline,
  );
}

export function metaOf(c: DesignCheck): CheckMeta {
  const { create: _create, ...meta } = c;
  return meta;
}

type Visitors = { check: DesignCheck; visitors: DesignVisitors };

/** Runs every check over one definition. A check that throws is reported and the others go on. */
function runChecks(
  api: ApiModel,
  checks: DesignCheck[],
  config: Config,
  emit: (f: Finding) => void,
  diagnostics: Diagnostic[],
  suppressed: RunResult['suppressed'],
  projectPath: (absPath: string) => string,
): void {
  const file = api.root.doc.file;
  const failed = new Set<string>();
  const fail = (check: DesignCheck, e: unknown) => {
    if (failed.has(check.id)) return;
    failed.add(check.id);
    diagnostics.push(checkFailed(check.id, e, 'on this file', file));
  };
  const ignoreWarnings = new Set<string>();

  const active: Visitors[] = [];
  for (const check of checks) {
    const rc = ruleConfig(config, check.id);
    const severity: Severity | undefined = rc.severity;
    const options = { ...check.defaultOptions, ...rc.options };
    let count = 0;
    const report = (r: Report) => {
      if (++count > MAX_REPORTS_PER_CHECK) return;
      const template = check.messages[r.messageId];
      if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
      const message = formatMessage(template, r.data);
      const ignored = inlineIgnore(r.node, check.id, diagnostics, ignoreWarnings);
      if (ignored) {
        suppressed.inline++;
        return;
      }
      const region = locateNearest(r.node.doc, r.node.pointer, r.part ?? 'key');
      const location = { kind: 'file' as const, file: r.node.doc.file, pointer: r.node.pointer, ...region };
      emit({
        ruleId: check.id,
        stage: 'design',
        severity: severity ?? r.severity ?? check.severity,
        confidence: check.confidence,
        title: check.title,
        message,
        owasp: check.owasp,
        cwe: check.cwe,
        location,
        evidence: r.evidence ? { snippet: r.evidence } : undefined,
        remediation: check.docs.fix,
        fingerprint: fingerprintOf(
          check.id,
          { ...location, file: projectPath(r.node.doc.absPath) },
          sha256(r.fingerprintKey ?? `${r.messageId}\0${JSON.stringify(r.data ?? {})}`).slice(0, 16),
        ),
      });
    };
    try {
      active.push({ check, visitors: check.create({ api, options, report, resolve: (ref) => api.set.resolve(ref) }) });
    } catch (e) {
      fail(check, e);
    }
  }

  const each = <K extends keyof DesignVisitors>(name: K, ...args: Parameters<NonNullable<DesignVisitors[K]>>) => {
    for (const a of active) {
      const fn = a.visitors[name] as ((...x: unknown[]) => void) | undefined;
      if (!fn || failed.has(a.check.id)) continue;
      try {
        fn.apply(a.visitors, args);
      } catch (e) {
        fail(a.check, e);
      }
    }
  };

  each('document', api);
  for (const s of api.servers) each('server', s);
  for (const s of api.securitySchemes.values()) each('securityScheme', s);
  const wantsSchemas = active.some((a) => a.visitors.schema);
  const walker = new SchemaWalker(api.set, (v) => each('schema', v));
  const visitOp = (op: ApiModel['operations'][number]) => {
    each('operation', op);
    for (const p of op.parameters) each('parameter', p, op);
    if (wantsSchemas) walker.operation(op);
    for (const cb of op.callbacks) visitOp(cb);
  };
  for (const op of api.operations) visitOp(op);
  if (active.some((a) => a.visitors.scalar)) {
    // The list grows while we walk: files only reachable through $refs in unused components are
    // loaded on the way and walked too.
    for (let i = 0, files = api.set.files(); i < files.length; i++, files = api.set.files()) {
      const doc = files[i];
      walkScalars(doc, (key, value, pointer, inExample) => {
        if (key === '$ref' && typeof value === 'string') api.set.loadRefTarget(doc, value);
        each('scalar', { doc, key, value, pointer, inExample });
      });
    }
  }
  each('done');
}

/**
 * The region of `pointer`, or of its nearest ancestor present in the text: nodes that come from YAML
 * merge keys (`<<: *base`) have no text of their own at the pointer where the data shows them.
 */
function locateNearest(doc: StructuredDocument, pointer: string, part: 'key' | 'value'): Region {
  let p = pointer;
  for (;;) {
    const r = doc.locate(p, part);
    if (r) return r;
    if (p === '') return { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/**
 * `x-rampart-ignore: [{ rule, reason }]` on the reported node or any node above it in the same file
 * suppresses the finding. A reason is required, so every exception is explained in review.
 */
function inlineIgnore(node: NodeRef, ruleId: string, diagnostics: Diagnostic[], warned: Set<string>): boolean {
  const segs = parsePointer(node.pointer);
  let cur: unknown = node.doc.value;
  for (let i = 0; i <= segs.length; i++) {
    if (cur && typeof cur === 'object' && !Array.isArray(cur) && 'x-rampart-ignore' in cur) {
      const list = (cur as Record<string, unknown>)['x-rampart-ignore'];
      const entries = Array.isArray(list) ? list : [list];
      for (let k = 0; k < entries.length; k++) {
        const e = entries[k] as { rule?: unknown; reason?: unknown } | null;
        const rule = typeof e === 'string' ? e : e?.rule;
        if (rule !== ruleId && rule !== '*') continue;
        const reason = typeof e === 'object' && e !== null ? e.reason : undefined;
        if (typeof reason === 'string' && reason.trim()) return true;
        const at = `/${segs.slice(0, i).join('/')}`;
        const key = `${node.doc.file}#${at}#${k}`;
        if (!warned.has(key)) {
          warned.add(key);
          const pointer = `${
            segs.length && i
              ? `/${segs
                  .slice(0, i)
                  .map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1'))
                  .join('/')}`
              : ''
          }/x-rampart-ignore`;
          const r = node.doc.locate(pointer);
          diagnostics.push({
            level: 'warning',
            message: `x-rampart-ignore for "${ruleId}" has no reason and is not applied: add reason: "why this is acceptable"`,
            file: node.doc.file,
            line: r?.startLine,
            column: r?.startColumn,
          });
        }
      }
    }
    if (i < segs.length) cur = getAt(cur, [segs[i]]);
  }
  return false;
}
