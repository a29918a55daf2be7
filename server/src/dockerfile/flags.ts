import type { Flag } from './model';
import { skipSpaces, type LogicalText } from './scan';
import { unquote } from './shell';
import { wordEnd } from './words';

/**
 * Reads the `--name[=value]` flags at the start of an instruction's arguments, from `from` up to
 * `to`. As in the builder, flags are words starting with `--`, read with `\` as the escape
 * character; a lone `--` ends them. Returns the flags and where the arguments start.
 */
export function readFlags(logical: LogicalText, from: number, to: number): { flags: Flag[]; argsStart: number } {
  const text = logical.text;
  const flags: Flag[] = [];
  let i = skipSpaces(text, from, to);
  while (i < to && text.startsWith('--', i)) {
    const end = wordEnd(text, i, to, '\\');
    const endsFlags = end - i === 2;
    if (!endsFlags) flags.push(makeFlag(logical, i, end));
    i = skipSpaces(text, end, to);
    if (endsFlags) break;
  }
  return { flags, argsStart: i };
}

function makeFlag(logical: LogicalText, start: number, end: number): Flag {
  const text = logical.text;
  let equals = start + 2;
  while (equals < end && text[equals] !== '=') equals++;
  const hasValue = equals < end;
  return {
    name: unquote(text.slice(start + 2, equals), '\\').toLowerCase(),
    value: hasValue ? unquote(text.slice(equals + 1, end), '\\') : null,
    range: logical.span(start, end),
    nameRange: logical.span(start + 2, equals),
    valueRange: hasValue ? logical.span(equals + 1, end) : null,
  };
}
