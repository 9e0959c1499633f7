import { existsSync, readdirSync } from 'node:fs';
import type { AsyncApiCheck, WsProbeCheck } from '../../engines/websocket/types.ts';

/**
 * The WebSocket checks, one folder each named by the check id: AsyncAPI checks (stage `design`) and
 * live probe checks (stage `probe`) side by side, told apart by their metadata.
 */
const here = new URL('./', import.meta.url);
// From the repository the checks are TypeScript; in the published package they are compiled to dist/.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export function websocketCheckIds(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/index.${ext}`, here)))
    .map((d) => d.name)
    .sort();
}

export type WebSocketCheck = AsyncApiCheck | WsProbeCheck;

export async function loadWebSocketCheck(id: string): Promise<WebSocketCheck> {
  const mod = (await import(new URL(`${id}/index.${ext}`, here).href)) as { default: WebSocketCheck };
  return mod.default;
}

let all: Promise<WebSocketCheck[]> | undefined;

/** Every check, loaded once. */
export function loadWebSocketChecks(): Promise<WebSocketCheck[]> {
  all ??= Promise.all(websocketCheckIds().map(loadWebSocketCheck));
  return all;
}

export async function asyncApiChecks(): Promise<AsyncApiCheck[]> {
  return (await loadWebSocketChecks()).filter((c): c is AsyncApiCheck => c.stage === 'design');
}

export async function wsProbeChecks(): Promise<WsProbeCheck[]> {
  return (await loadWebSocketChecks()).filter((c): c is WsProbeCheck => c.stage === 'probe');
}
