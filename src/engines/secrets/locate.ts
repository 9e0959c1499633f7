import type { FragmentRegion } from './types.ts';

/** Line starts of a text, computed once, for offset → line:column (1-based, UTF-16 columns). */
export class LineIndex {
  private starts: Int32Array | undefined;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  private build(): Int32Array {
    const t = this.text;
    let n = 1;
    for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) n++;
    const starts = new Int32Array(n);
    let k = 1;
    for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts[k++] = i + 1;
    this.starts = starts;
    return starts;
  }

  /** 0-based line number of `offset`. */
  lineOf(offset: number): number {
    const s = this.starts ?? this.build();
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return (this.starts ?? this.build())[line];
  }

  lineEnd(line: number): number {
    const s = this.starts ?? this.build();
    if (line + 1 < s.length) {
      const e = s[line + 1] - 1;
      return e > s[line] && this.text.charCodeAt(e - 1) === 13 ? e - 1 : e;
    }
    return this.text.length;
  }

  lineCount(): number {
    return (this.starts ?? this.build()).length;
  }

  /** The text of 0-based line `line`, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  region(start: number, end: number): FragmentRegion {
    const l1 = this.lineOf(start);
    const l2 = end > start ? this.lineOf(end - 1) : l1;
    const s = this.starts as Int32Array;
    return { startLine: l1 + 1, startColumn: start - s[l1] + 1, endLine: l2 + 1, endColumn: end - s[l2] + 1 };
  }
}
