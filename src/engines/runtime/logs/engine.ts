/**
 * `rampart logs`: streams log lines from files or stdin, reports sensitive data written into them (one
 * finding per kind and source, with a count and the first lines), attack signals from access-log lines,
 * and can write every line back with sensitive values masked (`--redact`), same lines in the same order.
 */

import type { CheckMeta, Config, Diagnostic, Finding, RunResult, Severity } from '../../../core/index.ts';
import { fingerprintOf, finishRun, ruleConfig, sha256 } from '../../../core/index.ts';
import { AccessLogParser } from '../../../formats/traffic/access-log.ts';
import { detached, fileChunks } from '../../../formats/traffic/source.ts';
import { TrafficError } from '../../../formats/traffic/types.ts';
import type { SecretRule } from '../../secrets/types.ts';
import { NATIONAL_ID_LABELS } from '../national-ids.ts';
import { SENSITIVE_LABELS } from '../sensitive.ts';
import { AttackDetector, type AttackHit, type AttackKind, type AttackOptions } from './attacks.ts';
import { type TextBatch, textBatches } from './batches.ts';
import { type BatchBodyHit, batchBodyInjections } from './bodies.ts';
import { LOG_CHECKS, type LogCheckId, ruleForAttack, ruleForData } from './checks.ts';
import { detectBatch, type LogDataKind, type LogMatch, redactLine } from './detect.ts';
import { type Answer, DetectWorker } from './detect-thread.ts';
import type { LiveCounts } from './live.ts';
import type { DetectWorkerSetup } from './worker.ts';

export interface LogInput {
  /** As shown in findings: a relative path, or `-` for stdin. */
  source: string;
  chunks: AsyncIterable<Buffer | string>;
  /**
   * The absolute path, when `chunks` are that whole file's bytes: the detecting thread then reads the
   * file itself instead of receiving its text.
   */
  file?: string;
}

export interface LogsOptions {
  /** Secret rules of `rampart secrets` (default: none; the CLI passes loadSecretRules()). */
  secretRules?: readonly SecretRule[];
  /**
   * Instead of `secretRules`, with a detecting thread that loads them itself: how to load them here,
   * called only if this thread has to detect a batch after all (one the other thread could not read).
   */
  loadSecretRules?: () => Promise<readonly SecretRule[]>;
  /** Called with every line, masked, in order (`--redact`). */
  onRedactedLine?: (line: string) => void;
  /**
   * Called with each batch of lines, masked, joined by `\n` (no final newline), in order: instead of
   * onRedactedLine, one call per batch (a batch with nothing to mask is handed over as it was read).
   * The scan waits for a promise it returns (output backpressure).
   */
  onRedactedText?: (text: string) => void | Promise<void>;
  /** Look for attack signals in access-log lines (default: true). */
  attacks?: boolean;
  attackOptions?: Partial<AttackOptions>;
  config?: Config;
  baseline?: Set<string>;
  /** How many line numbers a finding lists (default 5). */
  sampleLines?: number;
  onSource?: (source: string, index: number, total: number) => void;
  /**
   * Detect in a worker thread that loads all secret rules itself (the CLI on large inputs): its setup,
   * or the thread already started (it loads its rules while the caller loads its own).
   */
  worker?: DetectWorkerSetup | DetectWorker;
  /** Called after each batch of lines (the CLI's live view reads `scanner.live()`). */
  onProgress?: (scanner: LogScanner) => void;
  /** Start that thread only once this many lines were read (stdin, whose size is not known; default 0). */
  workerAfterLines?: number;
}

export interface LogsStats {
  lines: number;
  /** Lines that held at least one sensitive value. */
  sensitiveLines: number;
  /** Lines read as access-log requests. */
  requests: number;
  sources: number;
}

/** A run's result plus what the logs held (for the CLI's summary line). */
export interface LogsResult extends RunResult {
  stats: LogsStats;
}

interface Group {
  ruleId: LogCheckId;
  source: string;
  /** Data kind, secret rule id or attack kind + client key. */
  what: string;
  count: number;
  lines: number[];
  shown: string[];
  confidence: Finding['confidence'];
  detail: string;
}

const CONF_RANK = { low: 1, medium: 2, high: 3 } as const;

