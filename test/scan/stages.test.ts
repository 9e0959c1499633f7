/** The stages `rampart scan` runs from the config: inventory of traffic, protocol probes; the progress line. */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDemoApi } from '../../examples/demo-api/index.ts';
import type { RunResult } from '../../src/core/index.ts';
import { trafficKinds } from '../../src/engines/scan/engine.ts';
import { rampart, tempDir } from '../cli/helpers.ts';
import { project, write } from './helpers.ts';

const SHADOW = fileURLToPath(new URL('../../src/checks/runtime/shadow-endpoint/fixtures/', import.meta.url));

describe('rampart scan stages from the config', () => {
  it('traffic: builds the endpoint inventory against the definitions and reports shadow endpoints', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'logs'));
    copyFileSync(join(SHADOW, 'openapi.yaml'), join(dir, 'openapi.yaml'));
    copyFileSync(join(SHADOW, 'unsafe.log'), join(dir, 'logs/access.log'));
    write(dir, 'rampart.config.yaml', 'traffic: [logs/access.log]\n');
    const r = await rampart(['scan', '--no-record', '-o', 'out.json'], { cwd: dir });
    const result = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as RunResult;
    const shadow = result.findings.filter((f) => f.ruleId === 'shadow-endpoint');
    expect(shadow.length).toBeGreaterThan(0);
    expect(shadow.every((f) => f.stage === 'runtime')).toBe(true);
    expect(r.stderr).toMatch(/ · inventory \d+ \(1 traffic file, [\d.]+ s\)/);
  });

  it('traffic: tells OTLP/JSON from access logs by its resourceSpans, whatever the file is named', () => {
    const dir = tempDir();
    write(dir, 'captures/export.json', '{"resourceSpans": []}\n');
    write(dir, 'captures/traces.json', '{}\n');
    write(dir, 'captures/access.log', '127.0.0.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1\n');
    write(dir, 'captures/other.json', '{"entries": []}\n');
    write(dir, 'captures/a.har', '{}');
    const files = ['export.json', 'traces.json', 'access.log', 'other.json', 'a.har'].map((f) => join(dir, 'captures', f));
    expect(trafficKinds(files)).toEqual({
      har: [files[4]],
      otlp: [files[0], files[1]],
      accessLog: [files[2], files[3]],
    });
  });

  it('targets: graphql runs the GraphQL probe as a stage of its own', async () => {
    const dir = project();
    write(dir, 'rampart.config.yaml', 'targets:\n  graphql: http://127.0.0.1:9/graphql\n');
    const r = await rampart(['scan', '--no-record', '-o', 'out.json'], { cwd: dir });
    expect(r.stderr).toMatch(/ · graphql 0 \(http:\/\/127\.0\.0\.1:9\/graphql, /);
  });

  it('--graphql URL probes a live GraphQL endpoint in the same run, over the config', async () => {
    const api = await createDemoApi({ hardened: false });
    try {
      const dir = project();
      write(dir, 'rampart.config.yaml', 'targets:\n  graphql: http://127.0.0.1:9/graphql\n');
      const r = await rampart(['scan', '--no-record', '--graphql', `${api.url}/graphql`, '-o', 'out.json'], { cwd: dir });
      expect(r.code).toBe(1);
      const result = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as RunResult;
      const live = result.findings.filter((f) => f.ruleId.startsWith('graphql-') && f.stage === 'probe');
      expect(live.map((f) => f.ruleId)).toContain('graphql-introspection-enabled');
      expect(live.every((f) => f.location.kind === 'http' && f.location.url?.startsWith(api.url))).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('--graphql with no endpoint is a usage error', async () => {
    const r = await rampart(['scan', '--no-record', '--graphql', ''], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rampart: --graphql: give the endpoint\n');
  });
});

describe('the progress line', () => {
  it('is one line rewritten in place on a terminal, erased at the end', async () => {
    const dir = project();
    const r = await rampart(['scan', '--no-record', '-o', 'out.json'], { cwd: dir, stderrIsTTY: true, env: {} });
    const shown = r.stderr.replaceAll('\r\u001b[2K', '<redraw>');
    expect(shown).toMatch(/^<redraw>rampart: scan [01]\/2 stages done · audit \d+(?:\/1)? files · secrets \d+(?:\/\d+)? files/);
    // Erased before the summary: the terminal keeps only what follows.
    expect(shown).toMatch(/<redraw>rampart: stages: audit /);
  });

  it('is not shown off a terminal or in CI', async () => {
    const dir = project();
    for (const io of [{ stderrIsTTY: false }, { stderrIsTTY: true, env: { CI: 'true' } }]) {
      const r = await rampart(['scan', '--no-record', '-o', 'out.json'], { cwd: dir, ...io });
      expect(r.stderr).not.toContain('\r');
    }
  });
});
