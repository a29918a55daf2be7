/**
 * A manifest's YAML node tree turned into the JSON value the API server receives, with the YAML
 * node every part of it came from, so that a JSON pointer into the value leads back to the text.
 *
 * `kubectl` reads YAML with a YAML 1.1 reader (go-yaml v2 through sigs.k8s.io/yaml), while the
 * `yaml` package reads YAML 1.2. Where the two differ in a way that changes a field's type, the
 * value here follows `kubectl`:
 * - an unquoted `yes`, `no`, `on`, `off`, `y`, `n` (in any of their YAML 1.1 spellings) is a
 *   boolean, so `value: yes` in an `env` entry is an error, as the API server rejects it;
 * - merge keys (`<<: *defaults`) are merged as kubectl merges them (see `mapEntries` in
 *   kubernetes/nodes.ts, which the rules read through too);
 * - aliases are followed.
 * A key whose value is null (`annotations:` with nothing after it) is left out, as Go reads a
 * null as "not set"; the pair is kept aside so that a required field left empty is reported on
 * its key. Octal numbers (`0644`, read as 420 by YAML 1.1 and 644 here) stay integers either way.
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { mapEntries, resolve } from '../kubernetes/nodes';

/** Where a map of the value came from: its node, the pair of each key, and the keys left out as null. */
export interface MapSource {
  kind: 'map';
  node: YAMLMap<unknown, unknown>;
  pairs: ReadonlyMap<string, Pair<unknown, unknown>>;
  nulls: ReadonlyMap<string, Pair<unknown, unknown>>;
}

/** Where a list of the value came from: its node and each item's node (aliases followed). */
export interface SeqSource {
  kind: 'seq';
  node: YAMLSeq<unknown>;
  items: readonly unknown[];
}

export type ValueSource = MapSource | SeqSource;

export interface ApiValue {
  value: unknown;
  /** The source of every map and list in `value`, by identity. */
  sources: WeakMap<object, ValueSource>;
}

/** The YAML 1.1 spellings of booleans that YAML 1.2 reads as strings. */
const YAML11_BOOLEANS: Readonly<Record<string, boolean>> = Object.fromEntries([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((s) => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((s) => [s, false]),
]);

/** True for an unquoted, untagged scalar that YAML 1.1 (and so `kubectl`) reads as a boolean but YAML 1.2 as a string. */
export function isYaml11Boolean(node: unknown): boolean {
  return (
    isScalar(node) &&
    node.type === Scalar.PLAIN &&
    !node.tag &&
    typeof node.value === 'string' &&
    Object.prototype.hasOwnProperty.call(YAML11_BOOLEANS, node.value)
  );
}

/** Converts a manifest's node (see the module comment). Never throws; alias cycles become null. */
export function toApiValue(node: unknown, doc: Document.Parsed): ApiValue {
  const sources = new WeakMap<object, ValueSource>();
  const done = new Map<unknown, unknown>();
  const active = new Set<unknown>();

  const convert = (raw: unknown): unknown => {
    const current = resolve(raw, doc);
    if (isScalar(current)) return scalarValue(current);
    if (!isMap(current) && !isSeq(current)) return null;
    // Aliases share one converted value, so that a file of many aliases stays linear.
    if (done.has(current)) return done.get(current);
    if (active.has(current)) return null;
    active.add(current);
    const value = isMap(current) ? convertMap(current) : convertSeq(current);
    active.delete(current);
    done.set(current, value);
    return value;
  };

  const convertSeq = (seq: YAMLSeq<unknown>): unknown[] => {
    const items = seq.items.map((item) => resolve(item, doc));
    const value = items.map(convert);
    sources.set(value, { kind: 'seq', node: seq, items });
    return value;
  };

  const convertMap = (map: YAMLMap<unknown, unknown>): Record<string, unknown> => {
    const value: Record<string, unknown> = {};
    const pairs = new Map<string, Pair<unknown, unknown>>();
    const nulls = new Map<string, Pair<unknown, unknown>>();
    for (const { key, pair } of mapEntries(map)) add(value, pairs, nulls, key, pair, convert(pair.value));
    sources.set(value, { kind: 'map', node: map, pairs, nulls });
    return value;
  };

  return { value: convert(node), sources };
}

function add(
  value: Record<string, unknown>,
  pairs: Map<string, Pair<unknown, unknown>>,
  nulls: Map<string, Pair<unknown, unknown>>,
  key: string,
  pair: Pair<unknown, unknown>,
  converted: unknown,
): void {
  if (converted === null || converted === undefined) {
    nulls.set(key, pair);
    return;
  }
  Object.defineProperty(value, key, { value: converted, enumerable: true, writable: true, configurable: true });
  pairs.set(key, pair);
}

function scalarValue(node: Scalar): unknown {
  const value = node.value;
  if (isYaml11Boolean(node)) return YAML11_BOOLEANS[node.value as string];
  if (typeof value === 'bigint') return Number(value);
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value ?? null;
  }
  // Other tagged values (!!binary, !!timestamp): the text as written.
  return node.source ?? String(value);
}
