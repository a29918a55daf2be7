import type { DockerfileSyntaxError, KeyValue } from './model';
import type { LogicalText } from './scan';
import { unquote } from './shell';
import { splitWords } from './words';

/** The whitespace the builder splits a legacy `ENV key value` on. */
const LEGACY_SEPARATOR = /[\t\v\f\r ]+/;

/**
 * The key/value pairs of ENV or LABEL arguments at `[from, to)`: `k=v` words, or the legacy
 * `ENV k some value` form (one pair, the value is the rest of the line) when the first word has
 * no `=`. As in the builder, a word is split at its first `=`, quotes included.
 */
export function readEnvPairs(
  keyword: string,
  logical: LogicalText,
  from: number,
  to: number,
  escape: string,
  errors: DockerfileSyntaxError[],
): KeyValue[] {
  const words = splitWords(logical.text, from, to, escape);
  if (words.length === 0) return [];
  if (equalsIn(logical.text, words[0].start, words[0].end) < 0) {
    return readLegacyPair(keyword, logical, from, to, escape, errors);
  }
  const pairs: KeyValue[] = [];
  for (const word of words) {
    const equals = equalsIn(logical.text, word.start, word.end);
    if (equals < 0) {
      // The word is not quoted back: it is often the rest of a value with a space in it, a password's included.
      errors.push({ ...logical.span(word.start, word.end), message: `Can't find = in this word: ${keyword} must be of the form name=value (quote a value that holds spaces).` });
    } else {
      pairs.push(equalsPair(logical, word.start, equals, word.end, escape));
    }
  }
  return pairs;
}

function readLegacyPair(
  keyword: string,
  logical: LogicalText,
  from: number,
  to: number,
  escape: string,
  errors: DockerfileSyntaxError[],
): KeyValue[] {
  const rest = logical.text.slice(from, to);
  const separator = LEGACY_SEPARATOR.exec(rest);
  if (!separator) {
    errors.push({ ...logical.span(from, to), message: `${keyword} must have two arguments: ${keyword} name value, or ${keyword} name=value.` });
    return [];
  }
  const keyEnd = from + separator.index;
  const valueStart = keyEnd + separator[0].length;
  return [
    {
      key: unquote(logical.text.slice(from, keyEnd), escape),
      keyRange: logical.span(from, keyEnd),
      value: unquote(logical.text.slice(valueStart, to), escape),
      valueRange: logical.span(valueStart, to),
      range: logical.span(from, to),
      form: 'legacy',
    },
  ];
}

/** The names and optional defaults of ARG arguments at `[from, to)`: `NAME` or `NAME=value` words. */
export function readArgPairs(logical: LogicalText, from: number, to: number, escape: string): KeyValue[] {
  const pairs: KeyValue[] = [];
  for (const word of splitWords(logical.text, from, to, escape)) {
    const equals = equalsIn(logical.text, word.start, word.end);
    if (equals < 0) {
      const key = unquote(logical.text.slice(word.start, word.end), escape);
      const range = logical.span(word.start, word.end);
      pairs.push({ key, keyRange: { ...range }, value: null, valueRange: null, range, form: 'equals' });
    } else {
      pairs.push(equalsPair(logical, word.start, equals, word.end, escape));
    }
  }
  return pairs;
}

/** The offset of the first `=` in `[from, to)`, or -1. */
function equalsIn(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text[i] === '=') return i;
  return -1;
}

function equalsPair(logical: LogicalText, start: number, equals: number, end: number, escape: string): KeyValue {
  return {
    key: unquote(logical.text.slice(start, equals), escape),
    keyRange: logical.span(start, equals),
    value: unquote(logical.text.slice(equals + 1, end), escape),
    valueRange: logical.span(equals + 1, end),
    range: logical.span(start, end),
    form: 'equals',
  };
}
