/**
 * Structure-aware extraction, end to end: each fixture is a file in its real format; every secret it
 * holds must be found once, by the expected rule, at its exact place in the file (1-based line:column,
 * end column exclusive) with the JSON pointer of its value, and placeholders must not be found.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSecretRules } from '../../../checks/secrets/registry.ts';
import { matchText } from '../match.ts';
import type { Fragment, FragmentRegion } from '../types.ts';
import { extractFragments } from './index.ts';
import { Lines } from './positions.ts';

const rules = await loadSecretRules();

// Fixture values the tests name (kept apart from any credential word: this file is scanned too).
const V = {
  pmValue: 'Mx4Kq8Zp2Lw7Rv5Tn9Bd',
  nbSource: 'Nq4Zx8Lm2Wp7Rk3Vt9Bc',
  k8sPw: 'Sq7!vR2xLm9w',
  k8sTok: 'Jw4Kz9Xq2Lm7Rp3Vt8Nb',
  k8sEnv: 'Lq3!mX8zRw2p',
  plain: 'Xq8!mZ2wLp5k',
  env: 'Pz5!rK8wLm2q',
};
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

interface Hit {
  rule: string;
  at: string;
  pointer?: string;
  secret: string;
}

const at = (r: FragmentRegion) => `${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;

/** What `rampart secrets` reports for a file: the extracted fragments if any, else the text itself. */
function scan(file: string, text: string): Hit[] {
  const fragments: Fragment[] = extractFragments(file, text) ?? [{ file, text }];
  const lines = new Lines(text);
  const hits: Hit[] = [];
  for (const f of fragments) {
    for (const m of matchText(f.text, rules)) {
      const region = f.locate ? f.locate(m.start, m.end) : lines.region(m.start, m.end);
      hits.push({ rule: m.ruleId, at: at(region), ...(f.pointer !== undefined ? { pointer: f.pointer } : {}), secret: m.secret });
    }
  }
  return hits.sort((a, b) => a.at.localeCompare(b.at, undefined, { numeric: true }));
}

/** The text of the file at a region (to show that the region is the secret, not only its line). */
function textAt(text: string, where: string): string {
  const [a, b] = where.split('-');
  const [l1, c1] = a.split(':').map(Number);
  const [l2, c2] = b.split(':').map(Number);
  const lines = new Lines(text);
  return text.slice(lines.offset(l1, c1), lines.offset(l2, c2));
}

describe('Postman collection v2.1', () => {
  const file = 'fixtures/orders.postman_collection.json';
  const text = fixture('orders.postman_collection.json');
  const hits = scan(file, text);

  it('finds credentials of every auth type, headers, query, bodies, scripts and variables at their place', () => {
    expect(hits.map(({ rule, at, pointer }) => ({ rule, at, pointer }))).toEqual([
      { rule: 'generic-secret', at: '21:51-21:71', pointer: '/item/0/item/0/event/0/script/exec' },
      { rule: 'generic-password', at: '33:20-33:32', pointer: '/item/0/item/0/request/auth/basic/0/value' },
      { rule: 'generic-secret', at: '55:20-55:40', pointer: '/item/0/item/0/request/body/urlencoded/1/value' },
      { rule: 'jwt', at: '86:18-86:194', pointer: '/item/1/request/auth/bearer/0/value' },
      { rule: 'generic-secret', at: '95:17-95:37', pointer: '/item/1/request/header/0/value' },
      // The same key in the raw URL (read as plain text) and in the query parameter list.
      { rule: 'generic-secret', at: '100:57-100:77' },
      { rule: 'generic-secret', at: '114:18-114:38', pointer: '/item/1/request/url/query/0/value' },
      { rule: 'generic-secret', at: '129:18-129:38', pointer: '/item/2/request/auth/apikey/0/value' },
      { rule: 'generic-password', at: '153:61-153:73', pointer: '/item/2/request/body/raw' },
      { rule: 'generic-secret', at: '218:15-218:55', pointer: '/auth/awsv4/0/value' },
      { rule: 'generic-secret', at: '241:14-241:37', pointer: '/variable/1/value' },
    ]);
  });

  it('reports regions that are exactly the secret as the file writes it', () => {
    for (const h of hits) expect(textAt(text, h.at), h.at).toBe(h.secret);
  });

  it('does not report placeholders ({{var}}) or the documented AWS example key', () => {
    expect(hits.some((h) => h.secret.includes('{{'))).toBe(false);
    expect(hits.some((h) => h.pointer?.startsWith('/item/3'))).toBe(false);
    expect(hits.some((h) => h.pointer === '/auth/awsv4/1/value')).toBe(false);
  });

  it('leaves the header name of an API-key auth alone: only its value is a credential', () => {
    const fragments = extractFragments(file, text) ?? [];
    const apikey = fragments.filter((f) => f.pointer?.startsWith('/item/2/request/auth/apikey/'));
    expect(apikey.map((f) => [f.pointer, f.text])).toEqual([['/item/2/request/auth/apikey/0/value', `api_key = "${V.pmValue}"`]]);
  });
});

