import { DB_ERRORS, type ErrorPattern } from './sql.ts';

/**
 * What a verbose error looks like in an answer: stack traces of the common runtimes, framework debug
 * pages and database errors. Every pattern is linear (bounded repeats, no nested quantifiers) so a
 * 1 MiB hostile body costs milliseconds.
 */

export interface LeakPattern extends ErrorPattern {
  /** Matches needed (a single "at x (y:1:2)" may be prose; two frames are a trace). */
  min?: number;
}

export const STACK_TRACES: LeakPattern[] = [
  // Node.js / V8: `    at handler (/app/src/routes.js:42:13)`, `at node:internal/...:10:5`, `at file:///app/x.mjs:1:2`.
  {
    db: 'Node.js',
    min: 2,
    re: /\bat (?:[\w$.<>[\] ]{1,120} \()?(?:\/|[A-Za-z]:[\\/]|file:\/\/|node:)[^\s()'"]{1,300}:\d{1,6}:\d{1,6}\)?/g,
  },
  // Java / Kotlin / Scala: `at com.shop.OrderService.place(OrderService.java:88)`.
  {
    db: 'Java',
    min: 2,
    re: /\bat (?:[\w$]{1,80}\.){2,30}[\w$<>]{1,80}\((?:[\w$]{1,80}\.(?:java|kt|scala|groovy):\d{1,6}|Native Method|Unknown Source)\)/g,
  },
  // Python: the traceback header, or `File "/app/x.py", line 12, in handler` frames.
  { db: 'Python', re: /\bTraceback \(most recent call last\):/g },
  { db: 'Python', min: 2, re: /\bFile "[^"\n]{1,300}", line \d{1,6}, in [\w<>]{1,80}/g },
  // .NET: `at Shop.Orders.Place(Int32 id) in C:\src\Orders.cs:line 42`.
  { db: '.NET', re: /\bat [\w.`<>]{1,200}\([^)\n]{0,200}\) in [^\n]{1,300}?:line \d{1,6}/g },
  // PHP: `Fatal error: Uncaught ... in /var/www/x.php on line 12`, or `Stack trace:\n#0 /var/www/...`.
  {
    db: 'PHP',
    re: /\b(?:Fatal error|Parse error|Warning|Notice)(?:<\/b>)?: [^\n]{1,300}? in (?:<b>)?[^\s<]{1,300}\.php(?:<\/b>)? on line (?:<b>)?\d{1,6}/g,
  },
  { db: 'PHP', re: /\bStack trace:\s{0,4}(?:\n|\\n)#0 [^\n]{1,200}/g },
  // Ruby: `app/controllers/orders_controller.rb:12:in 'create'` (matched from the literal ".rb:", so no
  // scan backwards over a long word at every position).
  { db: 'Ruby', min: 2, re: /\.rb:\d{1,6}:in [`'][^'\n]{1,120}'/g },
  // Go: a panic with its goroutine dump.
  { db: 'Go', re: /\bgoroutine \d{1,8} \[running\]:/g },
];

export const DEBUG_PAGES: LeakPattern[] = [
  { db: 'Django', re: /You're seeing this error because you have <code>DEBUG = True<\/code>/g },
  { db: 'Werkzeug', re: /Werkzeug Debugger|The debugger caught an exception in your WSGI application/g },
  { db: 'Laravel', re: /Whoops, looks like something went wrong|\bIlluminate\\[A-Z]\w{1,60}\\[A-Z]\w{1,60}/g },
  { db: 'Rails', re: /Action Controller: Exception caught/g },
  { db: 'ASP.NET', re: /Server Error in '[^'\n]{0,100}' Application/g },
  { db: 'Symfony', re: /\bSymfony\\Component\\[A-Z]\w{1,60}\\[\w\\]{1,120}Exception\b/g },
];

export type LeakKind = 'debug page' | 'stack trace' | 'database error';

export interface Leak {
  kind: LeakKind;
  /** Runtime, framework or database. */
  source: string;
  excerpt: string;
}

function count(re: RegExp, text: string, min: number): RegExpExecArray | undefined {
  re.lastIndex = 0;
  let first: RegExpExecArray | undefined;
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    first ??= m;
    if (++n >= min) break;
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return n >= min ? first : undefined;
}

/** Every pattern as a global regex (counted with exec), most telling kind first. */
const GROUPS: { kind: LeakKind; source: string; re: RegExp; min: number }[] = (
  [
    ['debug page', DEBUG_PAGES],
    ['stack trace', STACK_TRACES],
    ['database error', DB_ERRORS],
  ] as [LeakKind, LeakPattern[]][]
).flatMap(([kind, patterns]) =>
  patterns.map((p) => ({ kind, source: p.db, re: p.re.global ? p.re : new RegExp(p.re.source, `${p.re.flags}g`), min: p.min ?? 1 })),
);

/** The most telling leak in `text`: a debug page, then a stack trace, then a database error. */
export function findLeak(text: string): Leak | undefined {
  for (const g of GROUPS) {
    const m = count(g.re, text, g.min);
    if (m) return { kind: g.kind, source: g.source, excerpt: m[0].replace(/\s+/g, ' ').trim().slice(0, 120) };
  }
  return undefined;
}
