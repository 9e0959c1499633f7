/**
 * Path and operation helpers for the response, error, rate-limit and business-flow checks (group D):
 * the words of a path's segments (see words.ts), and how messages name the place of a finding.
 */
import { opLabel } from './operations.ts';
import { words } from './words.ts';

/** One segment of a path template. */
export interface PathSegment {
  /** `{id}`-style template parameter (or a segment made only of parameters). */
  param: boolean;
  words: string[];
}

const EXTENSIONS = /\.(json|xml|yaml|yml|csv|txt|html?)$/i;

/**
 * The segments of a path template, without file extensions (`Tokens.json` → tokens). Segments that are
 * version markers (`v1`, `2.0`, `2010-04-01`, `api`) are dropped: they say nothing about the operation. A
 * `#fragment` some definitions append to make path keys unique is ignored.
 */
export function pathSegments(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  // Some definitions make path keys unique with a fragment (`/oauth2/token#refresh`): not part of the URL.
  const hash = path.indexOf('#');
  const url = hash >= 0 ? path.slice(0, hash) : path;
  for (const raw of url.split('/')) {
    if (!raw) continue;
    const seg = raw.replace(EXTENSIONS, '');
    const literal = seg.replace(/\{[^{}]*\}/g, ' ');
    const segWords = words(literal);
    if (segWords.length === 0) {
      if (seg.includes('{')) out.push({ param: true, words: [] });
      continue;
    }
    if (segWords.every(isVersionWord)) continue;
    out.push({ param: false, words: segWords });
  }
  return out;
}

/** `v1`, `v2beta1`, `2`, `2010`, `api`, `rest`: path noise. */
export function isVersionWord(w: string): boolean {
  if (w === 'api' || w === 'rest' || w === 'apis') return true;
  if (/^\d+$/.test(w)) return true;
  return /^v\d+[a-z0-9]{0,12}$/.test(w);
}

/**
 * How a message names the operation a node belongs to. A node inside the operation is named by the
 * operation (`POST /files`); a shared component (a `$ref`'d response, body or parameter, possibly in
 * another file) by where it is defined (`#/components/responses/Report`), so that the finding's text and
 * fingerprint do not depend on which operation happened to be visited first.
 */
export function subjectOf(
  node: { doc: { absPath: string; file: string }; pointer: string },
  op: { method: string; path: string; ref: { doc: { absPath: string }; pointer: string } },
): { subject: string; shared: boolean; pathLevel: boolean } {
  const sameFile = node.doc.absPath === op.ref.doc.absPath;
  const under = (p: string) => node.pointer === p || node.pointer.startsWith(`${p}/`);
  if (sameFile && under(op.ref.pointer)) return { subject: opLabel(op), shared: false, pathLevel: false };
  // Path-item level (`/paths/~1x/parameters/0`): shared by the operations of one path.
  const item = op.ref.pointer.slice(0, op.ref.pointer.lastIndexOf('/'));
  if (sameFile && item && under(item)) return { subject: op.path, shared: true, pathLevel: true };
  const segs = node.pointer.split('/');
  const at = segs.slice(0, segs[1] === 'components' ? 4 : 3).join('/');
  return { subject: `${sameFile ? '' : node.doc.file}#${at}`, shared: true, pathLevel: false };
}
