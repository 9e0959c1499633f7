/**
 * The enumeration windows of attacks.ts: per (client, endpoint) pair, the ids it asked for and how many
 * of its requests were denied. Pairs live in one open-addressing table keyed by the two numbers, their
 * fields in flat arrays (a slot per pair): most pairs are seen once, and a record plus a Map per client
 * for each cost more in allocation and garbage collection than the rest of the attack windows together.
 */

/** Pairs the arrays hold before they grow. */
const INITIAL = 1024;

export class IdWindows {
  /**
   * Hash table: per bucket the client and endpoint numbers of its pair and the pair's slot (-1: empty),
   * side by side (a lookup reads one cache line, not three arrays' worth), then one unused number.
   */
  private table = newTable(INITIAL * 2);
  /** Buckets in the table (a power of two). */
  private buckets = INITIAL * 2;
  /** Pairs held. */
  count = 0;
  // Per slot.
  /** The first id seen; `ids` is only made when a second one comes. */
  readonly firstId: string[] = [];
  /** When the first id was last seen (while `ids` is not made). */
  firstTime = new Float64Array(INITIAL);
  readonly ids: (Map<string, number> | undefined)[] = [];
  /** No id in `ids` was seen before this time (a lower bound): pruning before it would delete nothing. */
  oldest = new Float64Array(INITIAL);
  denied = new Int32Array(INITIAL);
  total = new Int32Array(INITIAL);
  reported = new Uint8Array(INITIAL);

  private bucket(client: number, endpoint: number): number {
    let h = Math.imul(client, 0x9e3779b1) ^ Math.imul(endpoint + 1, 0x85ebca77);
    h ^= h >>> 15;
    return h & (this.buckets - 1);
  }

  /** The slot of a pair, -1 when it has none. */
  find(client: number, endpoint: number): number {
    const t = this.table;
    const mask = this.buckets - 1;
    for (let b = this.bucket(client, endpoint); ; b = (b + 1) & mask) {
      const at = b << 2;
      const s = t[at + 2];
      if (s < 0 || (t[at] === client && t[at + 1] === endpoint)) return s;
    }
  }

  /** A new pair (find said it has none): its first id, seen at `time`, denied (1) or not (0). */
  add(client: number, endpoint: number, id: string, time: number, denied: number): number {
    if ((this.count + 1) * 2 > this.buckets) this.grow();
    const s = this.count++;
    this.put(client, endpoint, s);
    this.firstId[s] = id;
    this.ids[s] = undefined;
    this.firstTime[s] = time;
    this.oldest[s] = time;
    this.denied[s] = denied;
    this.total[s] = 1;
    this.reported[s] = 0;
    return s;
  }

  /** Puts the pair in the first empty bucket from its own. */
  private put(client: number, endpoint: number, slot: number): void {
    const t = this.table;
    const mask = this.buckets - 1;
    let b = this.bucket(client, endpoint);
    while (t[(b << 2) + 2] >= 0) b = (b + 1) & mask;
    t[b << 2] = client;
    t[(b << 2) + 1] = endpoint;
    t[(b << 2) + 2] = slot;
  }

  /** Forgets every pair. */
  clear(): void {
    this.table = newTable(this.buckets);
    this.firstId.length = 0;
    this.ids.length = 0;
    this.count = 0;
  }

  /** Twice the room: the table rehashed, the per-slot arrays copied. */
  private grow(): void {
    const old = this.table;
    this.buckets *= 2;
    this.table = newTable(this.buckets);
    for (let at = 0; at < old.length; at += 4) if (old[at + 2] >= 0) this.put(old[at], old[at + 1], old[at + 2]);
    const room = this.buckets / 2;
    if (room > this.firstTime.length) {
      this.firstTime = copied(this.firstTime, new Float64Array(room));
      this.oldest = copied(this.oldest, new Float64Array(room));
      this.denied = copied(this.denied, new Int32Array(room));
      this.total = copied(this.total, new Int32Array(room));
      this.reported = copied(this.reported, new Uint8Array(room));
    }
  }
}

/** A table of `buckets` empty buckets (four numbers each). */
function newTable(buckets: number): Int32Array {
  const t = new Int32Array(buckets * 4);
  for (let at = 2; at < t.length; at += 4) t[at] = -1;
  return t;
}

function copied<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
