/**
 * Precision and recall of `rampart logs` per kind, on labelled data: bench/data/logs-labelled.jsonl
 * (log lines, each with the kinds it holds: every sensitive kind, every injection kind in URLs and in
 * bodies, scanners), the secret rules' own samples, and generated scenarios for the window signals
 * (brute force, enumeration, error spikes: a true case and look-alikes that must stay quiet).
 * Shared by `npm run bench:logs-accuracy` and the test that holds the floors.
 */
import { readFileSync } from 'node:fs';
import { AttackDetector, type AttackKind } from '../src/engines/runtime/logs/attacks.ts';
import { bodyInjections } from '../src/engines/runtime/logs/bodies.ts';
import { detectBatch, LOG_DATA_KINDS } from '../src/engines/runtime/logs/detect.ts';
import type { SecretRule } from '../src/engines/secrets/types.ts';
import { AccessLogParser } from '../src/formats/traffic/access-log.ts';

export const LABELLED_FILE = new URL('./data/logs-labelled.jsonl', import.meta.url);

export interface Labelled {
  /** `access`: one access log (format detected as a whole); `app`: application log lines. */
  source: 'access' | 'app';
  text: string;
  /**
   * Kinds the line holds. `query-secret|secret`: either counts (for the first kind): the detector
   * names a credential by the most specific kind that fits, a secret rule of \`rampart secrets\` when
   * one knows the value's format, else the generic header, URL or query-string kind.
   */
  expect: string[];
  /** Also acceptable, not counted as false positives (a secret rule naming a token in a header). */
  allow?: string[];
}

export interface KindScore {
  kind: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

const WINDOW_KINDS: AttackKind[] = ['brute-force', 'enumeration', 'error-spike'];

export function loadLabelled(file: URL | string = LABELLED_FILE): Labelled[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);
}

/** A line per secret rule from its own first true sample: `secret` expected, anything else allowed. */
export function secretSamples(rules: readonly SecretRule[]): Labelled[] {
  const every = [...LOG_DATA_KINDS];
  return rules
    .filter((r) => r.samples.tp.length && !r.samples.tp[0].text.includes('\n'))
    .map((r) => ({
      source: 'app',
      text: `worker: config loaded ${r.samples.tp[0].text}`,
      // A JWT is named by the JWT kind (its own check), not as a secret.
      expect: [r.id === 'jwt' ? 'jwt' : 'secret'],
      allow: every,
    }));
}

/** What the detectors report on each line. */
export function predict(items: readonly Labelled[], secretRules: readonly SecretRule[]): Set<string>[] {
  const out = items.map(() => new Set<string>());
  const idx = (source: Labelled['source']) => items.flatMap((x, i) => (x.source === source ? [i] : []));
  const app = idx('app');
  const access = idx('access');
  for (const group of [app, access]) {
    const found = detectBatch(
      group.map((i) => items[i].text),
      { secretRules },
    );
    group.forEach((i, k) => {
      for (const m of found[k] ?? []) out[i].add(m.kind);
    });
  }
  for (const i of app) for (const h of bodyInjections(items[i].text)) out[i].add(h.kind);
  const parser = new AccessLogParser('labelled');
  parser.detect(access.slice(0, 20).map((i) => items[i].text));
  const detector = new AttackDetector();
  access.forEach((i, k) => {
    const r = parser.parse(items[i].text, k + 1);
    if (!r) return;
    detector.add(r);
    for (const h of detector.hits) if (!WINDOW_KINDS.includes(h.kind)) out[access[h.line - 1]].add(h.kind);
    detector.hits.length = 0;
  });
  return out;
}

/** Counts per kind; a predicted kind that is neither expected nor allowed is a false positive. */
export function score(
  items: readonly Labelled[],
  predicted: readonly Set<string>[],
  into = new Map<string, KindScore>(),
): Map<string, KindScore> {
  const at = (kind: string) => {
    let s = into.get(kind);
    if (!s) {
      s = { kind, tp: 0, fp: 0, fn: 0, precision: 1, recall: 1 };
      into.set(kind, s);
    }
    return s;
  };
  items.forEach((x, i) => {
    const p = predicted[i];
    const named = new Set<string>();
    for (const e of x.expect) {
      const alts = e.split('|');
      for (const k of alts) named.add(k);
      alts.some((k) => p.has(k)) ? at(alts[0]).tp++ : at(alts[0]).fn++;
    }
    for (const k of p) if (!named.has(k) && !x.allow?.includes(k)) at(k).fp++;
  });
  for (const s of into.values()) {
    s.precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
    s.recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  }
  return into;
}