/**
 * The state of a scan: scanLogs feeds it batches (`begin`, `batch` or `accessBatch` + `apply`), then asks
 * for `result()`; the CLI's live view reads `live()`.
 */
export class LogScanner {
  readonly stats: LogsStats = { lines: 0, sensitiveLines: 0, requests: 0, sources: 0 };
  readonly diagnostics: Diagnostic[] = [];
  private groups = new Map<string, Group>();
  private opts: LogsOptions;
  private secretRules: readonly SecretRule[] = [];
  private enabled: Uint8Array | undefined;
  private rulesLoading: Promise<void> | undefined;
  private dataOff: Set<string>;
  private sample: number;
  private started = Date.now();
  private source = '';
  private parser: AccessLogParser | undefined;
  private pending: { line: string; no: number }[] = [];
  private detector: AttackDetector | undefined;
  private scanned: string[] = [];
  /**
   * Attack hits held back while batches wait for the other thread: they are recorded with their batch's
   * answer (bodies found there), in the order a scan on one thread records them.
   */
  private held: AttackHit[] | undefined;

  constructor(opts: LogsOptions = {}) {
    this.opts = opts;
    this.setRules(opts.secretRules ?? []);
    const config = opts.config;
    this.dataOff = new Set(LOG_CHECKS.filter((c) => config && !ruleConfig(config, c.id).enabled).map((c) => c.id));
    this.sample = opts.sampleLines ?? 5;
  }

  /** Starts a new source (file or stdin): line numbers and access-log detection restart. */
  begin(source: string): void {
    this.end();
    this.source = source;
    this.stats.sources++;
    this.scanned.push(source);
    // The attack windows keep nothing of a record but copies: each line is read into the same one.
    this.parser = this.opts.attacks === false ? undefined : new AccessLogParser(source, { reuse: true });
    this.detector = this.opts.attacks === false ? undefined : new AttackDetector(this.opts.attackOptions);
    this.pending = [];
  }

  /**
   * Scans lines numbered from `first`; returns them masked (the same array when nothing was found).
   * The batch is scanned as one text: the secret rules' prefilter runs once, not once per line.
   * `text`, when the caller has it, is `lines.join('\n')`.
   */
  batch(lines: string[], first: number, text?: string): string[] {
    const found = this.detect(lines, text);
    this.accessBatch(lines, first, text);
    return this.apply(lines, first, found);
  }

  private setRules(rules: readonly SecretRule[]): void {
    const config = this.opts.config;
    this.secretRules = rules;
    this.enabled = config ? Uint8Array.from(rules, (r) => (ruleConfig(config, r.id).enabled ? 1 : 0)) : undefined;
  }

  /** The secret rules `loadSecretRules` gives, loaded (once) before this thread detects. */
  async rulesLoaded(): Promise<void> {
    const load = this.opts.loadSecretRules;
    if (load === undefined || this.secretRules.length) return;
    this.rulesLoading ??= load().then((rules) => this.setRules(rules));
    await this.rulesLoading;
  }

  /** The matches of each line of a batch (undefined: none), found on this thread. */
  detect(lines: readonly string[], text?: string): (LogMatch[] | undefined)[] {
    return detectBatch(lines, { secretRules: this.secretRules, enabled: this.enabled }, text);
  }

  /**
   * Attack signals of a batch: access-log requests, and (`bodies`: unless the other thread looks for
   * them) injection payloads in logged bodies.
   */
  accessBatch(lines: readonly string[], first: number, text?: string, bodies = true): void {
    if (this.parser) for (let i = 0; i < lines.length; i++) this.access(lines[i], first + i);
    if (this.opts.attacks === false || !bodies) return;
    this.addBodies(batchBodyInjections(lines, text ?? lines.join('\n')), first);
  }

  /** Attack hits from now on are held (heldAttacks hands them over) until `hold` is false again. */
  holdAttacks(hold: boolean): void {
    this.held = hold ? [] : undefined;
  }

  /** The attack hits held since the last call. */
  heldAttacks(): AttackHit[] {
    const held = this.held ?? [];
    if (this.held) this.held = [];
    return held;
  }

