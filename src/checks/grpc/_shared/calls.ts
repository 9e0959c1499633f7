import type { GrpcMethod } from '../../../engines/grpc/probe/types.ts';

/**
 * Methods whose name says a call may destroy, cancel or move something: the probe never calls them
 * (an empty request could match more than intended on a careless server).
 */
const DESTRUCTIVE =
  /^(?:Delete|Remove|Purge|Drop|Destroy|Truncate|Wipe|Erase|Clear|Reset|Revoke|Disable|Deactivate|Suspend|Ban|Block|Shutdown|Stop|Kill|Terminate|Cancel|Abort|Transfer|Pay|Refund|Charge|Withdraw|Send|Publish|Execute|Exec|Run|Restart|Reboot|Restore|Rollback|Migrate|Flush|Evict|Expire|Invalidate|Logout|Unsubscribe|Close|Archive)(?:[A-Z_0-9]|$)/;
/** Names of methods that read: preferred when one call is enough. */
const READ = /^(?:Get|List|Search|Find|Lookup|Read|Describe|Query|Fetch|Check|Echo|Ping|Count|Watch|Batch[GL])/;

export function isSafeToCall(m: GrpcMethod): boolean {
  return !DESTRUCTIVE.test(m.name);
}

/** Safe methods, readers first, at most `max`. */
export function callable(methods: GrpcMethod[], max: number): GrpcMethod[] {
  const safe = methods.filter(isSafeToCall);
  return [...safe.filter((m) => READ.test(m.name)), ...safe.filter((m) => !READ.test(m.name))].slice(0, max);
}

/** `shop.v1.Users/GetUser`, as grpcurl names it. */
export function label(m: { service: string; name: string }): string {
  return `${m.service}/${m.name}`;
}

/** gRPC codes that mean the server read the request and judged it (not auth, not limits). */
export const PROCESSED: ReadonlySet<number> = new Set([0, 3, 5, 6, 9, 10, 11]);
export const DENIED: ReadonlySet<number> = new Set([7, 16]);
