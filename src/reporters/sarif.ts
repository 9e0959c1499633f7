import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import {
  type Confidence,
  cweUrl,
  type Diagnostic,
  type Finding,
  isCweId,
  isOwaspId,
  type Location,
  OWASP_API_2023,
  OWASP_IDS,
  owaspUrl,
  type RunResult,
  type Severity,
} from '../core/index.ts';
import type { RenderOptions } from './index.ts';
import { compareBySeverity, parseHttpText, type RuleInfo, rulesOf } from './shared.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where users learn about the tool (SARIF `tool.driver.informationUri`). */
export const RAMPART_URI = 'https://github.com/rampart-security/rampart';
/** Key of Rampart's own fingerprint in `result.partialFingerprints`. */
export const FINGERPRINT_KEY = 'rampartFingerprint/v1';
/** `uriBaseId` of relative artifact locations: the directory Rampart ran in. */
export const SRCROOT = '%SRCROOT%';

/** GitHub code scanning reads `security-severity` (0.0 to 10.0) to show critical/high/medium/low. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

const LEVEL: Record<Severity, Sarif.Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

const OWASP_TAXONOMY = 'OWASP API Security Top 10';
const CWE_TAXONOMY = 'CWE';

/**
 * SARIF 2.1.0 for GitHub code scanning, Azure DevOps and IDE viewers: one run, every check that ran as a
 * rule (help text, OWASP and CWE tags, GitHub's `security-severity`), the OWASP API Top 10 (2023) and the
 * CWEs used as taxonomies the rules relate to, one result per finding with Rampart's stable fingerprint,
 * and tool problems as execution notifications. Deterministic: the same RunResult gives the same bytes.
 *
 * `options.cwd`, when given, is recorded as `originalUriBaseIds[%SRCROOT%]`, the base of relative paths.
 */
export function renderSarif(result: RunResult, options: RenderOptions = {}): string {
  return `${JSON.stringify(buildSarif(result, options), null, 2)}\n`;
}

export function buildSarif(result: RunResult, options: RenderOptions = {}): Sarif.Log {
  const rules = rulesOf(result);
  const ruleIds = [...rules.keys()];
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));

  const cwes = new Set<string>();
  for (const r of rules.values()) for (const c of r.cwe) if (isCweId(c)) cwes.add(c);
  for (const f of result.findings) for (const c of f.cwe) if (isCweId(c)) cwes.add(c);
  const cweIds = [...cwes].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const cweIndex = new Map(cweIds.map((id, i) => [id, i]));

  const taxonomies: Sarif.ToolComponent[] = [owaspTaxonomy()];
  if (cweIds.length) taxonomies.push(cweTaxonomy(cweIds));
  const owaspRef: Sarif.ToolComponentReference = { name: OWASP_TAXONOMY, index: 0, guid: guid(`taxonomy:${OWASP_TAXONOMY}`) };
  const cweRef: Sarif.ToolComponentReference = { name: CWE_TAXONOMY, index: 1, guid: guid(`taxonomy:${CWE_TAXONOMY}`) };

  const relationships = (rule: RuleInfo): Sarif.ReportingDescriptorRelationship[] => {
    const rels: Sarif.ReportingDescriptorRelationship[] = [];
    for (const o of rule.owasp) {
      if (!isOwaspId(o)) continue;
      rels.push({ target: { id: o, index: OWASP_IDS.indexOf(o), guid: guid(`taxon:${o}`), toolComponent: owaspRef }, kinds: ['superset'] });
    }
    for (const c of rule.cwe) {
      const index = cweIndex.get(c);
      if (index === undefined) continue;
      rels.push({ target: { id: c, index, guid: guid(`taxon:${c}`), toolComponent: cweRef }, kinds: ['superset'] });
    }
    return rels;
  };

  const driverRules: Sarif.ReportingDescriptor[] = [...rules.values()].map((rule) => {
    const rels = relationships(rule);
    const descriptor: Sarif.ReportingDescriptor = {
      id: rule.id,
      name: pascalCase(rule.id),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.docs.description || rule.title },
      help: help(rule),
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: {
        tags: tagsOf(rule.owasp, rule.cwe),
        'security-severity': SECURITY_SEVERITY[rule.severity],
        precision: PRECISION[rule.confidence],
        severity: rule.severity,
        stage: rule.stage,
      },
    };
    const helpUri = helpUriOf(rule);
    if (helpUri) descriptor.helpUri = helpUri;
    if (rels.length) descriptor.relationships = rels;
    return descriptor;
  });

  const results: Sarif.Result[] = [...result.findings].sort(compareBySeverity).map((f) => {
    const r: Sarif.Result = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [locationOf(f.location)],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      properties: resultProperties(f),
    };
    if (f.location.kind === 'http' && f.evidence) webExchange(r, f);
    return r;
  });

  const notifications = result.diagnostics.map((d) => notification(d, ruleIndex));
  const startMs = Date.parse(result.startedAt);
  const invocation: Sarif.Invocation = {
    executionSuccessful: !result.diagnostics.some((d) => d.level === 'error'),
    ...(Number.isFinite(startMs)
      ? { startTimeUtc: new Date(startMs).toISOString(), endTimeUtc: new Date(startMs + Math.max(0, result.durationMs)).toISOString() }
      : {}),
    properties: {
      command: result.command,
      scannedFiles: result.scanned.length,
      skippedFiles: result.skipped.map((s) => ({ file: s.file, reason: s.reason })),
      suppressed: { ...result.suppressed },
    },
  };
  if (notifications.length) invocation.toolExecutionNotifications = notifications;

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: result.tool.name,
        version: result.tool.version,
        semanticVersion: result.tool.version,
        informationUri: RAMPART_URI,
        rules: driverRules,
        supportedTaxonomies: [owaspRef, ...(cweIds.length ? [cweRef] : [])],
      },
    },
    invocations: [invocation],
    taxonomies,
    results,
    columnKind: 'utf16CodeUnits',
  };
  if (options.cwd) run.originalUriBaseIds = { [SRCROOT]: { uri: directoryUri(options.cwd) } };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

