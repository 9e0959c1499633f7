import { classifyHost } from '../../../checks/design/_shared/net-url.ts';

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
  // The classification the design checks use for server URLs (brackets kept: that is how it reads IPv6).
  const kind = classifyHost(m[2] as string).kind;
  const loopback = kind === 'loopback' || kind === 'unspecified';
  const privateNetwork = kind === 'private' || kind === 'link-local' || kind === 'internal-name';
  return { address: `${m[2]}:${port}`, host, port, tlsOnly: m[1] === 'grpcs', loopback, privateNetwork };
}