describe('Postman collection v2.0', () => {
  const text = fixture('legacy.postman_collection.json');
  it('finds the digest password (same line, plain) and the Basic header (key and value on two lines)', () => {
    expect(scan('legacy.postman_collection.json', text).map(({ rule, at, pointer }) => ({ rule, at, pointer }))).toEqual([
      { rule: 'generic-password', at: '17:26-17:38' },
      { rule: 'basic-auth-header', at: '24:29-24:53', pointer: '/item/0/request/header/0/value' },
    ]);
  });
});

describe('Postman environments and globals', () => {
  it('scans each value under its key; a value typed "secret" is judged as a secret whatever its name', () => {
    const text = fixture('production.postman_environment.json');
    const hits = scan('production.postman_environment.json', text);
    expect(hits.map(({ rule, at, pointer }) => ({ rule, at, pointer }))).toEqual([
      { rule: 'generic-password', at: '13:14-13:26', pointer: '/values/1/value' },
      { rule: 'generic-secret', at: '19:14-19:34', pointer: '/values/2/value' },
    ]);
    for (const h of hits) expect(textAt(text, h.at)).toBe(h.secret);
  });

  it('reads globals the same way', () => {
    expect(scan('workspace.postman_globals.json', fixture('workspace.postman_globals.json')).map((h) => [h.rule, h.at, h.pointer])).toEqual(
      [['generic-secret', '6:14-6:34', '/values/0/value']],
    );
  });
});

describe('Jupyter notebooks', () => {
  const text = fixture('analysis.ipynb');
  const hits = scan('analysis.ipynb', text);
  it('scans cell sources and text outputs as the code and text they are, with positions in the JSON', () => {
    expect(hits.map(({ rule, at, pointer }) => ({ rule, at, pointer }))).toEqual([
      { rule: 'generic-secret', at: '20:29-20:49', pointer: '/cells/1/outputs/0/text' },
      { rule: 'generic-secret', at: '36:18-36:38', pointer: '/cells/1/source' },
    ]);
    for (const h of hits) expect(textAt(text, h.at)).toBe(h.secret);
  });

  it('joins a cell into one text and skips image outputs', () => {
    const fragments = extractFragments('analysis.ipynb', text) ?? [];
    const source = fragments.find((f) => f.pointer === '/cells/1/source');
    expect(source?.text).toBe(`import requests\nAPI_KEY = "${V.nbSource}"\nresp = requests.get(URL, headers={"X-Api-Key": API_KEY})`);
    expect(fragments.some((f) => f.pointer?.includes('image'))).toBe(false);
  });
});

describe('Kubernetes manifests', () => {
  const text = fixture('secrets.k8s.yaml');
  const hits = scan('secrets.k8s.yaml', text);
  it('decodes Secret data (every document of the file) and reads env name/value pairs', () => {
    expect(hits.map(({ rule, at, pointer, secret }) => ({ rule, at, pointer, secret }))).toEqual([
      { rule: 'generic-password', at: '10:13-10:29', pointer: '/data/password', secret: V.k8sPw },
      { rule: 'generic-secret', at: '11:14-11:42', pointer: '/data/api-token', secret: V.k8sTok },
      expect.objectContaining({ at: '22:22-22:114', pointer: '/data/.dockerconfigjson' }),
      { rule: 'generic-password', at: '36:23-36:35', pointer: '/spec/template/spec/containers/0/env/0/value', secret: V.k8sEnv },
    ]);
  });

  it('reports a decoded value on the whole encoded value, and skips encoded placeholders', () => {
    expect(textAt(text, '10:13-10:29')).toBe(Buffer.from(V.k8sPw).toString('base64'));
    expect(hits.some((h) => h.secret === 'changeme')).toBe(false);
  });
});