  /** Records attack hits held back, then the body hits the other thread found in the same batch. */
  addHeld(hits: readonly AttackHit[], bodies: readonly BatchBodyHit[], first: number): void {
    for (const h of hits) this.addAttack(h.kind, h.key, h.line, h.detail);
    if (this.opts.attacks !== false) this.addBodies(bodies, first);
  }

  private addBodies(bodies: readonly BatchBodyHit[], first: number): void {
    for (const h of bodies) this.addAttack(h.kind, h.key, first + h.index, `body: ${h.excerpt}`);
  }

  /** Records a batch's matches (from detectBatch, here or in a worker); returns the lines masked. */
  apply(lines: string[], first: number, found: readonly (LogMatch[] | undefined)[]): string[] {
    this.record(first, found);
    let out = lines;
    for (let i = 0; i < lines.length; i++) {
      const matches = found[i];
      if (!matches?.length) continue;
      if (out === lines) out = lines.slice();
      out[i] = redactLine(lines[i], matches);
    }
    return out;
  }

  /** Records a batch's matches without masking its lines (nothing is written back). */
  record(first: number, found: readonly (LogMatch[] | undefined)[]): void {
    this.stats.lines += found.length;
    for (let i = 0; i < found.length; i++) {
      const matches = found[i];
      if (!matches?.length) continue;
      this.stats.sensitiveLines++;
      for (const m of matches) this.addData(m, first + i);
    }
  }

  private access(text: string, no: number): void {
    if (this.parser === undefined) return;
    if (this.parser.format === undefined) {
      // Detect the access-log format on the first 20 non-empty lines, then replay them.
      if (text.trim()) this.pending.push({ line: text, no });
      if (this.pending.length >= 20) this.detectFormat();
    } else this.request(text, no);
  }

  private detectFormat(): void {
    const p = this.parser;
    if (!p) return;
    const pending = this.pending;
    this.pending = [];
    if (!pending.length) return;
    const f = p.detect(pending.map((x) => x.line));
    if (!f) {
      this.parser = undefined;
      return;
    }
    for (const x of pending) this.request(x.line, x.no);
  }

  private request(text: string, no: number): void {
    const p = this.parser as AccessLogParser;
    let r: ReturnType<AccessLogParser['parse']>;
    try {
      r = p.parse(text, no);
    } catch {
      return;
    }
    if (!r || !this.detector) return;
    this.stats.requests++;
    const d = this.detector;
    d.add(r);
    if (d.hits.length) this.drainHits();
  }

  private drainHits(): void {
    const d = this.detector as AttackDetector;
    if (this.held) this.held.push(...d.hits);
    else for (const h of d.hits) this.addAttack(h.kind, h.key, h.line, h.detail);
    d.hits.length = 0;
  }

  private addData(m: LogMatch, no: number): void {
    const ruleId = ruleForData(m.kind);
    if (this.dataOff.has(ruleId)) return;
    const what = m.kind === 'secret' ? `secret:${m.ruleId}` : m.kind;
    this.group(ruleId, what, no, m.shown, m.confidence, m.kind === 'secret' ? (m.ruleId as string) : labelOf(m.kind));
  }

  private addAttack(kind: AttackKind, key: string, no: number, detail: string): void {
    const ruleId = ruleForAttack(kind);
    if (this.dataOff.has(ruleId)) return;
    this.group(ruleId, `${kind}\0${key}`, no, detail, kind === 'error-spike' || kind === 'scanner' ? 'high' : 'medium', key);
  }

  private group(ruleId: LogCheckId, what: string, no: number, shown: string, confidence: Finding['confidence'], detail: string): void {
    const k = `${ruleId}\0${this.source}\0${what}`;
    let g = this.groups.get(k);
    if (!g) {
      g = { ruleId, source: this.source, what: detached(what), count: 0, lines: [], shown: [], confidence, detail: detached(detail) };
      this.groups.set(k, g);
    }
    g.count++;
    if (CONF_RANK[confidence] > CONF_RANK[g.confidence]) g.confidence = confidence;
    if (g.lines.length < this.sample && g.lines[g.lines.length - 1] !== no) {
      g.lines.push(no);
      if (g.shown.length < 3 && !g.shown.includes(shown)) g.shown.push(detached(shown));
    }
  }

