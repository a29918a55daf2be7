/**
 * Small, typed accessors over the `yaml` package's node tree, with exact source spans.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Span } from '../text';

/** Follows an alias to the node it names; other nodes are returned as they are. */
export function resolve(node: unknown, doc: Document.Parsed | undefined): unknown {
  if (doc && isAlias(node)) return node.resolve(doc) ?? null;
  return node;
}

export function asMap(node: unknown): YAMLMap<unknown, unknown> | null {
  return isMap(node) ? node : null;
}

export function asSeq(node: unknown): YAMLSeq<unknown> | null {
  return isSeq(node) ? node : null;
}

/** The maps a map takes keys from through `<<: *anchor` or `<<: [*a, *b]`, first one first. */
const mergeSources = new WeakMap<YAMLMap<unknown, unknown>, readonly YAMLMap<unknown, unknown>[]>();

/** Records the maps `map` merges in with `<<` (set once per document, when it is read). */
export function setMergeSources(map: YAMLMap<unknown, unknown>, sources: readonly YAMLMap<unknown, unknown>[]): void {
  mergeSources.set(map, sources);
}

/** Merges may nest (a merged map merging another); deeper chains than this are not followed. */
const MAX_MERGE_DEPTH = 20;

/**
 * The pair of a block or flow map whose key is the scalar `key`. A key the map does not write itself
 * is looked up in the maps it merges in with `<<`, as kubectl does (its own keys win, then the
 * first merged map that has the key).
 */
export function mapPair(map: YAMLMap<unknown, unknown> | null | undefined, key: string, depth = 0): Pair<Scalar, unknown> | null {
  if (!map) return null;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === key) return item as Pair<Scalar, unknown>;
  }
  if (depth >= MAX_MERGE_DEPTH) return null;
  for (const source of mergeSources.get(map) ?? []) {
    const pair = mapPair(source, key, depth + 1);
    if (pair) return pair;
  }
  return null;
}

/** The value node under `key`, or null when the key is absent or has no value. */
export function mapGet(map: YAMLMap<unknown, unknown> | null | undefined, key: string): unknown {
  const pair = mapPair(map, key);
  return pair ? pair.value ?? null : null;
}

export function getMap(map: YAMLMap<unknown, unknown> | null | undefined, key: string): YAMLMap<unknown, unknown> | null {
  return asMap(mapGet(map, key));
}

export function getSeq(map: YAMLMap<unknown, unknown> | null | undefined, key: string): YAMLSeq<unknown> | null {
  return asSeq(mapGet(map, key));
}

/** Follows a path of map keys. */
export function getIn(map: YAMLMap<unknown, unknown> | null | undefined, path: readonly string[]): unknown {
  let node: unknown = map;
  for (const key of path) {
    node = mapGet(asMap(node), key);
    if (node === null) return null;
  }
  return node;
}

/** The `yaml` package's `[start, valueEnd, nodeEnd]` range of a node, or null for nodes without one. */
export function sourceRange(node: unknown): [number, number, number] | null {
  return (node as { range?: [number, number, number] | null } | null)?.range ?? null;
}

/** The source span of a node: from its first character to the end of its value (comments excluded). */
export function nodeSpan(node: { range?: [number, number, number] | null }): Span {
  const range = node.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** The source span of any node (see `nodeSpan`), or null for a value without a source range. */
export function spanOf(node: unknown): Span | null {
  const range = sourceRange(node);
  return range ? { start: range[0], end: range[1] } : null;
}

/** A string-valued scalar with the spans needed to report on it and to edit it. */
export interface StringValue {
  value: string;
  node: Scalar;
  /** The scalar as written, quotes included. */
  range: Span;
  /**
   * The span of the value's characters when the source text maps 1:1 to the value
   * (plain scalars, and quoted ones without escapes); `null` otherwise.
   */
  content: Span | null;
}

/**
 * Reads a scalar whose value is a string (numbers and booleans are read as written, since a
 * manifest author may leave them unquoted). Returns null for non-scalars and nulls.
 */
export function stringValue(node: unknown, text: string): StringValue | null {
  if (!isScalar(node) || !node.range) return null;
  const raw = node.value;
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean' && typeof raw !== 'bigint') return null;
  const range = nodeSpan(node);
  const source = text.slice(range.start, range.end);
  const value = typeof raw === 'string' ? raw : source;
  let content: Span | null = null;
  switch (node.type) {
    case Scalar.PLAIN:
      if (source === value) content = range;
      break;
    case Scalar.QUOTE_SINGLE:
    case Scalar.QUOTE_DOUBLE:
      if (source.length === value.length + 2 && source.slice(1, -1) === value) {
        content = { start: range.start + 1, end: range.end - 1 };
      }
      break;
    default:
      break;
  }
  return { value, node, range, content };
}

/** Reads `key`'s value in `map` as a string (see `stringValue`). */
export function getString(map: YAMLMap<unknown, unknown> | null | undefined, key: string, text: string): StringValue | null {
  return stringValue(mapGet(map, key), text);
}
