// The detecting thread gives the same findings and the same masked lines as the single-thread scan.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecretRules } from '../../../src/checks/secrets/registry.ts';
import { main } from '../../../src/cli/main.ts';
import { DetectWorker } from '../../../src/engines/runtime/logs/detect-thread.ts';
import { fileInput, scanLogs } from '../../../src/engines/runtime/logs/engine.ts';
import type { DetectWorkerSetup, FromDetectWorker, ToDetectWorker } from '../../../src/engines/runtime/logs/worker.ts';
import type { SecretRule } from '../../../src/engines/secrets/types.ts';
import { startThread } from '../../../src/engines/thread.ts';
import { fileChunks } from '../../../src/formats/traffic/source.ts';

it('worker thread: same findings, same lines, same order', async () => {
  const rules = await loadSecretRules();
  const aws = rules.find((r) => r.id === 'aws-access-key-id')?.samples.tp[0].text ?? '';
  const lines: string[] = [];
  for (let i = 0; i < 3500; i++) {
    if (i % 700 === 5)
      lines.push(`10.0.0.${i % 200} - - [15/Jan/2024:10:00:00 +0000] "GET /pay?card=4111111111111111 HTTP/1.1" 200 1 "-" "x"`);
    else if (i % 900 === 7) lines.push(`config ${aws}`);
    else lines.push(`10.0.0.${i % 200} - - [15/Jan/2024:10:00:00 +0000] "GET /api/items/${i} HTTP/1.1" 200 1 "-" "x"`);
  }
  const text = `${lines.join('\n')}\n`;
  async function* one(): AsyncGenerator<string> {
    yield text;
  }
  const a: string[] = [];
  const b: string[] = [];
  const ra = await scanLogs([{ source: 'x.log', chunks: one() }], { secretRules: rules, onRedactedLine: (l) => a.push(l) });
  const rb = await scanLogs([{ source: 'x.log', chunks: one() }], { worker: {}, onRedactedLine: (l) => b.push(l) });
  expect(b).toEqual(a);
  expect(a).toHaveLength(3500);
  const strip = (r: typeof ra) => r.findings.map((f) => [f.ruleId, f.message, f.fingerprint]);
  expect(strip(rb)).toEqual(strip(ra));
  expect(ra.findings.some((f) => f.ruleId === 'logs-secret')).toBe(true);
}, 30_000);

it('standard input: the worker thread takes over after the first 50,000 lines, nothing lost or moved', async () => {
  const lines: string[] = [];
  for (let i = 1; i <= 60_000; i++) {
    if (i === 10 || i === 55_000) lines.push(`paid with 4111111111111111 at ${i}`);
    else lines.push(`10.0.0.${i % 200} - - [15/Jan/2024:10:00:00 +0000] "GET /api/items/${i} HTTP/1.1" 200 1 "-" "x"`);
  }
  async function* stdin(): AsyncGenerator<string> {
    const text = `${lines.join('\n')}\n`;
    for (let i = 0; i < text.length; i += 65_536) yield text.slice(i, i + 65_536);
  }
  let stdout = '';
  const code = await main(['logs', '--redact', '-', '-f', 'json', '-o', '-'], {
    readStdin: async () => stdin(),
    stdout: (t) => {
      stdout += t;
    },
  });
  expect(code).toBe(1);
  const out = stdout.split('\n');
  expect(out[9]).toBe('paid with [REDACTED:card] at 10');
  expect(out[54_999]).toBe('paid with [REDACTED:card] at 55000');
  expect(out[59_999]).toBe(lines[59_999]);
}, 60_000);

it('workerAfterLines: the main thread detects until then, the worker thread from the next batch on', async () => {
  const rules = await loadSecretRules();
  const aws = rules.find((r) => r.id === 'aws-access-key-id')?.samples.tp[0].text ?? '';
  const lines = Array.from({ length: 3000 }, (_, i) => (i === 9 || i === 2499 ? `config ${aws}` : `line ${i + 1}`));
  async function* one(): AsyncGenerator<string> {
    yield `${lines.join('\n')}\n`;
  }
  // A worker without secret rules tells which thread detected a line: only the main thread masks the key.
  const out: string[] = [];
  await scanLogs([{ source: 'x.log', chunks: one() }], {
    secretRules: rules,
    worker: { noSecrets: true },
    workerAfterLines: 2000,
    onRedactedLine: (l) => out.push(l),
  });
  expect(out).toHaveLength(3000);
  expect(out[9]).not.toContain(aws);
  expect(out[2499]).toBe(lines[2499]);
}, 30_000);

