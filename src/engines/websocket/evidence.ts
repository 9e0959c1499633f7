import { STATUS_CODES } from 'node:http';
import type { Evidence } from '../../core/index.ts';
import { type Redactor, redactHeader, redactText, redactUrl, shellQuote } from '../probe/evidence.ts';
import type { WsSession } from './types.ts';

/**
 * Evidence of a WebSocket finding: the upgrade request and its answer as HTTP text, the frames
 * exchanged (cut), the close, every credential redacted; and a websocat command that replays the
 * connection with credentials as shell variables.
 */

/** Frames shown per session. */
const FRAMES_SHOWN = 12;

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

export function upgradeRequestText(s: WsSession, r: Redactor): string {
  const u = new URL(s.url);
  const lines = [
    `GET ${redactUrl(pathOf(s.url), r)} HTTP/1.1`,
    `host: ${u.host}`,
    'connection: Upgrade',
    'upgrade: websocket',
    'sec-websocket-version: 13',
  ];
  for (const [k, v] of Object.entries(s.sentHeaders)) lines.push(`${k}: ${redactHeader(k, v, r)}`);
  return lines.join('\n');
}

/** `GET /socket (no credentials, Origin: …)`: what a comparison session sent. */
function upgradeLine(s: WsSession, r: Redactor): string {
  const creds = Object.keys(s.sentHeaders).filter((k) => k === 'cookie' || k === 'authorization');
  const what = creds.length ? creds.join(' + ') : 'no credentials';
  return `GET ${redactUrl(pathOf(s.url), r)} (${what}${s.sentHeaders.origin ? `, Origin: ${s.sentHeaders.origin}` : ''})`;
}

export function sessionText(s: WsSession, r: Redactor): string {
  if (s.error && s.upgrade.status === 0) return `(no answer: ${s.error})`;
  const lines = [`HTTP/1.1 ${s.upgrade.status} ${STATUS_CODES[s.upgrade.status] ?? ''}`.trimEnd()];
  for (const [k, v] of Object.entries(s.upgrade.headers)) lines.push(`${k}: ${redactHeader(k, v, r)}`);
  if (s.upgrade.body) lines.push('', redactText(s.upgrade.body, r));
  if (s.frames.length) lines.push('');
  const shown = s.frames.length > FRAMES_SHOWN ? [...s.frames.slice(0, FRAMES_SHOWN - 2), ...s.frames.slice(-2)] : s.frames;
  shown.forEach((f, i) => {
    if (s.frames.length > FRAMES_SHOWN && i === FRAMES_SHOWN - 2) lines.push(`… (${s.frames.length - FRAMES_SHOWN} more frames)`);
    lines.push(`${f.dir === 'sent' ? '>' : '<'} ${redactText(f.text, r)}`);
  });
  if (s.closed) lines.push(`(closed ${s.closed.code}${s.closed.reason ? ` ${redactText(s.closed.reason, r)}` : ''})`);
  else if (s.upgrade.status === 101) lines.push('(still open when the probe closed it)');
  return lines.join('\n');
}

/** Shell text with each known secret replaced by its variable: `'Cookie: '"$ALICE_COOKIE"`. */
function shellText(text: string, vars: Map<string, string>): string {
  const secrets = [...vars.keys()].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  let parts: (string | { v: string })[] = [text];
  for (const secret of secrets) {
    parts = parts.flatMap((p) => {
      if (typeof p !== 'string' || !p.includes(secret)) return [p];
      const pieces = p.split(secret);
      return pieces.flatMap((x, i) => (i === 0 ? [x] : [{ v: vars.get(secret) as string }, x]));
    });
  }
  return parts
    .filter((p) => p !== '')
    .map((p) => (typeof p === 'string' ? shellQuote(p) : `"$${p.v}"`))
    .join('');
}

/** A websocat command that opens the same connection (credentials as shell variables). */
export function websocatCommand(s: WsSession, r: Redactor, identitySecrets: Map<string, string>): string {
  const vars = new Map(identitySecrets);
  let n = 0;
  for (const secret of r.secrets) if (!vars.has(secret)) vars.set(secret, `SECRET_${++n}`);
  const args = ['websocat'];
  for (const [k, v] of Object.entries(s.sentHeaders)) {
    if (k === 'user-agent') continue;
    args.push('-H', shellText(`${k}: ${v}`, vars));
  }
  args.push(shellText(s.url, vars));
  return args.join(' ');
}

export function sessionEvidence(
  sessions: WsSession[],
  r: Redactor,
  hash: string,
  identitySecrets: Map<string, string>,
  identities?: string[],
): Evidence {
  const first = sessions[0];
  const ev: Evidence = { hash };
  if (first) {
    const origin = first.sentHeaders.origin;
    const result = first.upgrade.status ? String(first.upgrade.status) : (first.error ?? 'no answer');
    ev.snippet = `GET ${redactUrl(pathOf(first.url), r)} (WebSocket upgrade${origin ? `, Origin: ${origin}` : ''}${first.identity ? `, as ${first.identity}` : ''}) -> ${result}`;
    ev.request = upgradeRequestText(first, r);
    ev.response = [first, ...sessions.slice(1)]
      .map((s, i) => (i === 0 ? sessionText(s, r) : `--- compare: ${upgradeLine(s, r)}\n${sessionText(s, r)}`))
      .join('\n\n');
    ev.curl = websocatCommand(first, r, identitySecrets);
  }
  const ids = identities ?? [...new Set(sessions.map((s) => s.identity).filter((x): x is string => !!x))];
  if (ids.length) ev.identities = ids;
  return ev;
}