function owaspTaxonomy(): Sarif.ToolComponent {
  return {
    name: OWASP_TAXONOMY,
    guid: guid(`taxonomy:${OWASP_TAXONOMY}`),
    version: '2023',
    organization: 'OWASP',
    informationUri: 'https://owasp.org/API-Security/editions/2023/en/0x11-t10/',
    shortDescription: { text: 'OWASP Top 10 API Security Risks – 2023' },
    isComprehensive: true,
    taxa: OWASP_IDS.map((id) => ({
      id,
      guid: guid(`taxon:${id}`),
      name: pascalCase(OWASP_API_2023[id].name),
      shortDescription: { text: `${id} ${OWASP_API_2023[id].name}` },
      helpUri: owaspUrl(id),
    })),
  };
}

function cweTaxonomy(ids: string[]): Sarif.ToolComponent {
  return {
    name: CWE_TAXONOMY,
    guid: guid(`taxonomy:${CWE_TAXONOMY}`),
    organization: 'MITRE',
    informationUri: 'https://cwe.mitre.org/',
    shortDescription: { text: 'The MITRE Common Weakness Enumeration' },
    isComprehensive: false,
    taxa: ids.map((id) => ({
      id,
      guid: guid(`taxon:${id}`),
      shortDescription: { text: id },
      helpUri: cweUrl(id as `CWE-${number}`),
    })),
  };
}

function help(rule: RuleInfo): Sarif.MultiformatMessageString {
  const { attack, fix } = rule.docs;
  const refs = [
    ...rule.owasp.filter(isOwaspId).map((o) => ({ text: `${o} ${OWASP_API_2023[o].name}`, url: owaspUrl(o) })),
    ...rule.cwe.filter(isCweId).map((c) => ({ text: c, url: cweUrl(c) })),
  ];
  const text: string[] = [];
  const md: string[] = [];
  if (attack) {
    text.push(`Why it matters: ${attack}`);
    md.push(`**Why it matters.** ${attack}`);
  }
  if (fix) {
    text.push(`How to fix: ${fix}`);
    md.push(`**How to fix.** ${fix}`);
  }
  if (refs.length) {
    text.push(`References: ${refs.map((r) => `${r.text} (${r.url})`).join(', ')}`);
    md.push(`**References.** ${refs.map((r) => `[${r.text}](${r.url})`).join(', ')}`);
  }
  if (!text.length) text.push(rule.title);
  return { text: text.join('\n\n'), markdown: (md.length ? md : [rule.title]).join('\n\n') };
}