describe('a file: the worker thread reads it itself', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-logs-worker-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function fixture(): Promise<{ file: string; lines: string[]; aws: string; rules: SecretRule[] }> {
    const rules = await loadSecretRules();
    const aws = rules.find((r) => r.id === 'aws-access-key-id')?.samples.tp[0].text ?? '';
    const lines = Array.from({ length: 5000 }, (_, i) =>
      i === 3 || i === 4321
        ? `config ${aws} card 4111111111111111`
        : `10.0.0.${i % 200} - - [15/Jan/2024:10:00:00 +0000] "GET /api/items/${i} HTTP/1.1" 200 1 "-" "x"`,
    );
    const file = join(dir, 'app.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
    return { file, lines, aws, rules };
  }

  it('uses its answers: a worker without secret rules leaves the key, masks the card', async () => {
    const { file, aws, rules } = await fixture();
    const out: string[] = [];
    const input = fileInput(file, 'app.log');
    expect(input.file).toBe(file);
    await scanLogs([input], { secretRules: rules, worker: { noSecrets: true }, onRedactedLine: (l) => out.push(l) });
    expect(out).toHaveLength(5000);
    expect(out[3]).toBe(`config ${aws} card [REDACTED:card]`);
    expect(out[4321]).toBe(`config ${aws} card [REDACTED:card]`);
  }, 30_000);

  it('same findings and lines as one thread', async () => {
    const { file, rules } = await fixture();
    const a: string[] = [];
    const b: string[] = [];
    const ra = await scanLogs([fileInput(file, 'app.log')], { secretRules: rules, onRedactedLine: (l) => a.push(l) });
    const rb = await scanLogs([fileInput(file, 'app.log')], { secretRules: rules, worker: {}, onRedactedLine: (l) => b.push(l) });
    expect(b).toEqual(a);
    const strip = (r: typeof ra) => r.findings.map((f) => [f.ruleId, f.message, f.fingerprint]);
    expect(strip(rb)).toEqual(strip(ra));
    expect(ra.findings.some((f) => f.ruleId === 'logs-secret')).toBe(true);
  }, 30_000);

  it('a thread started before the rules are known: `enable` tells it which are on', async () => {
    const { file, aws, rules } = await fixture();
    const awsIndex = rules.findIndex((r) => r.id === 'aws-access-key-id');
    // Started first (as the CLI does on large files), told which rules are on afterwards: all but AWS.
    const early = new DetectWorker({ bodies: true });
    early.enable(rules.map((_, i) => (i === awsIndex ? 0 : 1)));
    const out: string[] = [];
    await scanLogs([fileInput(file, 'app.log')], { secretRules: rules, worker: early, onRedactedLine: (l) => out.push(l) });
    expect(out).toHaveLength(5000);
    expect(out[3]).toBe(`config ${aws} card [REDACTED:card]`);
    // A thread told that every rule is on masks the key.
    const other = new DetectWorker({ bodies: true });
    other.enable(rules.map(() => 1));
    const again: string[] = [];
    await scanLogs([fileInput(file, 'app.log')], { secretRules: rules, worker: other, onRedactedLine: (l) => again.push(l) });
    expect(again[3]).not.toContain(aws);
  }, 30_000);

  it('a file the worker thread cannot read: this thread detects all of it, nothing lost', async () => {
    const { file, lines, rules } = await fixture();
    const out: string[] = [];
    const r = await scanLogs([{ source: 'app.log', chunks: fileChunks(file, 'app.log'), file: join(dir, 'missing.log') }], {
      secretRules: rules,
      worker: { noSecrets: true },
      onRedactedLine: (l) => out.push(l),
    });
    expect(out).toHaveLength(lines.length);
    expect(out[3]).toContain('[REDACTED:aws-access-key-id] card [REDACTED:card]');
    expect(r.diagnostics).toEqual([]);
  }, 30_000);

  it('rules loaded here only for a batch the other thread did not answer (loadSecretRules)', async () => {
    const { file, aws, rules } = await fixture();
    let loads = 0;
    const loadSecretRules = async () => {
      loads++;
      return rules;
    };
    // The other thread answers every batch: this one never needs the rules.
    const out: string[] = [];
    await scanLogs([fileInput(file, 'app.log')], { loadSecretRules, worker: {}, onRedactedLine: (l) => out.push(l) });
    expect(loads).toBe(0);
    expect(out[3]).toContain('[REDACTED:aws-access-key-id] card [REDACTED:card]');
    // It reads another file: every batch is detected here, with the rules loaded once.
    const other = join(dir, 'other-lazy.log');
    writeFileSync(other, 'one line\nand another\n');
    const here: string[] = [];
    await scanLogs([{ source: 'app.log', chunks: fileChunks(file, 'app.log'), file: other }], {
      loadSecretRules,
      worker: { noSecrets: true },
      onRedactedLine: (l) => here.push(l),
    });
    expect(loads).toBe(1);
    expect(here[3]).toContain('[REDACTED:aws-access-key-id] card [REDACTED:card]');
    expect(here[4321]).not.toContain(aws);
  }, 30_000);

  it('a file that is not what this thread reads (it grew, it changed): this thread detects, nothing lost', async () => {
    const { file, lines, rules } = await fixture();
    const other = join(dir, 'other.log');
    writeFileSync(other, 'one line\nand another\n');
    const out: string[] = [];
    // The worker reads `other` (and has no secret rules): none of its batches match this thread's.
    await scanLogs([{ source: 'app.log', chunks: fileChunks(file, 'app.log'), file: other }], {
      secretRules: rules,
      worker: { noSecrets: true },
      onRedactedLine: (l) => out.push(l),
    });
    expect(out).toHaveLength(lines.length);
    for (const i of [3, 4321]) {
      expect(out[i]).toContain('[REDACTED:aws-access-key-id] card [REDACTED:card]');
      expect(out[i]).not.toBe(lines[i]);
    }
  }, 30_000);
});

