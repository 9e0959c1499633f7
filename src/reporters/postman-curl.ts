/**
 * Reads back the curl commands probe evidence carries (see `curlCommand` in engines/probe/evidence.ts):
 * words of single-quoted literals and `"$VAR"` parts, where each variable stands for a credential of an
 * identity (`$ALICE_TOKEN`) or another known secret (`$SECRET_1`). The variables stay variables: the real
 * values never were in the evidence.
 */

/** A piece of a shell word: literal text, or a shell variable holding a credential. */
export type Part = { text: string } | { variable: string };

export interface CurlRequest {
  method: string;
  url: Part[];
  headers: { name: Part[]; value: Part[] }[];
  body?: Part[];
}

/** Splits a command line into words of parts; undefined when the quoting is broken (then it is not ours). */
export function shellWords(command: string): Part[][] | undefined {
  const words: Part[][] = [];
  let word: Part[] | undefined;
  const lit = (s: string) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last && 'text' in last) last.text += s;
    else word.push({ text: s });
  };
  let i = 0;
  while (i < command.length) {
    const c = command[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (word) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return undefined;
      lit(command.slice(i + 1, end));
      i = end + 1;
    } else if (c === '\\' && i + 1 < command.length) {
      lit(command[i + 1]);
      i += 2;
    } else if (c === '"') {
      const m = /^"\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(command.slice(i));
      if (!m) return undefined;
      word ??= [];
      word.push({ variable: m[1] });
      i += m[0].length;
    } else {
      lit(c);
      i++;
    }
  }
  if (word) words.push(word);
  return words;
}

const joinText = (parts: Part[]) => parts.map((p) => ('text' in p ? p.text : `$${p.variable}`)).join('');

/** Splits parts at the first occurrence of `sep` in a literal part. */
function splitAt(parts: Part[], sep: string): [Part[], Part[]] | undefined {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!('text' in p)) continue;
    const at = p.text.indexOf(sep);
    if (at < 0) continue;
    const before = [...parts.slice(0, i), ...(at > 0 ? [{ text: p.text.slice(0, at) }] : [])];
    const rest = p.text.slice(at + sep.length);
    return [before, [...(rest ? [{ text: rest }] : []), ...parts.slice(i + 1)]];
  }
  return undefined;
}

/** The request of a `curl -i -sS [-X M] URL [-H 'k: v']... [--data-raw BODY]` command; undefined otherwise. */
export function parseCurl(command: string): CurlRequest | undefined {
  const words = shellWords(command);
  if (!words || joinText(words[0] ?? []) !== 'curl') return undefined;
  const req: CurlRequest = { method: 'GET', url: [], headers: [] };
  for (let i = 1; i < words.length; i++) {
    const flag = joinText(words[i]);
    if (flag === '-X' || flag === '--request') req.method = joinText(words[++i] ?? []);
    else if (flag === '-H' || flag === '--header') {
      const split = splitAt(words[++i] ?? [], ':');
      if (!split) continue;
      const [name, value] = split;
      if (value[0] && 'text' in value[0]) value[0] = { text: value[0].text.replace(/^\s+/, '') };
      req.headers.push({ name, value: value.filter((p) => !('text' in p) || p.text) });
    } else if (flag === '--data-raw' || flag === '--data' || flag === '-d') {
      req.body = words[++i] ?? [];
      if (req.method === 'GET') req.method = 'POST';
    } else if (flag.startsWith('-')) {
      // -i, -sS and the like carry no part of the request.
    } else req.url = words[i];
  }
  return req.url.length ? req : undefined;
}
