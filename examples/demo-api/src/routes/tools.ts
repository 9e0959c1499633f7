import { exec, execFile } from 'node:child_process';
import { lookup } from 'node:dns';
import { lookup as lookupAsync } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { requireUser } from '../auth.ts';
import { badRequest, type Ctx, json, type Route, readJson } from '../http.ts';

/** Merchant tools: a DNS lookup for shop domains and a webhook tester. */

/** RFC 1123 host names (letters, digits, hyphens; dot-separated labels of at most 63 characters). */
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

interface Output {
  stdout: string;
  stderr: string;
}

function run(fn: (cb: (err: Error | null, stdout: string, stderr: string) => void) => void): Promise<Output> {
  return new Promise((resolve) => fn((_err, stdout, stderr) => resolve({ stdout: String(stdout ?? ''), stderr: String(stderr ?? '') })));
}

async function dnsLookup(ctx: Ctx): Promise<void> {
  requireUser(ctx);
  const host = ctx.query.get('host') ?? '';
  if (!host) throw badRequest('host is required');
  const options = { timeout: 5000, maxBuffer: 64 * 1024 };
  let out: Output;
  if (!ctx.app.hardened) {
    // FLAW(command-injection): the host is pasted into a shell command line, so `localhost; id` runs `id` too.
    out = await run((cb) => exec(`getent hosts ${host}`, options, cb));
  } else {
    // FIX: only a syntactically valid host name is accepted, and it is passed as one argument with no shell.
    if (!HOSTNAME.test(host)) throw badRequest('host must be a host name such as shop.example.com');
    out = await run((cb) => execFile('getent', ['hosts', host], options, cb));
  }
  json(ctx, 200, { host, output: ctx.app.hardened ? out.stdout : out.stdout + out.stderr });
}

/** Addresses a webhook may never reach: loopback, private, link-local (cloud metadata), multicast, reserved. */
const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1] as string, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A DNS lookup that refuses blocked addresses at connect time (so DNS rebinding cannot slip past the first check). */
const safeLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as { address: string; family: number }[];
    const blocked = list.find((a) => isBlockedAddress(a.address));
    if (blocked || !list.length) return callback(Object.assign(new Error('blocked address'), { code: 'EBLOCKED' }), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

function postSafely(url: URL, payload: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        lookup: safeLookup,
        timeout: 3000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? null);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end(payload);
  });
}

async function webhookTest(ctx: Ctx): Promise<void> {
  requireUser(ctx);
  const body = readJson(ctx);
  let url: URL;
  try {
    url = new URL(String(body.url ?? ''));
  } catch {
    throw badRequest('url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('url must be an absolute http(s) URL');
  const payload = JSON.stringify({ event: 'webhook.test', sent_at: new Date().toISOString() });
  let status: number | null;
  if (!ctx.app.hardened) {
    // FLAW(ssrf): the server POSTs to whatever URL it is given, following redirects: internal services,
    // localhost admin ports and cloud metadata (169.254.169.254) are reachable through it.
    status = await fetch(url, {
      method: 'POST',
      body: payload,
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(3000),
    }).then(
      (r) => r.status,
      () => null,
    );
  } else {
    // FIX: no redirects, and the host must resolve to public addresses only (checked again when connecting).
    if (Object.keys(body).some((k) => k !== 'url')) throw badRequest('Only url may be sent');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host)
      ? [host]
      : await lookupAsync(host, { all: true }).then(
          (a) => a.map((x) => x.address),
          () => [],
        );
    if (!addresses.length) throw badRequest(`url: cannot resolve ${host}`);
    if (addresses.some(isBlockedAddress)) throw badRequest('url: private, loopback and link-local addresses are not allowed');
    status = await postSafely(url, payload);
  }
  json(ctx, 200, { url: url.href, delivered: status !== null && status >= 200 && status < 300, status });
}

export const toolRoutes: Route[] = [
  { method: 'GET', path: '/api/v2/tools/dns', handler: dnsLookup },
  { method: 'POST', path: '/api/v2/webhooks/test', handler: webhookTest },
];
