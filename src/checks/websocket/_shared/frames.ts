import type { Frame } from '../../../engines/websocket/types.ts';

/** The first answer, cut for a message. */
export function firstReply(frames: Frame[]): string {
  const t = frames[0]?.data ?? '';
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}
