import { describe, expect, it } from 'vitest';
import { probeFixture, runWsProbeCheck } from '../_kit/run.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

const id = 'websocket-verbose-error-frames';

describe(id, () => {
  it('flags a Node.js stack trace in the answer to malformed JSON', async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafe);
    expect(rest).toEqual([]);
    expect(f.message).toMatch(/^The socket answered a malformed JSON frame with a stack trace \(Node\.js: "at /);
    expect(f.evidence?.response).toContain('> {"rampart": ');
  });

  it('does not flag generic error frames, after making the server answer with some', async () => {
    const r = await probeFixture(safe, [id]);
    expect(r.findings).toEqual([]);
    expect(r.errorReplies).toBeGreaterThan(0);
  });
});
