import { describe, expect, it } from 'vitest';
import { type CheckMeta, checkMetaOf } from '../../src/core/index.ts';

describe('checkMetaOf', () => {
  it("keeps a check's metadata and leaves out its behaviour, whatever the engine calls it", () => {
    const meta: CheckMeta = {
      id: 'graphql-x',
      stage: 'design',
      title: 'X',
      severity: 'high',
      confidence: 'medium',
      owasp: ['API3:2023'],
      cwe: ['CWE-200'],
      messages: { found: 'found {{name}}' },
      docs: { description: 'd', attack: 'a', fix: 'f' },
    };
    const check = { ...meta, check: () => [], run: async () => [], create: () => ({}) };
    expect(checkMetaOf(check)).toEqual(meta);
    expect(Object.keys(checkMetaOf({ ...check, defaultOptions: { max: 3 } }))).toContain('defaultOptions');
  });
});
