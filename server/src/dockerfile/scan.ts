import { endOfLine, nextLineStart, type Span } from '../text';

/**
 * Low-level scanning of Dockerfile text: whitespace, physical lines, and the joining of physical
 * lines into logical lines through line continuations. Everything works on offsets into the
 * original text, so that every character of a logical line can be traced back to the source.
 */

const UNICODE_SPACE = /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Whitespace as the builder sees it (Go's `unicode.IsSpace`). */
export function isSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && UNICODE_SPACE.test(ch);
}

/** Offset of the line break (or the end of the text) that ends the line containing `offset`. */
export const lineEndAt = endOfLine;

/** First offset in `[from, to)` that is not whitespace, or `to`. */
export function skipSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text[i])) i++;
  return i;
}

/** The end of `[from, to)` with trailing whitespace removed. */
export function trimSpacesEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(text[i - 1])) i--;
  return i;
}

/**
 * The escape character that continues the line `[start, end)` onto the next one, or -1. Like the
 * builder, the escape must be the last character before optional spaces and tabs, and must not
 * itself be escaped (`\\` at the end of a line is not a continuation).
 */
export function continuationEscape(text: string, start: number, end: number, escape: string): number {
  let i = end;
  while (i > start && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  const p = i - 1;
  if (p < start || text[p] !== escape) return -1;
  return p > 0 && text[p - 1] === escape ? -1 : p;
}

/**
 * A logical line (or part of one): its text, made of segments of the source. Segment `k` starts at
 * character `starts[k]` of the text and at offset `sources[k]` of the source; the text ends at
 * source offset `end`.
 */
export class LogicalText {
  constructor(
    readonly text: string,
    private readonly starts: readonly number[],
    private readonly sources: readonly number[],
    private readonly end: number,
  ) {}

  /** A logical text that is its own source (offset i is character i). */
  static identity(text: string): LogicalText {
    return new LogicalText(text, [0], [0], text.length);
  }

  get length(): number {
    return this.text.length;
  }

  /** Source offset of character `i` (`i` may equal `length`: the offset after the text). */
  at(i: number): number {
    if (i >= this.text.length) return this.end;
    const k = this.segmentOf(i);
    return this.sources[k] + i - this.starts[k];
  }

  /**
   * The source span of the characters `[start, end)`. It covers any line continuation in between.
   * An empty range gives an empty span just after character `start - 1`.
   */
  span(start: number, end: number): Span {
    if (end > start) return { start: this.at(start), end: this.at(end - 1) + 1 };
    const at = start > 0 ? this.at(start - 1) + 1 : this.at(0);
    return { start: at, end: at };
  }

  /** The characters from `start` on, as their own logical text. */
  suffix(start: number): LogicalText {
    if (start >= this.text.length) return new LogicalText('', [0], [this.end], this.end);
    const first = this.segmentOf(start);
    const starts = [0];
    const sources = [this.sources[first] + start - this.starts[first]];
    for (let k = first + 1; k < this.starts.length; k++) {
      starts.push(this.starts[k] - start);
      sources.push(this.sources[k]);
    }
    return new LogicalText(this.text.slice(start), starts, sources, this.end);
  }

  /** The last segment that starts at or before character `i` (empty segments give way to the next). */
  private segmentOf(i: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** A logical line read from the source. */
export interface LogicalLine {
  logical: LogicalText;
  /** End of the last physical line that gave text to the logical line, trailing whitespace excluded. */
  lastEnd: number;
  /** Start of the first line after the logical line and anything it skipped (the text length at the end). */
  next: number;
}

/**
 * Reads a logical line from `start` as the builder joins it: an unescaped escape character at the
 * end of a physical line (spaces and tabs may follow) removes itself and the line break, and the
 * line continues on the next line that is neither blank nor a comment. Skipped comment lines are
 * reported to `onComment` with the span from `#` to the end of the line. Reading stops at `limit`,
 * which must lie inside the logical line.
 */
export function readLogicalLine(
  text: string,
  start: number,
  escape: string,
  limit: number = text.length,
  onComment?: (hash: number, end: number) => void,
): LogicalLine {
  const parts: string[] = [];
  const starts: number[] = [];
  const sources: number[] = [];
  let length = 0;
  let segment = start;
  let segmentEnd = start;
  let lastEnd = start;
  let next = text.length;
  for (;;) {
    const lineEnd = lineEndAt(text, segment);
    const escapeAt = continuationEscape(text, segment, lineEnd, escape);
    segmentEnd = Math.min(escapeAt >= 0 ? escapeAt : lineEnd, limit);
    parts.push(text.slice(segment, segmentEnd));
    starts.push(length);
    sources.push(segment);
    length += Math.max(segmentEnd - segment, 0);
    lastEnd = trimSpacesEnd(text, segment, lineEnd);
    if (escapeAt < 0 || limit <= lineEnd) {
      next = nextLineStart(text, lineEnd);
      break;
    }
    const resume = skipIgnoredLines(text, nextLineStart(text, lineEnd), onComment);
    if (resume >= text.length) break;
    segment = resume;
  }
  const joined = parts.length === 1 ? parts[0] : parts.join('');
  return { logical: new LogicalText(joined, starts, sources, Math.max(segmentEnd, segment)), lastEnd, next };
}

/** The start of the first line from `pos` on that is neither blank nor a comment (or the text length). */
function skipIgnoredLines(text: string, pos: number, onComment?: (hash: number, end: number) => void): number {
  let line = pos;
  while (line < text.length) {
    const end = lineEndAt(text, line);
    const first = skipSpaces(text, line, end);
    if (first < end && text[first] !== '#') return line;
    if (first < end) onComment?.(first, end);
    line = nextLineStart(text, end);
  }
  return text.length;
}

/**
 * The logical text of a span inside one instruction's logical line (a word, a value): the source
 * with line continuations, and the comment and blank lines inside them, removed.
 */
export function logicalSlice(text: string, range: Span, escape: string): LogicalText {
  if (range.end <= range.start) return new LogicalText('', [0], [range.start], range.start);
  return readLogicalLine(text, range.start, escape, range.end).logical;
}