function helpUriOf(rule: RuleInfo): string | undefined {
  const own = (rule as RuleInfo & { helpUri?: unknown }).helpUri;
  if (typeof own === 'string' && /^https?:\/\//.test(own)) return own;
  const o = rule.owasp.find(isOwaspId);
  return o ? owaspUrl(o) : undefined;
}

/**
 * SARIF's own objects for the HTTP proof of a probe finding, parsed from the evidence text (which is
 * already redacted, so no credential reaches the log).
 */
function webExchange(r: Sarif.Result, f: Finding): void {
  const ev = f.evidence;
  if (!ev) return;
  const headersOf = (h: [string, string][]) => {
    const out: Record<string, string> = {};
    for (const [k, v] of h) out[k] = k in out ? `${out[k]}, ${v}` : v;
    return out;
  };
  if (ev.request) {
    const m = parseHttpText(ev.request);
    const [method, target, protocol] = m.startLine.split(' ');
    const [proto, version] = (protocol ?? 'HTTP/1.1').split('/');
    const host = m.headers.find(([k]) => k.toLowerCase() === 'host')?.[1];
    let url = target ?? '';
    if (f.location.kind === 'http' && f.location.url && host) {
      try {
        url = new URL(url, new URL(f.location.url).origin).href;
      } catch {}
    }
    const req: Sarif.WebRequest = { protocol: proto, version, target: url, method, headers: headersOf(m.headers) };
    if (m.body !== undefined) req.body = { text: m.body };
    r.webRequest = req;
  }
  if (ev.response && /^HTTP\//.test(ev.response)) {
    const m = parseHttpText(ev.response);
    const [protocol, code, ...reason] = m.startLine.split(' ');
    const [proto, version] = (protocol ?? 'HTTP/1.1').split('/');
    const res: Sarif.WebResponse = { protocol: proto, version, statusCode: Number(code), headers: headersOf(m.headers) };
    if (reason.length) res.reasonPhrase = reason.join(' ');
    if (m.body !== undefined) res.body = { text: m.body };
    r.webResponse = res;
  } else if (ev.response) {
    r.webResponse = { noResponseReceived: true };
  }
  const props = r.properties ?? {};
  if (ev.curl) props.curl = ev.curl;
  if (ev.identities?.length) props.identities = ev.identities;
  r.properties = props;
}

function tagsOf(owasp: string[], cwe: string[]): string[] {
  const tags = ['security', ...owasp];
  for (const c of cwe) {
    tags.push(c);
    if (isCweId(c)) tags.push(`external/cwe/cwe-${c.slice(4)}`);
  }
  return [...new Set(tags)];
}

function resultProperties(f: Finding): Sarif.PropertyBag {
  const p: Sarif.PropertyBag = {
    severity: f.severity,
    confidence: f.confidence,
    owasp: f.owasp,
    cwe: f.cwe,
    'security-severity': SECURITY_SEVERITY[f.severity],
  };
  if (f.evidence?.snippet) p.evidence = f.evidence.snippet;
  if (f.evidence?.hash) p.evidenceHash = f.evidence.hash;
  if (f.location.kind === 'git') {
    p.commit = f.location.commit;
    if (f.location.date) p.commitDate = f.location.date;
  }
  if (f.location.kind === 'http' && f.location.url) p.url = f.location.url;
  return p;
}

function locationOf(loc: Location): Sarif.Location {
  switch (loc.kind) {
    case 'file':
    case 'git': {
      const out: Sarif.Location = {
        physicalLocation: {
          artifactLocation: artifactOf(loc.file),
          region: region(loc.startLine, loc.startColumn, loc.endLine, loc.endColumn),
        },
      };
      if (loc.pointer) out.logicalLocations = [{ name: pointerName(loc.pointer), fullyQualifiedName: loc.pointer, kind: 'object' }];
      return out;
    }
    case 'http': {
      const name = `${loc.method.toUpperCase()} ${loc.path}`;
      return { logicalLocations: [{ name, fullyQualifiedName: name, kind: 'function' }] };
    }
    case 'log':
      return { physicalLocation: { artifactLocation: artifactOf(loc.source), region: { startLine: Math.max(1, loc.line) } } };
  }
}

function region(startLine: number, startColumn: number, endLine: number, endColumn: number): Sarif.Region {
  const sl = Math.max(1, startLine);
  const sc = Math.max(1, startColumn);
  let el = Math.max(sl, endLine);
  let ec = Math.max(1, endColumn);
  if (el === sl && ec < sc) {
    el = sl;
    ec = sc;
  }
  return { startLine: sl, startColumn: sc, endLine: el, endColumn: ec };
}

/** Last segment of a JSON pointer, unescaped: `get` for `/paths/~1users/get`. */
function pointerName(pointer: string): string {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  return last.replace(/~1/g, '/').replace(/~0/g, '~') || pointer;
}

const WINDOWS_ABSOLUTE = /^[A-Za-z]:[\\/]/;

/** Relative paths stay relative to %SRCROOT% (percent-encoded); absolute paths become file URIs. */
export function artifactOf(file: string): Sarif.ArtifactLocation {
  if (file.startsWith('/') || WINDOWS_ABSOLUTE.test(file)) {
    return { uri: WINDOWS_ABSOLUTE.test(file) ? `file:///${encodePath(file.replace(/\\/g, '/'))}` : pathToFileURL(file).href };
  }
  return { uri: encodePath(file.replace(/\\/g, '/')), uriBaseId: SRCROOT };
}

function encodePath(p: string): string {
  return p
    .split('/')
    .map((seg, i) => (i === 0 && /^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg)))
    .join('/');
}

function directoryUri(dir: string): string {
  const href = WINDOWS_ABSOLUTE.test(dir) ? `file:///${encodePath(dir.replace(/\\/g, '/'))}` : pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function notification(d: Diagnostic, ruleIndex: Map<string, number>): Sarif.Notification {
  const n: Sarif.Notification = { level: d.level, message: { text: d.message } };
  if (d.file) {
    const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: artifactOf(d.file) };
    if (d.line && d.line > 0)
      physicalLocation.region = { startLine: d.line, ...(d.column && d.column > 0 ? { startColumn: d.column } : {}) };
    n.locations = [{ physicalLocation }];
  }
  if (d.ruleId) {
    const index = ruleIndex.get(d.ruleId);
    n.associatedRule = index === undefined ? { id: d.ruleId } : { id: d.ruleId, index };
  }
  return n;
}

/** `HttpBasicAuth` for `http-basic-auth`. */
function pascalCase(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** A stable GUID (UUID version 5 layout) derived from a name, so output is deterministic. */
export function guid(name: string): string {
  const h = createHash('sha1').update(`rampart:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
