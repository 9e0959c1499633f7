import { describe, expect, it } from 'vitest';
import { REPORTERS, render } from './index.ts';
import { REPORTER_LOADERS, renderLazily } from './lazy.ts';
import { makeResult } from './testing.ts';

describe('lazy reporters (the CLI loads a reporter only for the format asked for)', () => {
  it('lists the same formats as the library, in the same order, each loading the same function', async () => {
    expect(Object.keys(REPORTER_LOADERS)).toEqual(Object.keys(REPORTERS));
    for (const [name, load] of Object.entries(REPORTER_LOADERS)) expect(await load(), name).toBe(REPORTERS[name]);
  });

  it('renders what render() renders, and names the formats for an unknown one', async () => {
    expect(await renderLazily('json', makeResult())).toBe(render('json', makeResult()));
    await expect(renderLazily('pdf', makeResult())).rejects.toThrow(/unknown format "pdf" \(choose one of console, json/);
    await expect(renderLazily('toString', makeResult())).rejects.toThrow(/unknown format/);
  });
});
