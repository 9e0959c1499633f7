// Every real capture of ../shared/corpus/traffic (HAR exports of Chrome, Firefox, Safari, Charles, Fiddler,
// Insomnia, mitmproxy and WebPageTest; access logs of many servers; an OTLP trace) is read by its reader:
// it loads, or it fails with one clean line naming the file and the place. Then the whole corpus goes
// through `rampart inventory` in one run.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventory } from '../../../src/engines/runtime/inventory/engine.ts';
import { readTraffic, TrafficError, type TrafficKind } from '../../../src/formats/traffic/index.ts';

const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'traffic');
const present = existsSync(CORPUS);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...files(join(dir, e.name)).map((f) => `${e.name}/${f}`));
    else out.push(e.name);
  }
  return out.sort();
}

/** Files that are not readable captures, and the one line each must fail with. */
const EXPECTED_ERRORS: Record<string, RegExp> = {
  'har/mitmproxy/corrupted_har__brokenfile.har':
    /^har\/mitmproxy\/corrupted_har__brokenfile\.har:5:1: invalid JSON: expected ',' or '}' after the value of "log", found '"'$/,
  'har/mitmproxy/har_extractor.har':
    /^har\/mitmproxy\/har_extractor\.har:2:5: not a HAR file: no top-level "log" object, only "test_response"; a wrapped export\? unwrap it to \{"log": \.\.\.\}$/,
  'logs/lnav/logfile_otel_collector.jsonl':
    /^logs\/lnav\/logfile_otel_collector\.jsonl:1:1: not an access log: the first 6 lines are not requests in any known format/,
};

/** Records per file that must load (a sample of the corpus, to catch a reader that silently drops entries). */
const EXPECTED_RECORDS: Record<string, number> = {
  'har/har-to-openapi/request-generator-all-status-and-method.har': 665,
  'har/pagexray/expressen.har': 607,
  'har/mitmproxy/har_files__with-bom.har': 1,
  'har/mitmproxy/flows__websocket.har': 3,
  'har/mitmproxy/har_files__safari.har': 19,
  'har/har-to-openapi/invalid-url.har': 0,
  'logs/lnav/logfile_shop_access_log.0': 1000,
  'logs/lnav/logfile_w3c_big.0': 210,
  'logs/lnav/logfile_bro_http.log.0': 197,
  'logs/lnav/logfile_cloudflare.1': 15,
  'logs/lnav/logfile_caddy_log.0': 4,
  'logs/lnav/format-samples-alb_log.log': 5,
  'logs/lnav/logfile_uwsgi.0': 19,
  'otel/otlp-proto-example-trace.json': 0,
};

function kindOf(f: string): TrafficKind {
  return f.startsWith('har/') ? 'har' : f.startsWith('logs/') ? 'access-log' : 'otlp';
}

describe('the traffic corpus', () => {
  if (!present) {
    // Reason: ../shared/corpus is test data outside the repository; tests skip, and say so, where it is absent.
    it.skip(`is absent (${CORPUS}): traffic corpus test not run`, () => {});
    return;
  }
  const all = files(CORPUS).filter((f) => /^(har|logs|otel)\//.test(f));

  it('has captures of every kind', () => {
    expect(all.filter((f) => f.startsWith('har/')).length).toBeGreaterThanOrEqual(40);
    expect(all.filter((f) => f.startsWith('logs/')).length).toBeGreaterThanOrEqual(15);
    expect(all.filter((f) => f.startsWith('otel/')).length).toBeGreaterThanOrEqual(1);
  });

  it.each(all)('%s loads or fails with one clean line', async (f) => {
    let n = 0;
    let error: string | undefined;
    try {
      for await (const r of readTraffic(kindOf(f), join(CORPUS, f), f)) {
        n++;
        expect(r.method).toMatch(/^[A-Z_-]+$/);
        expect(r.path.startsWith('/')).toBe(true);
        expect(r.source).toBe(f);
        expect(r.line).toBeGreaterThanOrEqual(1);
      }
    } catch (e) {
      expect(e, `${f}: ${String(e)}`).toBeInstanceOf(TrafficError);
      const t = e as TrafficError;
      expect(t.file).toBe(f);
      error = `${t.file}${t.line ? `:${t.line}${t.column ? `:${t.column}` : ''}` : ''}: ${t.message}`;
      expect(error).not.toContain('\n');
      expect(t.message).not.toMatch(/undefined|\[object|TypeError|at position/);
    }
    if (EXPECTED_ERRORS[f]) expect(error).toMatch(EXPECTED_ERRORS[f]);
    else expect(error, `${f} should load`).toBeUndefined();
    if (EXPECTED_RECORDS[f] !== undefined) expect(n).toBe(EXPECTED_RECORDS[f]);
  });

  it('reads the whole corpus in one inventory run: every endpoint has a template and a redacted sample', async () => {
    const r = await inventory({
      har: all.filter((f) => f.startsWith('har/')).map((f) => join(CORPUS, f)),
      accessLog: all.filter((f) => f.startsWith('logs/')).map((f) => join(CORPUS, f)),
      otlp: all.filter((f) => f.startsWith('otel/')).map((f) => join(CORPUS, f)),
      cwd: CORPUS,
      emitOpenApi: true,
    });
    expect(r.diagnostics.filter((d) => d.level === 'error')).toHaveLength(Object.keys(EXPECTED_ERRORS).length);
    expect(r.trafficFiles.length).toBe(all.length - Object.keys(EXPECTED_ERRORS).length);
    expect(r.stats.records).toBeGreaterThan(3500);
    expect(r.inventory.length).toBeGreaterThan(100);
    for (const e of r.inventory) {
      expect(e.path.startsWith('/'), e.path).toBe(true);
      expect(e.count).toBeGreaterThan(0);
      // No credential value ever reaches the evidence.
      expect(e.sample.request).not.toMatch(/Bearer (?!\[redacted)|Cookie: [^\n]*=(?!\[redacted\])[^;\n]/);
    }
    // The websocket capture's api_key query parameter is redacted.
    const ws = r.inventory.find((e) => e.websocket && e.sample.url.includes('piesocket'));
    expect(ws?.sample.url).toContain('api_key=[redacted]');
    expect(JSON.stringify(r.inventory)).not.toContain('VCXCEuvhGcBDP7XhiJJUDvR1e1D3eiVjgZ9VRiaV');
    expect(Object.keys(r.openapi?.paths as object).length).toBeGreaterThan(50);
  });
});
