// A check that throws must not take the run down: it becomes one error diagnostic naming the check and
// the file, and every other check (and every other file) still reports.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/core/index.ts';
import { allChecks, auditWith, fileLocation, OAS3_WITH_BASIC, type TempDir, tempDir, testCheck } from './helpers.ts';

let t: TempDir;
beforeAll(async () => {
  t = tempDir();
  await allChecks();
  t.write(
    'a.yaml',
    `${OAS3_WITH_BASIC.replace('paths: {}', "paths:\n  /a: {get: {responses: {'200': {description: ok}}}}\n  /b: {get: {responses: {'200': {description: ok}}}}")}`,
  );
  t.write('b.yaml', OAS3_WITH_BASIC);
});
afterAll(() => t.cleanup());

const basicAt = (r: Awaited<ReturnType<typeof auditWith>>) =>
  r.findings
    .filter((f) => f.ruleId === 'http-basic-auth')
    .map((f) => `${fileLocation(f).file}:${fileLocation(f).startLine}`)
    .sort();

describe('a check that throws', () => {
  it('becomes one diagnostic per file naming the check and the file; the other checks still report', async () => {
    let calls = 0;
    const boom = testCheck('test-boom', () => ({
      operation() {
        calls++;
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
    }));
    const r = await auditWith(t.dir, ['a.yaml', 'b.yaml'], [boom]);
    expect(r.scanned).toEqual(['a.yaml', 'b.yaml']);
    // Skipped after its first failure in a file: a.yaml has two operations, one call.
    expect(calls).toBe(1);
    expect(r.diagnostics).toEqual([
      {
        level: 'error',
        message: `check "test-boom" failed on this file and was skipped: Cannot read properties of undefined (reading 'x')`,
        file: 'a.yaml',
        ruleId: 'test-boom',
      },
    ]);
    expect(basicAt(r)).toEqual(['a.yaml:10', 'b.yaml:8']);
    // A failing check is not an input error: the exit code follows the findings.
    expect(exitCodeFor(r, 'none')).toBe(0);
    expect(exitCodeFor(r, 'medium')).toBe(1);
  });

  it('is reported when create() throws, and when it throws something that is not an Error', async () => {
    const badCreate = testCheck('test-bad-create', () => {
      throw new Error('options are invalid');
    });
    const throwsString = testCheck('test-throws-string', () => ({
      securityScheme() {
        throw 'plain string';
      },
    }));
    const r = await auditWith(t.dir, ['b.yaml'], [badCreate, throwsString]);
    expect(r.diagnostics.map((d) => [d.ruleId, d.file, d.message])).toEqual([
      ['test-bad-create', 'b.yaml', 'check "test-bad-create" failed on this file and was skipped: options are invalid'],
      ['test-throws-string', 'b.yaml', 'check "test-throws-string" failed on this file and was skipped: plain string'],
    ]);
    expect(basicAt(r)).toEqual(['b.yaml:8']);
  });

  it('is reported when it fails in done(), in a schema visitor, or by endless recursion', async () => {
    const inDone = testCheck('test-fails-in-done', () => ({
      done() {
        throw new RangeError('bad index');
      },
    }));
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const overflow = testCheck('test-stack-overflow', () => ({
      document() {
        recurse(0);
      },
    }));
    const r = await auditWith(t.dir, ['a.yaml'], [inDone, overflow]);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['test-stack-overflow', 'test-fails-in-done']);
    expect(r.diagnostics[0].message).toMatch(
      /^check "test-stack-overflow" failed on this file and was skipped: Maximum call stack size exceeded/,
    );
    expect(r.diagnostics[1].message).toBe('check "test-fails-in-done" failed on this file and was skipped: bad index');
    for (const d of r.diagnostics) expect(d).toMatchObject({ level: 'error', file: 'a.yaml' });
    expect(basicAt(r)).toEqual(['a.yaml:10']);
  });

  it('is reported when it reports with an unknown message id', async () => {
    const typo = testCheck('test-typo', (ctx) => ({
      document(api) {
        ctx.report({ node: api.root, messageId: 'nope' });
      },
    }));
    const r = await auditWith(t.dir, ['b.yaml'], [typo]);
    expect(r.diagnostics).toEqual([
      {
        level: 'error',
        message: 'check "test-typo" failed on this file and was skipped: unknown messageId "nope"',
        file: 'b.yaml',
        ruleId: 'test-typo',
      },
    ]);
    expect(r.findings.filter((f) => f.ruleId === 'test-typo')).toEqual([]);
  });

  it('keeps what a check reported before it failed in one file, and runs it again on the next file', async () => {
    const flaky = testCheck('test-flaky', (ctx) => ({
      document(api) {
        ctx.report({ node: api.root, messageId: 'm' });
        if (api.root.doc.file === 'a.yaml') throw new Error('only on a.yaml');
      },
    }));
    const r = await auditWith(t.dir, ['a.yaml', 'b.yaml'], [flaky]);
    expect(r.diagnostics.map((d) => `${d.ruleId} ${d.file}`)).toEqual(['test-flaky a.yaml']);
    expect(
      r.findings
        .filter((f) => f.ruleId === 'test-flaky')
        .map((f) => fileLocation(f).file)
        .sort(),
    ).toEqual(['a.yaml', 'b.yaml']);
  });
});
