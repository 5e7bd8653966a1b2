import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Line breaks as LSP (and YAML) define them: LF, CRLF, and a lone CR. (U+2028, U+2029 and NEL
 * are not line breaks in LSP nor in YAML 1.2.)
 */
export type LineBreak = '\n' | '\r\n' | '\r';

const CR = 13;
const LF = 10;
const LONE_CR = /\r(?!\n)/g;

/**
 * The text with every lone CR replaced by LF. Same length, same offsets, same lines (a lone CR
 * and an LF are both one-character line breaks), and the same YAML: line breaks inside scalars
 * are read as LF either way. The `yaml` package (and our fast reader) treat only LF and CRLF
 * as line breaks, so parsing and every line search in the engine run on this text.
 */
export function loneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(LONE_CR, '\n') : text;
}

/** The first line break of a text (LF when it has none): the one an inserted line should use. */
export function lineBreakOf(text: string): LineBreak {
  return (/\r\n?|\n/.exec(text)?.[0] as LineBreak | undefined) ?? '\n';
}

/**
 * Offset ↔ position conversion for one text. LSP positions count UTF-16 code units, which is
 * what JavaScript string offsets are, so a position's character is a plain offset difference.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    if (cr === -1) {
      for (; lf !== -1; lf = text.indexOf('\n', lf + 1)) starts.push(lf + 1);
    } else {
      // Each indexOf moves forward only: one pass over the text for each kind of break.
      while (lf !== -1 || cr !== -1) {
        const next = cr !== -1 && (lf === -1 || cr < lf) ? (text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1) : lf + 1;
        starts.push(next);
        if (lf !== -1 && lf < next) lf = text.indexOf('\n', next);
        if (cr !== -1 && cr < next) cr = text.indexOf('\r', next);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Where the content of a line ends: before its line break (or at the end of the text). */
  lineEnd(line: number): number {
    const l = Math.max(0, Math.min(line, this.starts.length - 1));
    if (l + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[l + 1];
    return next - (next >= 2 && this.text.charCodeAt(next - 1) === LF && this.text.charCodeAt(next - 2) === CR ? 2 : 1);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** A position past the end of its line means the end of the line (before the line break). */
  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.starts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