describe('Compose and CI environment blocks', () => {
  it('finds defaults hidden in $' + '{VAR:-default} interpolations', () => {
    const text = fixture('docker-compose.yml');
    const hits = scan('docker-compose.yml', text);
    expect(hits.map(({ rule, at, pointer }) => ({ rule, at, pointer }))).toEqual([
      { rule: 'generic-password', at: '6:47-6:59', pointer: '/services/db/environment/POSTGRES_PASSWORD' },
      { rule: 'generic-secret', at: '12:42-12:62', pointer: '/services/api/environment/1' },
    ]);
    for (const h of hits) expect(textAt(text, h.at)).toBe(h.secret);
  });

  it('reads GitLab CI variables given as {value, description}', () => {
    expect(scan('.gitlab-ci.yml', fixture('.gitlab-ci.yml')).map((h) => [h.rule, h.at, h.pointer])).toEqual([
      ['generic-secret', '3:13-3:33', '/variables/DEPLOY_TOKEN/value'],
    ]);
  });

  it('reads Azure Pipelines variables given as name/value pairs', () => {
    expect(scan('azure-pipelines.yml', fixture('azure-pipelines.yml')).map((h) => [h.rule, h.at, h.pointer])).toEqual([
      ['generic-secret', '7:12-7:32', '/variables/1/value'],
    ]);
  });
});

describe('OpenAPI examples and defaults', () => {
  it('scans an example under the name of the property or parameter that owns it', () => {
    const text = fixture('orders.openapi.json');
    const hits = scan('orders.openapi.json', text);
    expect(hits.map(({ rule, at, pointer }) => ({ rule, at, pointer }))).toEqual([
      { rule: 'generic-secret', at: '12:25-12:45', pointer: '/paths/~1login/post/parameters/0/example' },
      {
        rule: 'generic-password',
        at: '25:33-25:45',
        pointer: '/paths/~1login/post/requestBody/content/application~1json/schema/properties/password/example',
      },
    ]);
    for (const h of hits) expect(textAt(text, h.at)).toBe(h.secret);
  });

  it('skips an example given to credentials of different kinds (a documentation sample)', () => {
    const fragments = extractFragments('orders.openapi.json', fixture('orders.openapi.json')) ?? [];
    expect(fragments.some((f) => f.pointer?.includes('/Exchange/'))).toBe(false);
  });
});

describe('plain files', () => {
  it('are left to the plain scan', () => {
    expect(extractFragments('src/app.ts', `const password = "${V.plain}";`)).toBeUndefined();
    expect(extractFragments('package.json', '{"name": "x", "version": "1.0.0"}')).toBeUndefined();
    expect(extractFragments('config.yaml', 'server:\n  port: 8080\n')).toBeUndefined();
    // Parsed (it has name/value pairs near a credential word) but nothing to extract.
    expect(extractFragments('c.json', '{"name": "token", "value": "short"}')).toBeUndefined();
  });

  it('are left alone when they do not parse', () => {
    expect(extractFragments('broken.postman_collection.json', '{"info": {"_postman_id": "x"}, "item": [')).toBeUndefined();
  });
});

describe('the masked plain fragment', () => {
  it('keeps the file length and line breaks, and blanks exactly the extracted values', () => {
    const text = fixture('production.postman_environment.json');
    const [plain] = extractFragments('e.json', text) ?? [];
    expect(plain.text.length).toBe(text.length);
    expect(plain.text.split('\n').length).toBe(text.split('\n').length);
    expect(plain.text).not.toContain(V.env);
    expect(plain.text).toContain('"key": "db_password"');
    expect(plain.locate).toBeUndefined();
    expect(plain.pointer).toBeUndefined();
  });
});
