import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BaselineError, readBaseline, readBaselineFile, splitLocation, writeBaseline } from '../../src/core/baseline.ts';
import type { Finding } from '../../src/core/finding.ts';
import { fingerprintOf } from '../../src/core/fingerprint.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-baseline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function finding(ruleId: string, file: string, line: number, pointer: string): Finding {
  const location = { kind: 'file' as const, file, startLine: line, startColumn: 5, endLine: line, endColumn: 9, pointer };
  return {
    ruleId,
    stage: 'design',
    severity: 'medium',
    confidence: 'high',
    title: ruleId,
    message: 'm',
    owasp: ['API2:2023'],
    cwe: ['CWE-522'],
    location,
    remediation: 'fix',
    fingerprint: fingerprintOf(ruleId, location),
  };
}

describe('baseline files', () => {
  it('round-trips fingerprints, deduplicated, in a stable order (numbers compared as numbers)', () => {
    const a = finding('b-rule', 'api.yaml', 10, '/a');
    const b = finding('b-rule', 'api.yaml', 9, '/b');
    const c = finding('a-rule', 'z.yaml', 100, '/c');
    const path = join(dir, 'nested/dir/baseline.json');
    const file = writeBaseline(path, [a, b, c, a]);
    expect(file.findings.map((e) => `${e.ruleId} ${e.location}`)).toEqual([
      'a-rule z.yaml:100:5',
      'b-rule api.yaml:9:5',
      'b-rule api.yaml:10:5',
    ]);
    expect(readBaseline(path)).toEqual(new Set([a.fingerprint, b.fingerprint, c.fingerprint]));
    const onDisk = JSON.parse(readFileSync(path, 'utf8'));
    expect(onDisk).toMatchObject({ version: 1, tool: 'rampart' });
    expect(Number.isNaN(Date.parse(onDisk.createdAt))).toBe(false);
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
    // Same input, same bytes (but the date): reviews see small diffs.
    const again = writeBaseline(join(dir, 'b2.json'), [c, a, b], { createdAt: file.createdAt });
    expect(JSON.stringify(again)).toBe(JSON.stringify(file));
  });

  it('keeps given entries and the original creation date', () => {
    const a = finding('r', 'a.yaml', 1, '/a');
    const path = join(dir, 'b.json');
    const kept = { fingerprint: 'f'.repeat(32), ruleId: 'other', location: 'b.yaml:3:1' };
    const file = writeBaseline(path, [a], { keep: [kept, { ...kept }], createdAt: '2025-01-01T00:00:00.000Z' });
    expect(file.createdAt).toBe('2025-01-01T00:00:00.000Z');
    expect(file.findings.map((e) => e.ruleId)).toEqual(['other', 'r']);
    expect(readBaselineFile(path)).toEqual(file);
  });

  it('leaves no temporary file behind', () => {
    writeBaseline(join(dir, 'b.json'), [finding('r', 'a.yaml', 1, '/a')]);
    expect(readdirSync(dir)).toEqual(['b.json']);
  });

  it.each([
    ['missing', undefined, 'cannot read baseline (no such file)'],
    ['not JSON', '{"findings": [', 'baseline is not valid JSON'],
    ['not an object', '[]', 'baseline must be a JSON object'],
    ['no findings array', '{"version": 1}', 'baseline has no "findings" array'],
    ['a bad entry', '{"findings": [{"fingerprint": "ab"}, {"fingerprint": 3}]}', 'findings[1].fingerprint must be a non-empty string'],
    ['an unknown version', '{"version": 2, "findings": []}', 'baseline version 2 is not supported (expected 1)'],
  ])('rejects a baseline that is %s with one line naming the file', (_name, text, message) => {
    const path = join(dir, 'b.json');
    if (text !== undefined) writeFileSync(path, text);
    let err: unknown;
    try {
      readBaseline(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BaselineError);
    expect((err as Error).message.startsWith(`${path}: ${message}`)).toBe(true);
    expect((err as Error).message).not.toContain('\n');
  });

  it('accepts a minimal hand-written baseline', () => {
    const path = join(dir, 'b.json');
    writeFileSync(path, '{"findings": [{"fingerprint": "abc"}]}');
    expect(readBaseline(path)).toEqual(new Set(['abc']));
    expect(readBaselineFile(path).findings).toEqual([{ fingerprint: 'abc', ruleId: '', location: '' }]);
  });
});

describe('splitLocation', () => {
  it('splits file:line:col, including Windows-like paths with colons', () => {
    expect(splitLocation('specs/api.yaml:12:5')).toEqual({ file: 'specs/api.yaml', line: 12, column: 5 });
    expect(splitLocation('C:/specs/api.yaml:1:2')).toEqual({ file: 'C:/specs/api.yaml', line: 1, column: 2 });
    expect(splitLocation('GET /users/{id}')).toEqual({ file: 'GET /users/{id}', line: 0, column: 0 });
  });
});
