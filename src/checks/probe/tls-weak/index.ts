import { X509Certificate } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { isIP } from 'node:net';
import { checkServerIdentity, connect, type DetailedPeerCertificate, rootCertificates, type SecureVersion } from 'node:tls';
import type { Severity } from '../../../core/index.ts';
import { defineProbeCheck, type Exchange, type ProbeContext, type ProbeResponse } from '../../../engines/probe/types.ts';

/**
 * TLS of an https target, judged with the target's own handshakes (node:tls, to the target host and
 * port only, no credentials): certificate dates, trust and hostname, TLS 1.0/1.1, and whether plain
 * HTTP redirects to HTTPS. The HTTP evidence of each finding is the run's first answer from the target.
 */

interface Handshake {
  protocol?: string;
  cert?: DetailedPeerCertificate;
  authorized?: boolean;
  authorizationError?: string;
  error?: string;
  code?: string;
}

function handshake(
  ctx: ProbeContext,
  host: string,
  port: number,
  opts: { ca?: string[]; version?: SecureVersion } = {},
): Promise<Handshake> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (h: Handshake) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(h);
    };
    let socket: ReturnType<typeof connect> | undefined;
    const timer = setTimeout(() => finish({ error: `timeout after ${ctx.run.timeoutMs} ms` }), ctx.run.timeoutMs);
    try {
      socket = connect({
        host,
        port,
        ...(isIP(host) ? {} : { servername: host }),
        rejectUnauthorized: false,
        ...(opts.ca ? { ca: [...rootCertificates, ...opts.ca] } : {}),
        ...(opts.version ? { minVersion: opts.version, maxVersion: opts.version, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
      });
    } catch (e) {
      finish({ error: (e as Error).message, code: (e as { code?: string }).code });
      return;
    }
    socket.once('secureConnect', () => {
      const s = socket as ReturnType<typeof connect>;
      finish({
        protocol: s.getProtocol() ?? undefined,
        cert: s.getPeerCertificate(true),
        authorized: s.authorized,
        authorizationError: s.authorizationError ? String(s.authorizationError) : undefined,
      });
    });
    socket.once('error', (e: Error & { code?: string }) => finish({ error: e.message, code: e.code }));
  });
}

/** A plain-HTTP GET to host:port (no credentials), as an exchange for the evidence. */
function plainHttp(ctx: ProbeContext, host: string, port: number, path: string): Promise<Exchange | undefined> {
  const url = `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}${path}`;
  const sentHeaders = { host: `${host}:${port}`, 'user-agent': 'rampart-probe', accept: '*/*' };
  return new Promise((resolve) => {
    const started = performance.now();
    const req = httpRequest(url, { method: 'GET', headers: sentHeaders, timeout: ctx.run.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < 4096) chunks.push(c);
        size += c.length;
        if (size > 65536) res.destroy();
      });
      const end = () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const response: ProbeResponse = {
          status: res.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString('utf8').slice(0, 4096),
          truncated: size > 4096,
          timeMs: Math.round(performance.now() - started),
        };
        resolve({ seq: 0, request: { method: 'GET', path, url, sentHeaders }, response });
      };
      res.once('end', end);
      res.once('close', end);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(undefined));
    req.end();
  });
}

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const DATES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** Signed by its own key (whatever the chain-building of the handshake reported first). */
function selfSigned(cert: DetailedPeerCertificate): boolean {
  try {
    const x = new X509Certificate(cert.raw);
    // Not checkIssued: OpenSSL refuses a leaf whose key usage lacks keyCertSign as its own issuer.
    return x.issuer === x.subject && x.verify(x.publicKey);
  } catch {
    return false;
  }
}