  /** Ends the current source (flushes format detection and the attack windows). */
  end(): void {
    if (!this.source) return;
    if (this.parser && this.parser.format === undefined) this.detectFormat();
    if (this.detector) {
      this.detector.finish();
      this.drainHits();
    }
    this.source = '';
  }

  /** What the live view shows: lines so far and occurrences by check. */
  live(): LiveCounts {
    const byCheck = new Map<string, number>();
    for (const g of this.groups.values()) byCheck.set(g.ruleId, (byCheck.get(g.ruleId) ?? 0) + g.count);
    return { lines: this.stats.lines, requests: this.stats.requests, elapsedMs: Date.now() - this.started, byCheck };
  }

  result(): LogsResult {
    this.end();
    const findings: Finding[] = [];
    for (const g of this.groups.values()) findings.push(toFinding(g, this.opts.config));
    const suppressed = { inline: 0, baseline: 0, config: 0 };
    const parts = {
      command: 'logs',
      started: this.started,
      findings,
      checks: LOG_CHECKS,
      diagnostics: this.diagnostics,
      scanned: this.scanned,
      skipped: [],
      suppressed,
    };
    return {
      ...finishRun(parts, this.opts.baseline),
      stats: this.stats,
    };
  }
}

const LABELS: Record<LogDataKind, string> = {
  ...SENSITIVE_LABELS,
  ...NATIONAL_ID_LABELS,
  authorization: 'Authorization header',
  cookie: 'cookie',
  'url-password': 'password in a URL',
  'query-secret': 'password or token in a query string or field',
  secret: 'secret',
};

function labelOf(kind: LogDataKind): string {
  return LABELS[kind];
}

function toFinding(g: Group, config: Config | undefined): Finding {
  const meta = LOG_CHECKS.find((c) => c.id === g.ruleId) as CheckMeta;
  const severity: Severity = (config && ruleConfig(config, g.ruleId).severity) || meta.severity;
  const location = { kind: 'log' as const, source: g.source, line: g.lines[0] };
  const hash = sha256(g.what).slice(0, 16);
  const more = g.count > g.lines.length ? ` and ${g.count - g.lines.length} more` : '';
  const where = `line${g.lines.length === 1 ? '' : 's'} ${g.lines.join(', ')}${more}`;
  const data: Record<string, string> = {
    what: g.detail,
    count: String(g.count),
    where,
    source: g.source,
    example: g.shown[0] ?? '',
  };
  const message = (meta.messages.found ?? meta.title).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => data[k] ?? '');
  return {
    ruleId: g.ruleId,
    stage: 'runtime',
    severity,
    confidence: g.confidence,
    title: meta.title,
    message,
    owasp: meta.owasp,
    cwe: meta.cwe,
    location,
    evidence: { snippet: g.shown.join(' | '), hash },
    remediation: meta.docs.fix,
    fingerprint: fingerprintOf(g.ruleId, { kind: 'log', source: g.source, line: 0 }, hash),
  };
}

/**
 * A batch waiting for the other thread's answer: its text only when the lines are written back
 * (`--redact`; split into lines again then, if anything in it is masked). A report needs only the
 * matches, so it holds no text (and no lines) while the other thread answers.
 */
interface InFlight {
  text: string | undefined;
  first: number;
  found: Promise<Answer>;
  /** The batch's attack hits found on this thread, recorded with the answer. */
  attacks: AttackHit[];
  /** `found` has settled: landing the batch waits for nothing. */
  answered: boolean;
}

/**
 * Batches handed to the detecting thread before this thread waits for the oldest one's answer: neither
 * thread idles when one batch takes longer. Each holds its text until then (detected here if the other
 * thread's batch turns out different): more would cost more in memory and garbage collection than they
 * save while that thread starts. Answered batches are recorded at once.
 */
const IN_FLIGHT = 32;

