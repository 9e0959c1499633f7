import { isIP } from 'node:net';

export interface GrpcTarget {
  /** HOST:PORT, brackets kept for IPv6. */
  address: string;
  host: string;
  port: number;
  /** `grpcs://` asks for TLS only; `grpc://` or nothing tries both. */
  tlsOnly: boolean;
  loopback: boolean;
  privateNetwork: boolean;
}

/** Reads `HOST:PORT`, `[::1]:50051`, `grpc://HOST:PORT` or `grpcs://HOST:PORT`. Throws a one-line message. */
export function parseTarget(given: string): GrpcTarget {
  const m = /^(?:(grpcs?):\/\/)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})\/?$/.exec(given.trim());
  if (!m) throw new Error(`--grpc: "${given}" is not HOST:PORT (e.g. localhost:50051 or grpcs://api.example.com:443)`);
  const port = Number(m[3]);
  if (port < 1 || port > 65535) throw new Error(`--grpc: port ${port} is out of range`);
  const host = (m[2] as string).replace(/^\[|\]$/g, '');
  const lower = host.toLowerCase();
  const loopback = lower === 'localhost' || lower.endsWith('.localhost') || /^127\./.test(host) || host === '::1';
  const v4 = isIP(host) === 4 ? host.split('.').map(Number) : undefined;
  const privateNetwork =
    !loopback &&
    ((v4 !== undefined &&
      (v4[0] === 10 ||
        (v4[0] === 172 && (v4[1] as number) >= 16 && (v4[1] as number) <= 31) ||
        (v4[0] === 192 && v4[1] === 168) ||
        (v4[0] === 169 && v4[1] === 254))) ||
      (isIP(host) === 6 && /^f[cd]/i.test(host)) ||
      (isIP(host) === 0 && !host.includes('.')));
  return { address: `${m[2]}:${port}`, host, port, tlsOnly: m[1] === 'grpcs', loopback, privateNetwork };
}
