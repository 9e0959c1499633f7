/**
 * The reporters by name, each loaded only when its format is asked for. The CLI reads this file, not
 * index.ts: loading all seven reporters (the HTML one embeds its styles and scripts) at start-up cost
 * every command, `--version` included, time for reports it never writes. index.ts keeps the synchronous
 * `render()` of the library API; a test checks that both list the same reporters.
 */

import type { RunResult } from '../core/result.ts';
import type { RenderOptions, Reporter } from './index.ts';

export const REPORTER_LOADERS: Record<string, () => Promise<Reporter>> = {
  console: async () => (await import('./console.ts')).renderConsole,
  json: async () => (await import('./json.ts')).renderJson,
  sarif: async () => (await import('./sarif.ts')).renderSarif,
  junit: async () => (await import('./junit.ts')).renderJunit,
  markdown: async () => (await import('./markdown.ts')).renderMarkdown,
  html: async () => (await import('./html.ts')).renderHtml,
  postman: async () => (await import('./postman.ts')).renderPostman,
};

/** Renders `result` in `format`, loading that reporter first. */
export async function renderLazily(format: string, result: RunResult, options: RenderOptions = {}): Promise<string> {
  const load = Object.hasOwn(REPORTER_LOADERS, format) ? REPORTER_LOADERS[format] : undefined;
  if (!load) throw new Error(`unknown format "${format}" (choose one of ${Object.keys(REPORTER_LOADERS).join(', ')})`);
  return (await load())(result, options);
}
