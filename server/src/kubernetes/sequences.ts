/**
 * Appending an item to a YAML sequence in the file's own style: a block item at the column of
 * the existing dashes, or one more entry inside a flow sequence (`[a, b]`).
 */
import type { YAMLSeq } from 'yaml';
import type { TextEdit } from '../findings';
import { endOfLine } from '../text';
import { columnOf, renderFlow, renderMapping, yamlStyle } from './edit';
import { sourceRange } from './nodes';
import type { YamlValue } from './edit';
import type { KubeFile } from './model';


/**
 * Appends `item` to a non-empty sequence. Null for an empty sequence or one whose items carry no
 * source positions (nothing to align with).
 */
export function appendToSeq(file: KubeFile, seq: YAMLSeq<unknown>, item: YamlValue): TextEdit | null {
  const text = file.text;
  const last = sourceRange(seq.items[seq.items.length - 1]);
  const range = sourceRange(seq);
  if (!last || !range || seq.items.length === 0) return null;
  if (seq.flow) {
    let close = range[1] - 1;
    while (close > last[1] && text[close] !== ']') close--;
    if (text[close] !== ']') return null;
    return { start: last[1], end: last[1], newText: `, ${renderFlow(item)}` };
  }
  const style = yamlStyle(file);
  const indent = ' '.repeat(columnOf(text, range[0]));
  let end = last[1];
  while (end > last[0] && /\s/.test(text[end - 1])) end--;
  const at = endOfLine(text, end);
  const lines = typeof item === 'object' && !Array.isArray(item)
    ? renderMapping(item as { readonly [key: string]: YamlValue }, style).map((line, i) => (i === 0 ? '- ' : '  ') + line)
    : [`- ${renderFlow(item)}`];
  return { start: at, end: at, newText: style.eol + lines.map((line) => indent + line).join(style.eol) };
}