// ------------------------------------------------------------------------------------------- scenarios

interface Scenario {
  name: string;
  expect: AttackKind[];
  lines: string[];
}

function clf(ip: string, minute: number, second: number, path: string, status: number): string {
  const t = `15/Mar/2024:10:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')} +0000`;
  return `${ip} - - [${t}] "GET ${path} HTTP/1.1" ${status} 120 "-" "Mozilla/5.0"`;
}

/** Sequences of access-log lines: each window signal once, and look-alikes that must not fire. */
export function scenarios(): Scenario[] {
  const seq = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
  const out: Scenario[] = [];
  for (let v = 0; v < 5; v++) {
    const ip = `198.51.100.${v + 1}`;
    out.push({ name: `brute force ${v}`, expect: ['brute-force'], lines: seq(12 + v, (i) => clf(ip, 1, i * 3, '/api/login', 401)) });
    out.push({
      name: `failed logins spread over clients ${v}`,
      expect: [],
      lines: seq(15, (i) => clf(`198.51.101.${i + 1}`, 1, i * 3, '/api/login', 401)),
    });
    out.push({ name: `a few failed logins ${v}`, expect: [], lines: seq(5 + v, (i) => clf(ip, 1, i * 5, '/api/login', 401)) });
    out.push({ name: `failures an hour apart ${v}`, expect: [], lines: seq(12, (i) => clf(ip, i * 5, 0, '/api/login', 401)) });
    out.push({
      name: `enumeration ${v}`,
      expect: ['enumeration'],
      lines: seq(25 + v, (i) => clf(ip, 2, i, `/api/users/${1000 + i * 7}`, i % 4 ? 404 : 200)),
    });
    out.push({ name: `paging through own orders ${v}`, expect: [], lines: seq(30, (i) => clf(ip, 2, i, `/api/orders/${500 + i}`, 200)) });
    out.push({ name: `a few missing ids ${v}`, expect: [], lines: seq(10, (i) => clf(ip, 2, i, `/api/users/${i}`, 404)) });
    const base = seq(10, (m) => seq(20, (i) => clf(`192.0.2.${i + 1}`, m, i, '/api/items', i < 2 ? 500 : 200))).flat();
    out.push({
      name: `error spike ${v}`,
      expect: ['error-spike'],
      lines: [
        ...base,
        ...seq(40 + v * 5, (i) => clf(`192.0.2.${(i % 50) + 1}`, 10, i % 60, '/api/items', 503)),
        clf('192.0.2.1', 11, 0, '/api/items', 200),
      ],
    });
    out.push({
      name: `steady errors ${v}`,
      expect: [],
      lines: seq(12, (m) => seq(30, (i) => clf(`192.0.2.${i + 1}`, m, i, '/api/items', i < 25 ? 500 : 200))).flat(),
    });
  }
  return out;
}

/** Window kinds reported per scenario, scored like lines: one case per scenario. */
export function scoreScenarios(into = new Map<string, KindScore>()): Map<string, KindScore> {
  const list = scenarios();
  const items: Labelled[] = list.map((s) => ({ source: 'access', text: s.name, expect: s.expect }));
  const predicted = list.map((s) => {
    const parser = new AccessLogParser(s.name);
    parser.detect(s.lines.slice(0, 20));
    const d = new AttackDetector();
    s.lines.forEach((l, i) => {
      const r = parser.parse(l, i + 1);
      if (r) d.add(r);
    });
    d.finish();
    return new Set<string>(d.hits.filter((h) => WINDOW_KINDS.includes(h.kind)).map((h) => h.kind));
  });
  return score(items, predicted, into);
}

/** Every kind's score on all the labelled data. */
export function evaluateAll(secretRules: readonly SecretRule[]): KindScore[] {
  const items = [...loadLabelled(), ...secretSamples(secretRules)];
  const scores = score(items, predict(items, secretRules));
  scoreScenarios(scores);
  return [...scores.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1));
}
