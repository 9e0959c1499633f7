import { runInNewContext } from 'node:vm';
import { chai } from 'vitest';
import type { PostmanCollection, PostmanItem } from '../../src/reporters/postman.ts';

/**
 * The fields Postman requires of a v2.1 collection (from its JSON schema: info.name, info.schema, item,
 * each request's url and method, header key/value pairs, body modes, test scripts as lines, variable
 * keys). Returns what is wrong, one line each.
 */
export function postmanProblems(c: unknown): string[] {
  const out: string[] = [];
  const obj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!obj(c)) return ['not an object'];
  if (!obj(c.info)) out.push('info missing');
  else {
    if (typeof c.info.name !== 'string' || !c.info.name) out.push('info.name missing');
    if (c.info.schema !== 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json') out.push('info.schema is not v2.1');
    if (c.info.description !== undefined && typeof c.info.description !== 'string') out.push('info.description not a string');
  }
  if (!Array.isArray(c.item)) out.push('item is not an array');
  for (const [i, item] of (Array.isArray(c.item) ? c.item : []).entries()) {
    const at = `item[${i}]`;
    if (!obj(item) || !obj(item.request)) {
      out.push(`${at}: no request`);
      continue;
    }
    const r = item.request;
    if (typeof r.method !== 'string' || !/^[A-Z]+$/.test(r.method)) out.push(`${at}: bad method`);
    if (!(typeof r.url === 'string' || (obj(r.url) && typeof r.url.raw === 'string'))) out.push(`${at}: no url`);
    if (obj(r.url)) {
      if (!Array.isArray(r.url.host) || !r.url.host.every((h) => typeof h === 'string')) out.push(`${at}: url.host not strings`);
      if (!Array.isArray(r.url.path) || !r.url.path.every((h) => typeof h === 'string')) out.push(`${at}: url.path not strings`);
    }
    if (!Array.isArray(r.header) || !r.header.every((h) => obj(h) && typeof h.key === 'string' && typeof h.value === 'string'))
      out.push(`${at}: header not key/value pairs`);
    if (r.body !== undefined && !(obj(r.body) && ['raw', 'urlencoded', 'formdata', 'file', 'graphql'].includes(String(r.body.mode))))
      out.push(`${at}: bad body mode`);
    if (obj(r.body) && r.body.mode === 'raw' && typeof r.body.raw !== 'string') out.push(`${at}: raw body not a string`);
    for (const e of Array.isArray(item.event) ? item.event : item.event === undefined ? [] : [null]) {
      if (
        !obj(e) ||
        typeof e.listen !== 'string' ||
        !obj(e.script) ||
        !Array.isArray(e.script.exec) ||
        !e.script.exec.every((l) => typeof l === 'string')
      )
        out.push(`${at}: bad event`);
    }
  }
  if (!Array.isArray(c.variable) || !c.variable.every((v) => obj(v) && typeof v.key === 'string' && typeof v.value === 'string'))
    out.push('variable not key/value pairs');
  return out;
}

export interface Answer {
  code: number;
  headers: Record<string, string>;
  body: string;
}

/** Runs an item's test script as Postman would (pm.test, pm.expect from chai, pm.response): names and outcomes. */
export function runTests(item: PostmanItem, answer: Answer): { name: string; passed: boolean }[] {
  const results: { name: string; passed: boolean }[] = [];
  const lower = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const pm = {
    expect: chai.expect,
    test(name: string, fn: () => void) {
      try {
        fn();
        results.push({ name, passed: true });
      } catch {
        results.push({ name, passed: false });
      }
    },
    response: {
      code: answer.code,
      text: () => answer.body,
      headers: { get: (n: string) => lower[n.toLowerCase()], has: (n: string) => n.toLowerCase() in lower },
    },
  };
  for (const e of item.event ?? []) if (e.listen === 'test') runInNewContext(e.script.exec.join('\n'), { pm }, { timeout: 1000 });
  return results;
}

/** `{{name}}` replaced from `vars`; unknown names stay as they are (as Postman leaves them). */
export function resolveVars(s: string, vars: Record<string, string>): string {
  return s.replace(/\{\{([^{}]+)\}\}/g, (all, k: string) => vars[k] ?? all);
}

/** Sends an item's request the way Postman would, with the variables filled in. */
export async function send(item: PostmanItem, vars: Record<string, string>): Promise<Answer> {
  const r = item.request;
  const headers: Record<string, string> = {};
  for (const h of r.header) headers[resolveVars(h.key, vars)] = resolveVars(h.value, vars);
  const res = await fetch(resolveVars(r.url.raw, vars), {
    method: r.method,
    headers,
    body: r.body ? resolveVars(r.body.raw, vars) : undefined,
    redirect: 'manual',
  });
  return { code: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

export type { PostmanCollection };
