import type { RunResult } from '../core/index.ts';
import { renderJson } from './json.ts';

export interface RenderOptions {
  /** Colour and terminal niceties (console reporter only). */
  color?: boolean;
  /** Show everything, including skipped files (console reporter only). */
  verbose?: boolean;
}

export type Reporter = (result: RunResult, options: RenderOptions) => string;

/** Every output format by name; the CLI's --format picks one. */
export const REPORTERS: Record<string, Reporter> = {
  json: renderJson,
};

export function render(format: string, result: RunResult, options: RenderOptions = {}): string {
  const reporter = REPORTERS[format];
  if (!reporter) throw new Error(`unknown format "${format}" (choose one of ${Object.keys(REPORTERS).join(', ')})`);
  return reporter(result, options);
}
