import type { DockerfileSyntaxError, Word } from './model';
import type { LogicalText } from './scan';

/**
 * The exec (JSON array) form of an argument list, `["a", "b"]`. Like the builder, text that is not a
 * valid JSON array is shell form; a valid array with an element that is not a string is an error.
 */

/** JSON's whitespace. */
const JSON_SPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * The elements of the JSON array at `[from, to)` of a logical text (`from` at its first
 * non-space character, `to` after its last), or `null` when the text is shell form.
 */
export function readExecForm(logical: LogicalText, from: number, to: number, errors: DockerfileSyntaxError[]): Word[] | null {
  if (logical.text[from] !== '[') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(logical.text.slice(from, to));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  if (!parsed.every((element) => typeof element === 'string')) {
    errors.push({ ...logical.span(from, to), message: 'When using JSON array syntax, arrays must be comprised of strings only.' });
    return null;
  }
  return locateElements(logical, from + 1, to, parsed as string[]);
}

/** Finds the source range of each string of an array already known to be valid JSON. */
function locateElements(logical: LogicalText, from: number, to: number, values: string[]): Word[] {
  const text = logical.text;
  const words: Word[] = [];
  let i = from;
  for (const value of values) {
    i = skipJsonSpace(text, i, to);
    const start = i;
    i = stringEnd(text, i, to);
    words.push({ value, raw: text.slice(start, i), range: logical.span(start, i) });
    i = skipJsonSpace(text, i, to);
    if (text[i] === ',') i++;
  }
  return words;
}

function skipJsonSpace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && JSON_SPACE.has(text[i])) i++;
  return i;
}

/** The end (after the closing quote) of the JSON string whose opening quote is at `start`. */
function stringEnd(text: string, start: number, to: number): number {
  let i = start + 1;
  while (i < to && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, to);
}
