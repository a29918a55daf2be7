import type { Word } from './model';
import { isSpace, skipSpaces, type LogicalText } from './scan';
import { unquote } from './shell';

/**
 * Splitting of logical text into words as the builder does it before dispatching an instruction:
 * on whitespace outside quotes; an escape character keeps the next character in the word (inside
 * single quotes it is an ordinary character).
 */

/** The end of the word that starts at `start` (a non-space character), at most `to`. */
export function wordEnd(text: string, start: number, to: number, escape: string): number {
  let quote = '';
  let i = start;
  while (i < to) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === escape && quote === '"') i++;
    } else if (isSpace(ch)) {
      break;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === escape) {
      i++;
    }
    i++;
  }
  return Math.min(i, to);
}

/** The `[start, end)` bounds of the words in `text[from, to)`. */
export function splitWords(text: string, from: number, to: number, escape: string): Array<{ start: number; end: number }> {
  const words: Array<{ start: number; end: number }> = [];
  let i = from;
  while (i < to) {
    i = skipSpaces(text, i, to);
    if (i >= to) break;
    const end = wordEnd(text, i, to, escape);
    words.push({ start: i, end });
    i = end;
  }
  return words;
}

/** The word at `[start, end)` of a logical text. */
function makeWord(logical: LogicalText, start: number, end: number, escape: string): Word {
  const raw = logical.text.slice(start, end);
  return { value: unquote(raw, escape), raw, range: logical.span(start, end) };
}

/** The words of `[from, to)` of a logical text (split as `splitWords` does, without its bounds objects). */
export function readWords(logical: LogicalText, from: number, to: number, escape: string): Word[] {
  const words: Word[] = [];
  const text = logical.text;
  let i = skipSpaces(text, from, to);
  while (i < to) {
    const end = wordEnd(text, i, to, escape);
    words.push(makeWord(logical, i, end, escape));
    i = skipSpaces(text, end, to);
  }
  return words;
}
