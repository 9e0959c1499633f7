/**
 * Jupyter notebooks (nbformat 4): cell sources and outputs are stored as arrays of lines inside JSON
 * strings, so a line of code is `"token = \"...\"\n",` in the file. Each cell's source and each text
 * output is read as one decoded text (lines joined), mapped back to the file; images and other binary
 * outputs are skipped. https://nbformat.readthedocs.io/en/latest/format_description.html
 */
import type { WalkOptions } from './pieces.ts';

export function isNotebook(file: string, v: unknown): boolean {
  if (file.endsWith('.ipynb')) return true;
  return v !== null && typeof v === 'object' && Array.isArray((v as { cells?: unknown }).cells) && 'nbformat' in v;
}

export const notebookOptions: WalkOptions = {
  joinArrays: new Set([
    'source',
    'text',
    'traceback',
    'text/plain',
    'text/html',
    'text/markdown',
    'text/latex',
    'application/json',
    'application/javascript',
  ]),
  // Output data other than text (image/png, application/pdf...) is base64 of binary content.
  skip: (pointer, key) => key !== undefined && /\/data\/[^/]+$/.test(pointer) && !/^(?:text\/|application\/(?:json|javascript))/.test(key),
};
