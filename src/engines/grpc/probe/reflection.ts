import type * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import descriptorModule from 'protobufjs/ext/descriptor.js';
import { REFLECTION_PROTO } from './reflection-proto.ts';

/**
 * gRPC server reflection (v1 and v1alpha share one message layout) over protobufjs descriptors: the
 * probe's client, and the types a test server needs to answer it.
 */

export type ReflectionVersion = 'v1' | 'v1alpha';
export const REFLECTION_VERSIONS: ReflectionVersion[] = ['v1', 'v1alpha'];

interface DescriptorExt {
  FileDescriptorProto: protobuf.Type;
}
/** The descriptor extension (it also adds Root.fromDescriptor and Root#toDescriptor). */
export const descriptor = descriptorModule as unknown as DescriptorExt;

const roots = new Map<ReflectionVersion, protobuf.Root>();

export interface ReflectionTypes {
  service: string;
  path: string;
  request: protobuf.Type;
  response: protobuf.Type;
}

export function reflectionTypes(version: ReflectionVersion): ReflectionTypes {
  let root = roots.get(version);
  if (!root) {
    root = protobuf.parse(REFLECTION_PROTO.replace('package grpc.reflection.v1alpha;', `package grpc.reflection.${version};`), {
      keepCase: true,
    }).root;
    roots.set(version, root);
  }
  const service = `grpc.reflection.${version}.ServerReflection`;
  return {
    service,
    path: `/${service}/ServerReflectionInfo`,
    request: root.lookupType(`grpc.reflection.${version}.ServerReflectionRequest`),
    response: root.lookupType(`grpc.reflection.${version}.ServerReflectionResponse`),
  };
}

/** Limits of one reflection session. */
const MAX_SERVICES = 200;
const MAX_FILES = 500;

export interface ReflectionResult {
  version: ReflectionVersion;
  services: string[];
  /** The server's types, when its file descriptors could be read. */
  root?: protobuf.Root;
  /** Requests sent on the stream. */
  sent: number;
  problem?: string;
}

type Answer = Record<string, unknown>;

/**
 * Lists the services a server reflects, then fetches the descriptors of each one and of the files they
 * import, on one bidirectional stream. Resolves undefined when the server has no reflection of this version.
 */
export function reflect(
  client: grpc.Client,
  version: ReflectionVersion,
  timeoutMs: number,
  metadata: grpc.Metadata,
  /** Waits for the rate limit; false when the budget is spent. */
  beforeSend: () => Promise<boolean>,
): Promise<ReflectionResult | undefined> {
  const t = reflectionTypes(version);
  return new Promise((resolvePromise) => {
    const call = client.makeBidiStreamRequest(
      t.path,
      (m: Answer) => Buffer.from(t.request.encode(t.request.fromObject(m)).finish()),
      (b: Buffer) => t.response.toObject(t.response.decode(b), { defaults: false, bytes: Buffer }) as Answer,
      metadata,
      { deadline: Date.now() + timeoutMs },
    );
    const pending: ((a: Answer | Error) => void)[] = [];
    let closed: Error | undefined;
    call.on('data', (a: Answer) => pending.shift()?.(a));
    call.on('error', (e: Error) => {
      closed = e;
      for (const p of pending.splice(0)) p(e);
    });
    call.on('end', () => {
      closed ??= new Error('stream ended');
      for (const p of pending.splice(0)) p(closed);
    });
    let sent = 0;
    const ask = async (m: Answer): Promise<Answer | Error> => {
      if (closed) return closed;
      if (!(await beforeSend())) return new Error('request budget exhausted');
      if (closed) return closed;
      sent++;
      return new Promise((r) => {
        pending.push(r);
        call.write(m);
      });
    };
    void (async () => {
      const first = await ask({ list_services: '' });
      if (first instanceof Error) {
        call.cancel();
        resolvePromise(undefined);
        return;
      }
      const list = (first.list_services_response as { service?: { name: string }[] } | undefined)?.service ?? [];
      const services = list.map((s) => s.name).slice(0, MAX_SERVICES);
      const files = new Map<string, unknown>();
      const wanted: string[] = [];
      const take = (a: Answer | Error): string | undefined => {
        if (a instanceof Error) return a.message;
        const fds = (a.file_descriptor_response as { file_descriptor_proto?: Buffer[] } | undefined)?.file_descriptor_proto ?? [];
        for (const b of fds) {
          if (files.size >= MAX_FILES) break;
          const fd = descriptor.FileDescriptorProto.decode(b) as unknown as { name: string; dependency?: string[] };
          if (files.has(fd.name)) continue;
          files.set(fd.name, fd);
          for (const d of fd.dependency ?? []) wanted.push(d);
        }
        return undefined;
      };
      let problem: string | undefined;
      for (const s of services) {
        if (s.startsWith('grpc.reflection.')) continue;
        problem ??= take(await ask({ file_containing_symbol: s }));
      }
      while (wanted.length && files.size < MAX_FILES && !problem) {
        const name = wanted.shift() as string;
        if (!files.has(name)) problem = take(await ask({ file_by_filename: name }));
      }
      call.end();
      call.cancel();
      let root: protobuf.Root | undefined;
      if (files.size) {
        try {
          root = protobuf.Root.fromDescriptor({ file: [...files.values()] } as never, { keepCase: true } as never);
          root.resolveAll();
        } catch (e) {
          problem ??= `the reflected descriptors do not resolve: ${(e as Error).message}`;
          root = undefined;
        }
      }
      resolvePromise({ version, services, root, sent, problem });
    })();
  });
}
