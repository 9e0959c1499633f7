import { describe, expect, it } from 'vitest';
import { runWsProbeCheck } from '../_kit/run.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

const id = 'websocket-cleartext-endpoint';

describe(id, () => {
  it('flags an accepted ws:// upgrade, high when it carried credentials', async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafe);
    expect(rest).toEqual([]);
    expect(f.message).toMatch(
      /^The socket at ws:\/\/127\.0\.0\.1:\d+\/socket accepts unencrypted ws:\/\/ connections and carried alice's credentials/,
    );
    expect(f.severity).toBe('high');
  });

  it('does not flag ws:// on loopback by default', async () => {
    expect(await runWsProbeCheck(id, safe)).toEqual([]);
  });
});