/** Scans whole inputs (files as `{source, chunks: fileChunks(...)}` or stdin). */
export async function scanLogs(inputs: LogInput[], opts: LogsOptions = {}): Promise<LogsResult> {
  const scanner = new LogScanner(opts);
  const emit = opts.onRedactedLine;
  const emitText = opts.onRedactedText;
  // A second thread detects while this one parses requests and keeps the attack windows. Only with the
  // full rule set of `rampart secrets` (what the worker loads itself).
  let worker = opts.worker instanceof DetectWorker ? opts.worker : undefined;
  // Bodies are looked for there too when attack signals are on.
  const startWorker = (setup: DetectWorkerSetup | DetectWorker) =>
    setup instanceof DetectWorker ? setup : new DetectWorker({ ...setup, bodies: opts.attacks !== false });
  const workerAfter = opts.workerAfterLines ?? 0;
  const done = async (lines: string[], batch: TextBatch) => {
    if (emitText) await emitText(lines === batch.lines ? batch.text : lines.join('\n'));
    else if (emit) for (const l of lines) emit(l);
    opts.onProgress?.(scanner);
  };
  const linesOf = (text: string) => text.split('\n');
  // Batches are detected in the other thread while this one parses the next ones (attack signals and
  // data findings are grouped apart, so parsing batch k+1 before recording batch k's matches changes
  // nothing). Up to IN_FLIGHT batches wait there: neither thread idles when one batch takes longer.
  const land = async (f: InFlight) => {
    const { found, bodies } = await f.found;
    scanner.addHeld(f.attacks, bodies, f.first);
    if (f.text === undefined || (emitText && !found.some((m) => m !== undefined))) {
      // Nothing to write back, or nothing masked in it: the text goes out as it was read.
      scanner.record(f.first, found);
      if (f.text !== undefined) await emitText?.(f.text);
      opts.onProgress?.(scanner);
    } else {
      const lines = linesOf(f.text);
      await done(scanner.apply(lines, f.first, found), { lines, text: f.text, first: f.first });
    }
  };
  try {
    let i = 0;
    for (const input of inputs) {
      opts.onSource?.(input.source, i++, inputs.length);
      scanner.begin(input.source);
      if (!worker && opts.worker && workerAfter <= 0) worker = startWorker(opts.worker);
      const remote = worker && input.file !== undefined ? worker.readFile(input.file, input.source) : undefined;
      // Attack hits wait for their batch's answer (see LogScanner.held).
      if (worker) scanner.holdAttacks(true);
      const inFlight: InFlight[] = [];
      const landAll = async () => {
        for (let f = inFlight.shift(); f; f = inFlight.shift()) await land(f);
      };
      let k = 0;
      try {
        for await (const batch of textBatches(input.chunks)) {
          if (!worker && opts.worker && scanner.stats.lines >= workerAfter) {
            worker = startWorker(opts.worker);
            scanner.holdAttacks(true);
          }
          if (worker) {
            const { text, first } = batch;
            const local = async (): Promise<Answer> => {
              await scanner.rulesLoaded();
              const lines = linesOf(text);
              return { found: scanner.detect(lines, text), bodies: opts.attacks === false ? [] : batchBodyInjections(lines, text) };
            };
            const found = remote ? remote.found(k++, batch, local) : worker.detect(text, batch.lines.length);
            scanner.accessBatch(batch.lines, batch.first, batch.text, false);
            const f: InFlight = {
              text: emit || emitText ? text : undefined,
              first,
              found,
              attacks: scanner.heldAttacks(),
              answered: false,
            };
            void found.then(
              () => (f.answered = true),
              () => (f.answered = true),
            );
            inFlight.push(f);
            while (inFlight.length > 0 && (inFlight[0].answered || inFlight.length > IN_FLIGHT)) await land(inFlight.shift() as InFlight);
          } else {
            await scanner.rulesLoaded();
            await done(scanner.batch(batch.lines, batch.first, batch.text), batch);
          }
        }
        await landAll();
      } catch (e) {
        if (!(e instanceof TrafficError)) throw e;
        await landAll();
        scanner.diagnostics.push({ level: 'error', message: e.message, file: input.source });
      } finally {
        remote?.close();
        scanner.holdAttacks(false);
      }
      scanner.end();
    }
  } finally {
    await worker?.close();
  }
  return scanner.result();
}

/** A file as a log input. */
export function fileInput(abs: string, shown: string): LogInput {
  return { source: shown, chunks: fileChunks(abs, shown, { reuse: true }), file: abs };
}
