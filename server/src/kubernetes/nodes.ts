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

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/**
 * True for a merge key: the plain, untagged (or `!!merge`) key `<<`. Quoted, `"<<"` is an ordinary
 * key, as it is for kubectl.
 */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && key.type === Scalar.PLAIN && (key.tag === undefined || key.tag === MERGE_TAG);
}

/** The maps each `<<` pair names (its value: one map, or a list of maps), as written. */
const mergePairs = new WeakMap<object, readonly YAMLMap<unknown, unknown>[]>();

/** The maps that have at least one recorded `<<` pair. */
const mergingMaps = new WeakSet<YAMLMap<unknown, unknown>>();

/**
 * Records the maps the `<<` pair `pair` of `map` names, in the order written (done once per
 * document, when it is read: see kubectl-yaml.ts).
 */
export function setMergeSources(map: YAMLMap<unknown, unknown>, pair: Pair<unknown, unknown>, sources: readonly YAMLMap<unknown, unknown>[]): void {
  mergePairs.set(pair, sources);
  mergingMaps.add(map);
}

/** The maps an item of `map` merges in, or undefined when the item is not a recorded `<<` pair. */
function mergeSourcesOf(map: YAMLMap<unknown, unknown>, item: unknown): readonly YAMLMap<unknown, unknown>[] | undefined {
  return mergingMaps.has(map) && typeof item === 'object' && item !== null ? mergePairs.get(item) : undefined;
}

/**
 * Merges may nest (a merged map merging another); deeper chains than this are not followed, so
 * that a crafted file cannot exhaust the stack.
 */
const MAX_MERGE_DEPTH = 100;

/*
 * How kubectl merges (sigs.k8s.io/yaml reads manifests with go-yaml v2): it writes a map's pairs
 * in the order they are written, each over what is already there. A `<<` pair writes the keys of
 * the maps it names at that point, the last map of a list `<<: [*a, *b]` first, so that the first
 * one wins; a merged map's own `<<` pairs are applied the same way. So a key written after a `<<`
 * wins over the merged one (the usual `<<: *defaults` first, overrides after), a later `<<` wins
 * over an earlier one, and a `<<` written after a key overrides that key. Only the top level is
 * merged: a merged `labels` map replaces the whole `labels` value.
 */

/**
 * The maps `map` merges in directly with `<<` keys (not the ones those merge in turn), strongest
 * first: the last `<<` key's maps before an earlier one's, and within `<<: [*a, *b]` `a` before `b`.
 */
export function mergedMaps(map: YAMLMap<unknown, unknown> | null | undefined): YAMLMap<unknown, unknown>[] {
  const maps: YAMLMap<unknown, unknown>[] = [];
  if (!map) return maps;
  for (let i = map.items.length - 1; i >= 0; i--) maps.push(...(mergeSourcesOf(map, map.items[i]) ?? []));
  return maps;
}

/** A map key as the JSON kubectl sends has it: strings as they are, numbers and booleans as written; null for other keys. */
export function keyText(key: unknown): string | null {
  if (!isScalar(key)) return null;
  const value = key.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return key.source ?? String(value);
  return null;
}

/**
 * The pair that gives `key` its value in a block or flow map, as kubectl reads it: the pair written
 * last, a `<<` key counting as writing the keys of the maps it merges in at its place (see above).
 * The pair returned may be in a merged map.
 */
export function mapPair(map: YAMLMap<unknown, unknown> | null | undefined, key: string): Pair<Scalar, unknown> | null {
  return map ? findPair(map, key, 0, null) : null;
}

/** `mapPair`, in a map merged `depth` levels down; `searched` holds the merged maps already searched in vain. */
function findPair(map: YAMLMap<unknown, unknown>, key: string, depth: number, searched: Set<YAMLMap<unknown, unknown>> | null): Pair<Scalar, unknown> | null {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const item = map.items[i];
    const sources = mergeSourcesOf(map, item);
    if (sources) {
      if (depth >= MAX_MERGE_DEPTH) continue;
      const seen = searched ?? new Set<YAMLMap<unknown, unknown>>();
      for (const source of sources) {
        if (seen.has(source)) continue;
        seen.add(source);
        const pair = findPair(source, key, depth + 1, seen);
        if (pair) return pair;
      }
      searched = seen;
    } else if (isPair(item) && !isMergeKey(item.key) && keyText(item.key) === key) {
      return item as Pair<Scalar, unknown>;
    }
  }
  return null;
}

/** One key of a map as kubectl reads it, with the pair that gives its value. */
export interface MapEntry {
  key: string;
  /** The pair that gives the value: in the map itself, or in a map it merges in. */
  pair: Pair<Scalar, unknown>;
  /** True when `pair` comes from a merged map. */
  merged: boolean;
}

/**
 * Every key of a map as kubectl reads it, each once: the map's own keys and those of the maps it
 * merges in with `<<`, each with the pair that wins (see `mapPair`, which finds the same pairs), in
 * the order the keys first appear. `<<` keys themselves are not listed.
 */
export function mapEntries(map: YAMLMap<unknown, unknown> | null | undefined): MapEntry[] {
  if (!map) return [];
  const own = new Set<unknown>(map.items);
  return [...collectEntries(map, 0, new Map())].map(([key, pair]) => ({ key, pair, merged: !own.has(pair) }));
}

/**
 * The winning pair of each key of `map` (see `mapEntries`). `done` holds the maps already
 * collected, so that a map merged many times is read once and a merge cycle ends.
 */
function collectEntries(
  map: YAMLMap<unknown, unknown>,
  depth: number,
  done: Map<YAMLMap<unknown, unknown>, Map<string, Pair<Scalar, unknown>>>,
): Map<string, Pair<Scalar, unknown>> {
  const known = done.get(map);
  if (known) return known;
  const entries = new Map<string, Pair<Scalar, unknown>>();
  done.set(map, entries);
  for (const item of map.items) {
    const sources = mergeSourcesOf(map, item);
    if (sources) {
      if (depth >= MAX_MERGE_DEPTH) continue;
      for (let i = sources.length - 1; i >= 0; i--) {
        for (const [key, pair] of collectEntries(sources[i], depth + 1, done)) entries.set(key, pair);
      }
    } else if (isPair(item) && !isMergeKey(item.key)) {
      const key = keyText(item.key);
      if (key !== null) entries.set(key, item as Pair<Scalar, unknown>);
    }
  }
  return entries;
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
