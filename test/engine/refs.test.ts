import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engines/design/engine.ts';
import { defineDesignCheck } from '../../src/engines/design/types.ts';
import { redactUrl } from '../../src/formats/openapi/refs.ts';

/** Reports every scalar equal to "needle", wherever it is. */
const needle = defineDesignCheck({
  id: 'test-needle',
  title: 'Needle found in a value',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-200'],
  messages: { found: 'needle' },
  docs: { description: 'test', attack: 'test', fix: 'test' },
  create(ctx) {
    return {
      scalar(v) {
        if (v.value === 'needle') ctx.report({ node: { doc: v.doc, pointer: v.pointer(), value: v.value }, messageId: 'found' });
      },
    };
  },
});

describe('$ref handling', () => {
  it('walks files reachable only through unused components', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-refs-'));
    writeFileSync(
      join(dir, 'openapi.yaml'),
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Unused: { $ref: './unused.yaml#/Thing' }\n",
    );
    writeFileSync(join(dir, 'unused.yaml'), 'Thing:\n  type: string\n  example: needle\n');
    const r = await audit(['openapi.yaml'], { cwd: dir, checks: [needle] });
    expect(
      r.findings.map((f) => f.location.kind === 'file' && `${f.location.file}:${f.location.startLine}:${f.location.startColumn}`),
    ).toEqual(['unused.yaml:3:3']);
  });

  it('never prints the password of a remote $ref in a diagnostic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-refs-'));
    writeFileSync(
      join(dir, 'openapi.yaml'),
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200': { $ref: 'https://bob:hunter2@example.com/r.yaml#/R' }\n",
    );
    const r = await audit(['openapi.yaml'], { cwd: dir, checks: [needle] });
    const text = JSON.stringify(r.diagnostics);
    expect(text).toContain('https://bob:****@example.com/r.yaml#/R');
    expect(text).not.toContain('hunter2');
  });

  it('redacts only the password part of a URL', () => {
    expect(redactUrl('http://u:p@h/x')).toBe('http://u:****@h/x');
    expect(redactUrl('http://h/x:y@z')).toBe('http://h/x:y@z');
    expect(redactUrl('./local.yaml#/A')).toBe('./local.yaml#/A');
  });
});
