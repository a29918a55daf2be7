/**
 * More style-preserving YAML insertions, on top of `edit.ts`: adding entries to flow maps
 * (`{app: web}`), filling an empty value (`resources: {}`, `labels:`), merging nested entries
 * into maps that partly exist, and adding entries before a map's first key.
 */
import { isMap, isScalar } from 'yaml';
import type { Pair } from 'yaml';
import type { TextEdit } from '../findings';
import { endOfLine } from '../text';
import { appendToMap, columnOf, renderFlow, renderMapping, yamlStyle } from './edit';
import type { YamlStyle } from './edit';
import type { KubeFile, YamlMap } from './model';
import { mapPair, sourceRange } from './nodes';

/** Entries to write: scalars and nested maps. */
export interface YamlEntries {
  readonly [key: string]: string | number | boolean | YamlEntries;
}

/** True for a value that holds nothing: no node, a YAML null, or an empty flow map `{}`. */
export function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (isScalar(node)) return node.value === null;
  return isMap(node) && node.items.length === 0;
}

/** Adds entries to a flow map, after its last entry (or inside an empty `{}`). */
function appendToFlowMap(map: YamlMap, entries: YamlEntries): TextEdit | null {
  const range = sourceRange(map);
  if (!range) return null;
  const inner = renderFlow(entries).slice(1, -1);
  if (map.items.length === 0) return { start: range[0], end: range[1], newText: `{${inner}}` };
  const last = map.items[map.items.length - 1];
  const end = sourceRange(last.value) ?? sourceRange(last.key);
  return end ? { start: end[1], end: end[1], newText: `, ${inner}` } : null;
}

/**
 * Adds entries to a map, block or flow, after its last entry. Null for an empty block map, a map
 * without positions, or a block map whose indentation cannot be read from its first key.
 */
export function addToMap(file: KubeFile, map: YamlMap, entries: YamlEntries, style: YamlStyle = yamlStyle(file)): TextEdit | null {
  if (map.flow) return appendToFlowMap(map, entries);
  return appendToMap(file, map, entries, style);
}

/**
 * Replaces the empty value of `pair` (nothing, `~`, `{}`) with the entries: a block map on the
 * lines below the key, or a flow map when the pair sits in a flow map.
 */
function fillEmptyValue(file: KubeFile, parent: YamlMap, pair: Pair, entries: YamlEntries, style: YamlStyle): TextEdit | null {
  const text = file.text;
  const key = sourceRange(pair.key);
  if (!key) return null;
  const value = sourceRange(pair.value);
  const node = pair.value as { anchor?: string; tag?: string } | null;
  if (node?.anchor || node?.tag) return null;
  const valueStart = value && value[1] > value[0] ? value[0] : null;
  if (parent.flow) {
    if (valueStart === null || !value) return null;
    return { start: value[0], end: value[1], newText: renderFlow(entries) };
  }
  const indent = ' '.repeat(columnOf(text, key[0]) + style.unit);
  const lines = renderMapping(entries, style).map((line) => indent + line);
  const block = lines.join(style.eol);
  if (valueStart === null || !value) {
    // `key:` with nothing after it (a comment may follow): the block goes on the next lines.
    const at = endOfLine(text, key[1]);
    return { start: at, end: at, newText: style.eol + block };
  }
  if (!/^[ \t]*:[ \t]*$/.test(text.slice(key[1], valueStart))) return null;
  return { start: key[1], end: value[1], newText: `:${style.eol}${block}` };
}

/**
 * The edits that add `entries` to `map`, descending into nested maps that already exist and
 * filling empty ones (`resources: {}`). Null when an entry would clash with a value already
 * there (a scalar where a map is wanted, an alias, a key that exists) or cannot be placed.
 */
export function mergeIntoMap(file: KubeFile, map: YamlMap, entries: YamlEntries, style: YamlStyle = yamlStyle(file)): TextEdit[] | null {
  const edits: TextEdit[] = [];
  const absent: Record<string, string | number | boolean | YamlEntries> = {};
  for (const [key, value] of Object.entries(entries)) {
    const pair = mapPair(map, key);
    if (!pair) {
      absent[key] = value;
      continue;
    }
    if (typeof value !== 'object') return null;
    const child = pair.value;
    let childEdits: TextEdit[] | null;
    if (isMap(child) && child.items.length > 0) childEdits = mergeIntoMap(file, child, value, style);
    else if (isEmptyValue(child)) {
      const edit = fillEmptyValue(file, map, pair, value, style);
      childEdits = edit ? [edit] : null;
    } else childEdits = null;
    if (!childEdits) return null;
    edits.push(...childEdits);
  }
  if (Object.keys(absent).length > 0) {
    const edit = addToMap(file, map, absent, style);
    if (!edit) return null;
    edits.push(edit);
  }
  return joinInsertions(edits);
}

/**
 * Joins insertions at the same offset into one edit, in the order given (a nested map's new
 * entries end where its parent's do, and must come first).
 */
function joinInsertions(edits: TextEdit[]): TextEdit[] {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    const same = edit.start === edit.end ? result.find((e) => e.start === edit.start && e.end === edit.start) : undefined;
    if (same) same.newText += edit.newText;
    else result.push({ ...edit });
  }
  return result;
}

/**
 * Adds entries before a block map's first key, at its column (so `metadata:` can go before
 * `spec:`). Falls back to appending when the first key follows a sequence dash (`- name: x`).
 */
export function prependToMap(file: KubeFile, map: YamlMap, entries: YamlEntries, style: YamlStyle = yamlStyle(file)): TextEdit | null {
  const text = file.text;
  const first = sourceRange(map.items[0]?.key);
  if (map.flow || !first) return addToMap(file, map, entries, style);
  const column = columnOf(text, first[0]);
  const lineStart = first[0] - column;
  if (text.slice(lineStart, first[0]).trim() !== '') return addToMap(file, map, entries, style);
  const indent = ' '.repeat(column);
  const lines = renderMapping(entries, style).map((line) => indent + line);
  return { start: lineStart, end: lineStart, newText: lines.join(style.eol) + style.eol };
}