it('injections in logged bodies are found by the worker thread and recorded as one thread records them', async () => {
  // Past 33 batches of 64 KiB, so that this thread parses batches ahead of the answers it records; the
  // same client sends injections in URLs and in bodies, so both land in the same finding's line list.
  const lines: string[] = [];
  for (let i = 0; i < 30_000; i++) {
    if (i % 997 === 3) lines.push(`{"ip":"10.0.0.1","msg":"req","body":{"q":"1' OR '1'='1"},"n":${i}}`);
    else if (i % 1499 === 5)
      lines.push(`10.0.0.1 - - [15/Jan/2024:10:00:00 +0000] "GET /search?q=1%27%20OR%20%271%27=%271 HTTP/1.1" 200 1 "-" "x"`);
    else lines.push(`10.0.0.${i % 200} - - [15/Jan/2024:10:00:00 +0000] "GET /api/items/${i} HTTP/1.1" 200 1 "-" "x"`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bodies-'));
  const file = join(dir, 'app.log');
  writeFileSync(file, `${lines.join('\n')}\n`);
  try {
    const one = async function* (): AsyncGenerator<string> {
      yield `${lines.join('\n')}\n`;
    };
    const strip = (r: Awaited<ReturnType<typeof scanLogs>>) => r.findings.map((f) => [f.ruleId, f.message, f.evidence?.snippet]);
    const alone = await scanLogs([fileInput(file, 'app.log')], {});
    const sql = alone.findings.filter((f) => f.ruleId === 'logs-sql-injection');
    // One client: URL and body hits in one finding (a batch's URLs first, then its bodies).
    expect(sql).toHaveLength(1);
    expect(sql[0].message).toContain('lines 6, 4, 1001, 1505, 1998 and 47 more');
    for (const input of [fileInput(file, 'app.log'), { source: 'app.log', chunks: one() }]) {
      expect(strip(await scanLogs([input], { worker: { noSecrets: true } }))).toEqual(strip(alone));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

it('700 batches through the detecting thread, answered late at start and at once later: findings as one thread records them', async () => {
  // Lines of ~650 characters (~100 to a 64 KiB batch). One client's injections and enumeration, and
  // emails, run through all of it, the other thread answering late at start and at once later.
  const agent = `Mozilla/5.0 ${'x'.repeat(600)}`;
  const lines: string[] = [];
  for (let i = 0; i < 70_000; i++) {
    const path =
      i % 1013 === 7
        ? '/search?q=1%27%20OR%20%271%27=%271'
        : i % 7 === 1
          ? `/api/orders/${i}`
          : i % 50 === 3
            ? `/api/invite?email=user${i}@example.com`
            : `/api/items/${i % 50}`;
    const client = i % 7 === 1 || i % 1013 === 7 ? '10.0.0.1' : `10.0.1.${i % 200}`;
    lines.push(`${client} - - [15/Jan/2024:10:00:00 +0000] "GET ${path} HTTP/1.1" ${i % 7 === 1 ? 404 : 200} 1 "-" "${agent}"`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'rampart-ahead-'));
  const file = join(dir, 'app.log');
  writeFileSync(file, `${lines.join('\n')}\n`);
  try {
    const strip = (r: Awaited<ReturnType<typeof scanLogs>>) => r.findings.map((f) => [f.ruleId, f.message, f.evidence?.snippet]);
    const alone = await scanLogs([fileInput(file, 'app.log')], {});
    expect(alone.stats.lines).toBe(70_000);
    expect(alone.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['logs-sql-injection', 'logs-enumeration', 'logs-email']));
    expect(strip(await scanLogs([fileInput(file, 'app.log')], { worker: { noSecrets: true } }))).toEqual(strip(alone));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

describe('how far the detecting thread reads a file ahead of this thread', () => {
  // One e-mail address (one match) per line, about 1,000 lines to a batch.
  const lines = Array.from({ length: 12_000 }, (_, i) => `signup user${i}@example.com ok`);
  let dir = '';
  let file = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-lead-'));
    file = join(dir, 'app.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts the thread on the file; `settled()` waits until it answers no more and gives the matches of each batch answered. */
  function lead(ahead: { batches: number; matches: number }) {
    const worker = startThread(new URL('../../../src/engines/runtime/logs/worker-run.ts', import.meta.url), {
      noSecrets: true,
      ahead,
    } satisfies DetectWorkerSetup);
    const got: number[] = [];
    let ended = false;
    worker.on('message', (m: FromDetectWorker) => {
      if ('end' in m) ended = true;
      else if ('batch' in m) {
        expect(m.batch).toBe(got.length);
        got.push(m.hits.reduce((n, [, found]) => n + found.length, 0));
      }
    });
    worker.postMessage({ id: 0, file, display: 'app.log' } satisfies ToDetectWorker);
    const settled = async (more: number) => {
      const from = got.length;
      for (let waited = 0; got.length < from + more && waited < 20_000; waited += 20) await sleep(20);
      // Anything more would come now if the thread did not wait.
      for (let seen = -1; seen !== got.length; ) {
        seen = got.length;
        await sleep(300);
      }
      return [...got];
    };
    const ack = (batch: number) => worker.postMessage({ ack: 0, batch } satisfies ToDetectWorker);
    return { worker, settled, ack, ended: () => ended };
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('stops once the matches it holds pass the bound, goes on as they are used', async () => {
    const t = lead({ batches: 100, matches: 2_500 });
    try {
      const first = await t.settled(1);
      expect(sum(first)).toBeGreaterThan(2_500);
      expect(sum(first.slice(0, -1))).toBeLessThanOrEqual(2_500);
      t.ack(0);
      const next = await t.settled(1);
      expect(next.length).toBeGreaterThan(first.length);
      expect(sum(next.slice(1))).toBeGreaterThan(2_500);
      expect(sum(next.slice(1, -1))).toBeLessThanOrEqual(2_500);
      t.ack(1_000);
      const all = await t.settled(1);
      expect(sum(all)).toBe(12_000);
      expect(t.ended()).toBe(true);
    } finally {
      await t.worker.terminate();
    }
  }, 60_000);

  it('stops at the batches it is ahead, whatever they hold', async () => {
    const t = lead({ batches: 4, matches: 1_000_000 });
    try {
      expect((await t.settled(4)).length).toBe(4);
      t.ack(1);
      expect((await t.settled(2)).length).toBe(6);
      expect(t.ended()).toBe(false);
    } finally {
      await t.worker.terminate();
    }
  }, 60_000);
});