function subjectOf(cert: DetailedPeerCertificate): string {
  const cn = cert.subject?.CN;
  const san = cert.subjectaltname;
  return [cn ? `CN=${cn}` : '', san ? san : ''].filter(Boolean).join(', ') || 'no subject';
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export default defineProbeCheck({
  id: 'tls-weak',
  title: 'Weak TLS: bad certificate, old protocol or plain HTTP',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-295', 'CWE-326', 'CWE-319'],
  messages: {
    expired:
      'The TLS certificate of {{host}} expired on {{date}} ({{subject}}): clients that verify certificates refuse the API, and clients switched to "accept anything" to keep working also accept an attacker\'s certificate, who then reads tokens and data. Renew it and automate renewal (ACME, cert-manager) with expiry monitoring.',
    notYetValid:
      'The TLS certificate of {{host}} is not valid before {{date}} ({{subject}}): clients that verify certificates refuse the API, pushing them to switch verification off. Serve a currently valid certificate and check the server clock.',
    selfSigned:
      "The TLS certificate of {{host}} is self-signed ({{subject}}): no client can tell it from an attacker's, so every client has to switch verification off, and then anyone in the middle reads tokens and data. Use a certificate from a public CA, or from your organisation's CA installed on the clients (pass it to this check with the ca option).",
    untrusted:
      'The TLS certificate of {{host}} does not chain to a trusted authority ({{reason}}; {{subject}}): clients refuse it or switch verification off. Serve the full chain (certificate and intermediates) from a trusted CA; for a private CA, pass it to this check with the ca option.',
    hostname:
      'The TLS certificate of {{host}} is for {{subject}}, not for {{host}}: verifying clients refuse the connection, and clients that skip the name check accept any valid certificate an attacker holds. Issue the certificate for the names clients use (subjectAltName).',
    protocol:
      'The server {{host}}:{{port}} still accepts {{versions}}: these versions are deprecated (RFC 8996) and open the connection to downgrade and CBC padding attacks that can expose tokens. Accept TLS 1.2 and 1.3 only (nginx: ssl_protocols TLSv1.2 TLSv1.3; Node: minVersion "TLSv1.2").',
    cleartext:
      'Plain HTTP on port {{port}} of {{host}} answers {{status}} instead of redirecting to HTTPS: any client or link using http:// sends credentials and data in cleartext, readable and changeable on the network. Redirect every plain-HTTP request to https:// with 301/308 (and send HSTS), or close port {{port}}.',
  },
  defaultOptions: { ca: undefined, httpPort: undefined, oldProtocols: true },
  docs: {
    description:
      'For https targets only: handshakes with the target host and port to judge the certificate (expired, not yet valid, self-signed, untrusted chain, wrong hostname), tries TLS 1.0 and 1.1 (option oldProtocols), and sends one plain-HTTP GET to port 80 (or the httpPort option) to see whether it redirects to HTTPS. A private CA can be trusted with the ca option (PEM).',
    attack:
      'A certificate clients cannot verify trains them (and their developers) to turn verification off, after which anyone on the network path impersonates the API and collects tokens. TLS 1.0/1.1 allow downgrade and padding attacks, and a plain-HTTP port that serves the API instead of redirecting leaks every credential sent to it.',
    fix: "Serve a certificate from a trusted CA for the API's hostnames with the full chain, renew it automatically, accept only TLS 1.2 and 1.3, and answer plain HTTP only with a redirect to HTTPS (or not at all), together with Strict-Transport-Security.",
  },
  async run(ctx) {
    if (ctx.target.protocol !== 'https:') return;
    const host = ctx.target.hostname.replace(/^\[|\]$/g, '');
    const port = Number(ctx.target.port || 443);
    const opt = ctx.options;
    const ca = typeof opt.ca === 'string' ? [opt.ca] : Array.isArray(opt.ca) ? (opt.ca as string[]) : undefined;
    // The HTTP evidence: the run's first answer from the target (the engine's reachability request).
    let proof = ctx.exchanges().find((x) => x.response && x.request.url.startsWith('https:'));
    if (!proof) proof = await ctx.send({ method: 'GET', path: ctx.target.pathname }, null);
    const report = (messageId: string, severity: Severity, data: Record<string, unknown>, exchanges: Exchange[] = [proof as Exchange]) =>
      ctx.report({
        method: 'GET',
        path: ctx.target.pathname,
        messageId,
        severity,
        data: { host, port, ...data },
        exchanges,
        fingerprintKey: messageId,
      });

    const h = await handshake(ctx, host, port, { ca });
    if (h.cert && Object.keys(h.cert).length) {
      const cert = h.cert;
      const subject = subjectOf(cert);
      const now = Date.now();
      const to = new Date(cert.valid_to);
      const from = new Date(cert.valid_from);
      if (to.getTime() < now) report('expired', 'high', { date: day(to), subject });
      if (from.getTime() > now) report('notYetValid', 'high', { date: day(from), subject });
      if (checkServerIdentity(host, cert)) report('hostname', 'high', { subject });
      const err = h.authorizationError;
      if ((err && SELF_SIGNED.has(err)) || (!h.authorized && selfSigned(cert))) report('selfSigned', 'medium', { subject });
      else if (err && !DATES.has(err) && !err.startsWith('ERR_TLS_CERT_ALTNAME')) report('untrusted', 'medium', { reason: err, subject });
    }

    if (opt.oldProtocols !== false) {
      const accepted: string[] = [];
      for (const version of ['TLSv1', 'TLSv1.1'] as SecureVersion[]) {
        if (ctx.signal.aborted) return;
        const old = await handshake(ctx, host, port, { ca, version });
        if (old.protocol === version) accepted.push(version === 'TLSv1' ? 'TLS 1.0' : 'TLS 1.1');
      }
      if (accepted.length) report('protocol', 'medium', { versions: accepted.join(' and ') });
    }

    const httpPort = opt.httpPort !== undefined ? Number(opt.httpPort) : port === 443 ? 80 : undefined;
    if (httpPort && !ctx.signal.aborted) {
      const plain = await plainHttp(ctx, host, httpPort, ctx.target.pathname);
      const res = plain?.response;
      if (plain && res) {
        const location = res.headers.location ?? '';
        const redirects = res.status >= 300 && res.status < 400 && /^https:\/\//i.test(location);
        // 400/426 "use HTTPS" refusals are fine too: nothing is served in cleartext.
        if (!redirects && res.status < 400) report('cleartext', 'medium', { port: httpPort, status: res.status }, [plain]);
      }
    }
  },
});
