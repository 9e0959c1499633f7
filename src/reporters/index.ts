import type { RunResult } from '../core/index.ts';
import { renderConsole } from './console.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { renderPostman } from './postman.ts';
import { renderSarif } from './sarif.ts';

export interface RenderOptions {
  /** Colour and terminal niceties (console reporter only). */
  color?: boolean;
  /** Show everything: every place of every finding, evidence, skipped files with reasons (console reporter only). */
  verbose?: boolean;
  /**
   * Directory the run's relative paths are relative to. SARIF records it as `originalUriBaseIds[%SRCROOT%]`
   * so viewers can open the files; omitted, the SARIF output names no absolute path of this machine.
   * The HTML report reads code excerpts from files under it.
   */
  cwd?: string;
}

export type Reporter = (result: RunResult, options: RenderOptions) => string;

/** Every output format by name; the CLI's --format picks one. */
export const REPORTERS: Record<string, Reporter> = {
  console: renderConsole,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
  postman: renderPostman,
};

export function render(format: string, result: RunResult, options: RenderOptions = {}): string {
  const reporter = REPORTERS[format];
  if (!reporter) throw new Error(`unknown format "${format}" (choose one of ${Object.keys(REPORTERS).join(', ')})`);
  return reporter(result, options);
}

export { renderConsole, renderHtml, renderJson, renderJunit, renderMarkdown, renderPostman, renderSarif };
