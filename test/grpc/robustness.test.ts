/** Hostile and random .proto input: one diagnostic with a position, never a throw or a stack trace. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grpcDesignChecks } from '../../src/checks/grpc/registry.ts';
import { auditProto } from '../../src/engines/grpc/design.ts';
import { parseProto } from '../../src/engines/grpc/proto/parse.ts';
import { ProtoSyntaxError } from '../../src/engines/grpc/proto/tokenize.ts';
import { DEFAULT_LIMITS } from '../../src/formats/structured.ts';

const VALID = readFileSync(new URL('../../src/checks/grpc/grpc-request-field-unbounded/fixtures/unsafe.proto', import.meta.url), 'utf8');

async function audit(text: string) {
  return auditProto(
    { absPath: '/nowhere/x.proto', file: 'x.proto', projectFile: 'x.proto', text, config: {}, limits: DEFAULT_LIMITS },
    await grpcDesignChecks(),
  );
}

function positionedOrParsed(text: string): void {
  try {
    parseProto(text, 'x.proto');
  } catch (e) {
    expect(e).toBeInstanceOf(ProtoSyntaxError);
    const err = e as ProtoSyntaxError;
    const lines = text.split('\n');
    expect(err.line).toBeGreaterThanOrEqual(1);
    expect(err.line).toBeLessThanOrEqual(lines.length);
    expect(err.column).toBeGreaterThanOrEqual(1);
    expect(err.message).not.toContain('\n');
  }
}

describe('.proto robustness', () => {
  it('fails on random text with a position inside the file, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => positionedOrParsed(s)),
      { numRuns: 300 },
    );
  });

  it('fails on a valid file cut or spliced anywhere with a position inside the file', () => {
    fc.assert(
      fc.property(fc.nat(VALID.length), fc.nat(VALID.length), fc.string({ maxLength: 8 }), (a, b, junk) => {
        positionedOrParsed(VALID.slice(0, Math.min(a, b)) + junk + VALID.slice(Math.max(a, b)));
      }),
      { numRuns: 300 },
    );
  });

  it('audits any of those without throwing: findings or one error diagnostic', async () => {
    for (const cut of [10, 100, 200, VALID.length - 3]) {
      const r = await audit(VALID.slice(0, cut));
      expect(r.diagnostics.length).toBe(1);
      expect(r.diagnostics[0]).toMatchObject({ level: 'error', file: 'x.proto', line: expect.any(Number), column: expect.any(Number) });
      expect(r.findings).toEqual([]);
    }
  });

  it('reads a definition with hundreds of methods and messages, and a message referencing itself', async () => {
    const many = ['syntax = "proto3";', 'package big;', 'service S {'];
    for (let i = 0; i < 500; i++) many.push(`  rpc M${i}(R${i}) returns (R${i});`);
    many.push('}');
    for (let i = 0; i < 500; i++) many.push(`message R${i} { repeated R${i} self = 1; string password = 2; }`);
    const r = await audit(many.join('\n'));
    expect(r.diagnostics).toEqual([]);
    // Each message's two fields, once each, whatever the number of paths to them.
    expect(r.findings.filter((f) => f.ruleId === 'grpc-request-field-unbounded').length).toBe(1000);
    expect(r.findings.filter((f) => f.ruleId === 'grpc-sensitive-field-in-response').length).toBe(500);
  });
});
