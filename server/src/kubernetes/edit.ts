/**
 * Text edits of Kubernetes YAML that follow the file's own style: its indentation step
 * (2 or 4 spaces), its sequence style (items indented under their key, or flush with it)
 * and its line breaks.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { TextEdit } from '../findings';
import { endOfLine, lineBreak, lineStartOf } from '../text';
import type { KubeFile, Manifest, YamlMap } from './model';
import { getMap, mapPair, sourceRange } from './nodes';
import { IGNORE_ANNOTATION } from './suppress';

export interface YamlStyle {
  /** Spaces per nesting level. */
  unit: number;
  /** True when sequence items are indented under their key (`key:\n  - a`), false when flush (`key:\n- a`). */
  indentedSequences: boolean;
  eol: string;
}

/** The column of an offset: its distance from the start of its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

const styles = new WeakMap<KubeFile, YamlStyle>();

/** Reads the style of a file from its nested block maps and sequences (once per parse). */
export function yamlStyle(file: KubeFile): YamlStyle {
  let style = styles.get(file);
  if (!style) styles.set(file, (style = readStyle(file)));
  return style;
}

function readStyle(file: KubeFile): YamlStyle {
  const text = file.text;
  const units = new Map<number, number>();
  const seqStyles = { indented: 0, flush: 0 };
  const visit = (node: unknown, depth: number): void => {
    if (depth > 50) return;
    if (isMap(node) && !node.flow) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const keyColumn = columnOf(text, pair.key.range[0]);
        const value = pair.value;
        if (isMap(value) && !value.flow && value.range && value.items.length > 0) {
          const first = value.items[0].key as { range?: [number, number, number] } | null;
          const childColumn = first?.range ? columnOf(text, first.range[0]) : keyColumn;
          if (childColumn > keyColumn) units.set(childColumn - keyColumn, (units.get(childColumn - keyColumn) ?? 0) + 1);
        } else if (isSeq(value) && !value.flow && value.range) {
          const dashColumn = columnOf(text, value.range[0]);
          if (dashColumn > keyColumn) seqStyles.indented++;
          else if (dashColumn === keyColumn) seqStyles.flush++;
        }
        visit(value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  for (const document of file.documents) visit(document.doc.contents, 0);
  let unit = 2;
  let best = 0;
  for (const [candidate, count] of units) {
    if (candidate <= 8 && count > best) {
      unit = candidate;
      best = count;
    }
  }
  return { unit, indentedSequences: seqStyles.indented >= seqStyles.flush, eol: lineBreak(text) };
}

/** A YAML value to write: scalars, lists and maps (key order kept). */
export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue };

const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

/** A scalar as YAML: plain when that reads back as the same string, double-quoted otherwise. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return PLAIN_SAFE.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

/** A value in flow style, on one line: `{name: http, containerPort: 8080}`, `[a, b]`. */
export function renderFlow(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as { readonly [key: string]: YamlValue }).map(([k, v]) => `${yamlScalar(k)}: ${renderFlow(v)}`).join(', ')}}`;
  }
  return yamlScalar(value as string | number | boolean);
}

/** Lines of a block mapping, indented relative to column 0. */
export function renderMapping(value: { readonly [key: string]: YamlValue }, style: YamlStyle): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(style.unit);
  for (const [key, child] of Object.entries(value)) {
    const k = yamlScalar(key);
    if (Array.isArray(child)) {
      lines.push(`${k}:`);
      const seqPad = style.indentedSequences ? pad : '';
      for (const line of renderSequence(child, style)) lines.push(seqPad + line);
    } else if (typeof child === 'object') {
      lines.push(`${k}:`);
      for (const line of renderMapping(child as { readonly [key: string]: YamlValue }, style)) lines.push(pad + line);
    } else {
      lines.push(`${k}: ${yamlScalar(child as string | number | boolean)}`);
    }
  }
  return lines;
}

function renderSequence(items: readonly YamlValue[], style: YamlStyle): string[] {
  const lines: string[] = [];
  for (const item of items) {
    if (typeof item === 'object' && !Array.isArray(item)) {
      renderMapping(item as { readonly [key: string]: YamlValue }, style).forEach((line, i) => lines.push((i === 0 ? '- ' : '  ') + line));
    } else if (Array.isArray(item)) {
      renderSequence(item, style).forEach((line, i) => lines.push((i === 0 ? '- ' : '  ') + line));
    } else {
      lines.push(`- ${yamlScalar(item as string | number | boolean)}`);
    }
  }
  return lines;
}

/** The offset just after the last character of a map's content (trailing blank lines and comments excluded). */
function contentEnd(text: string, map: YamlMap): number {
  const last = map.items[map.items.length - 1];
  const node = (last?.value ?? last?.key) as { range?: [number, number, number] } | null;
  let end = node?.range ? node.range[1] : map.range ? map.range[1] : 0;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/**
 * True when a block map's first key is the first thing on its line, or follows only sequence
 * dashes (`- key:`), so that its column is the map's indentation. Not so after an anchor or a
 * tag (`&base key:`).
 */
function firstKeyOpensLine(text: string, map: YamlMap): boolean {
  const first = sourceRange(map.items[0]?.key);
  if (!first) return false;
  const before = text.slice(first[0] - columnOf(text, first[0]), first[0]);
  return /^[ \t]*(?:-[ \t]+)*$/.test(before);
}

/**
 * Appends entries to a block map, after its last entry and at its keys' column. Returns null for
 * flow maps (`{...}`), empty maps, and maps whose first key follows an anchor or tag on its line
 * (their column is not the map's indentation): no block entry can be added safely there.
 */
export function appendToMap(file: KubeFile, map: YamlMap, entries: { readonly [key: string]: YamlValue }, style = yamlStyle(file)): TextEdit | null {
  const text = file.text;
  if (map.flow || map.items.length === 0 || !firstKeyOpensLine(text, map)) return null;
  const firstKey = map.items[0].key as { range?: [number, number, number] } | null;
  if (!firstKey?.range) return null;
  const indent = ' '.repeat(columnOf(text, firstKey.range[0]));
  const at = endOfLine(text, contentEnd(text, map));
  const lines = renderMapping(entries, style).map((line) => indent + line);
  return { start: at, end: at, newText: style.eol + lines.join(style.eol) };
}

/** Adds `ruleId` to the object's `kubeready.dev/ignore` annotation, creating what is missing. */
export function addIgnoreAnnotationEdit(file: KubeFile, manifest: Manifest, ruleId: string): TextEdit | null {
  const annotations = getMap(manifest.metadata, 'annotations');
  const existing = manifest.annotations.get(IGNORE_ANNOTATION);
  if (existing) {
    const ids = existing.value.split(',').map((id) => id.trim()).filter(Boolean);
    if (!ids.includes(ruleId)) ids.push(ruleId);
    return { start: existing.range.start, end: existing.range.end, newText: JSON.stringify(ids.join(',')) };
  }
  const entry = { [IGNORE_ANNOTATION]: ruleId };
  if (annotations) return appendToMap(file, annotations, entry);
  if (manifest.metadata && !mapPair(manifest.metadata, 'annotations')) return appendToMap(file, manifest.metadata, { annotations: entry });
  if (!manifest.metadata) return appendToMap(file, manifest.node, { metadata: { annotations: entry } });
  return null;
}

/**
 * Removes `key` and its value from a map, keeping the other entries' layout. Null when the key
 * is absent or is the map's only entry (the map would be left empty).
 */
export function removeMapEntry(file: KubeFile, map: YamlMap, key: string): TextEdit | null {
  const text = file.text;
  const index = map.items.findIndex((item) => isScalar(item.key) && item.key.value === key);
  if (index < 0 || map.items.length === 1) return null;
  const pair = map.items[index];
  const keyRange = sourceRange(pair.key);
  const valueRange = sourceRange(pair.value) ?? keyRange;
  if (!keyRange || !valueRange) return null;
  if (index < map.items.length - 1) {
    const next = sourceRange(map.items[index + 1].key);
    return next ? { start: keyRange[0], end: next[0], newText: '' } : null;
  }
  const previous = map.items[index - 1];
  const previousEnd = sourceRange(previous.value) ?? sourceRange(previous.key);
  if (!previousEnd) return null;
  let start = previousEnd[1];
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  let end = valueRange[1];
  while (end > valueRange[0] && /\s/.test(text[end - 1])) end--;
  return { start, end, newText: '' };
}

/** Appends a new YAML document (`---` and the object) at the end of the file. */
export function appendDocument(file: KubeFile, object: { readonly [key: string]: YamlValue }, style = yamlStyle(file)): TextEdit {
  const text = file.text;
  const end = text.length;
  const separator = end === 0 || /[\r\n]$/.test(text) ? '' : style.eol;
  const body = renderMapping(object, style).join(style.eol);
  return { start: end, end, newText: `${separator}---${style.eol}${body}${style.eol}` };
}
