/**
 * The enumeration windows of attacks.ts: per (client, endpoint) pair, the ids it asked for and how many
 * of its requests were denied. Pairs live in one open-addressing table keyed by the two numbers, their
 * fields in flat arrays (a slot per pair): most pairs are seen once, and a record plus a Map per client
 * for each cost more in allocation and garbage collection than the rest of the attack windows together.
 */

/** Pairs the arrays hold before they grow. */
const INITIAL = 1024;

export class IdWindows {
  /** Hash table: the client and endpoint numbers of the pair in each bucket, and its slot (-1: empty). */
  private clients = new Int32Array(INITIAL * 2);
  private endpoints = new Int32Array(INITIAL * 2);
  private slots = new Int32Array(INITIAL * 2).fill(-1);
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
    return h & (this.slots.length - 1);
  }

  /** The slot of a pair, -1 when it has none. */
  find(client: number, endpoint: number): number {
    const mask = this.slots.length - 1;
    for (let b = this.bucket(client, endpoint); ; b = (b + 1) & mask) {
      const s = this.slots[b];
      if (s < 0 || (this.clients[b] === client && this.endpoints[b] === endpoint)) return s;
    }
  }

  /** A new pair (find said it has none): its first id, seen at `time`, denied (1) or not (0). */
  add(client: number, endpoint: number, id: string, time: number, denied: number): number {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const s = this.count++;
    const mask = this.slots.length - 1;
    let b = this.bucket(client, endpoint);
    while (this.slots[b] >= 0) b = (b + 1) & mask;
    this.clients[b] = client;
    this.endpoints[b] = endpoint;
    this.slots[b] = s;
    this.firstId[s] = id;
    this.ids[s] = undefined;
    this.firstTime[s] = time;
    this.oldest[s] = time;
    this.denied[s] = denied;
    this.total[s] = 1;
    this.reported[s] = 0;
    return s;
  }

  /** Forgets every pair. */
  clear(): void {
    this.slots.fill(-1);
    this.firstId.length = 0;
    this.ids.length = 0;
    this.count = 0;
  }

  /** Twice the room: the table rehashed, the per-slot arrays copied. */
  private grow(): void {
    const { clients, endpoints, slots } = this;
    this.clients = new Int32Array(clients.length * 2);
    this.endpoints = new Int32Array(clients.length * 2);
    this.slots = new Int32Array(clients.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] < 0) continue;
      let b = this.bucket(clients[i], endpoints[i]);
      while (this.slots[b] >= 0) b = (b + 1) & mask;
      this.clients[b] = clients[i];
      this.endpoints[b] = endpoints[i];
      this.slots[b] = slots[i];
    }
    const room = this.slots.length / 2;
    if (room > this.firstTime.length) {
      this.firstTime = copied(this.firstTime, new Float64Array(room));
      this.oldest = copied(this.oldest, new Float64Array(room));
      this.denied = copied(this.denied, new Int32Array(room));
      this.total = copied(this.total, new Int32Array(room));
      this.reported = copied(this.reported, new Uint8Array(room));
    }
  }
}

function copied<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
