/**
 * Labels and label selectors (`matchLabels`, `matchExpressions`, and the plain map selectors of
 * Services and ReplicationControllers), read exactly or not at all: merge keys (`<<: *base`) are
 * applied as kubectl applies them, while a map with a non-scalar key or value, or an unknown
 * operator, cannot be judged here, so it reads as null and rules stay quiet about it.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import type { Span } from '../text';
import { isMergeKey, mapEntries, mapGet, nodeSpan, resolve, stringValue } from './nodes';
import type { StringValue } from './nodes';

export interface LabelEntry {
  key: string;
  /** The key as written. */
  keyRange: Span;
  value: StringValue;
}

/** Labels by key, in source order. */
export type LabelMap = ReadonlyMap<string, LabelEntry>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One condition a selector puts on labels. `key: value` pairs of `matchLabels` read as `In` with one value. */
export interface LabelRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
  /** True for a `matchLabels` (or plain map) entry, false for a `matchExpressions` item. */
  fromMatchLabels: boolean;
  /** Where to point: the `matchLabels` key, or the expression's `key` value. */
  span: Span;
}

const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** True when a node is absent or an explicit YAML null. */
function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/**
 * Reads a map of string labels, with the keys it merges in (`<<: *common`) as kubectl merges them.
 * An absent or null map reads as empty; null means the map is there but cannot be read exactly (a
 * key that is not a string, a value that is not a scalar, a `<<` that names no map).
 */
export function readLabelMap(node: unknown, doc: Document.Parsed, text: string): Map<string, LabelEntry> | null {
  const labels = new Map<string, LabelEntry>();
  const resolved = resolve(node, doc);
  if (isNull(resolved)) return labels;
  if (!isMap(resolved)) return null;
  if (resolved.items.some((pair) => isMergeKey(pair.key) && !namesMaps(pair.value, doc))) return null;
  for (const { key, pair } of mapEntries(resolved)) {
    if (!isScalar(pair.key) || !pair.key.range) return null;
    const value = stringValue(resolve(pair.value, doc), text);
    if (!value) return null;
    labels.set(key, { key, keyRange: nodeSpan(pair.key), value });
  }
  return labels;
}

/** True when a `<<` key's value names a map or a list of maps, the only merges kubectl accepts. */
function namesMaps(value: unknown, doc: Document.Parsed): boolean {
  const resolved = resolve(value, doc);
  return isMap(resolved) || (isSeq(resolved) && resolved.items.every((item) => isMap(resolve(item, doc))));
}

/** The requirements of a plain map selector (`Service.spec.selector`, `ReplicationController.spec.selector`). */
export function mapSelectorRequirements(labels: LabelMap): LabelRequirement[] {
  return [...labels.values()].map((entry) => ({
    key: entry.key,
    operator: 'In',
    values: [entry.value.value],
    fromMatchLabels: true,
    span: entry.keyRange,
  }));
}

/**
 * Reads a `LabelSelector` (`matchLabels` and `matchExpressions`). Null when any part cannot be
 * read exactly; an empty list for an absent or empty selector.
 */
export function readLabelSelector(node: unknown, doc: Document.Parsed, text: string): LabelRequirement[] | null {
  const selector = resolve(node, doc);
  if (isNull(selector)) return [];
  if (!isMap(selector)) return null;
  const matchLabels = readLabelMap(mapGet(selector, 'matchLabels'), doc, text);
  if (!matchLabels) return null;
  const requirements = mapSelectorRequirements(matchLabels);
  const expressions = resolve(mapGet(selector, 'matchExpressions'), doc);
  if (isNull(expressions)) return requirements;
  if (!isSeq(expressions)) return null;
  for (const item of expressions.items) {
    const expression = readExpression(resolve(item, doc), doc, text);
    if (!expression) return null;
    requirements.push(expression);
  }
  return requirements;
}

function readExpression(node: unknown, doc: Document.Parsed, text: string): LabelRequirement | null {
  if (!isMap(node)) return null;
  const key = stringValue(resolve(mapGet(node, 'key'), doc), text);
  const operator = stringValue(resolve(mapGet(node, 'operator'), doc), text);
  if (!key || !operator || !OPERATORS.has(operator.value)) return null;
  const valuesNode = resolve(mapGet(node, 'values'), doc);
  const values: string[] = [];
  if (!isNull(valuesNode)) {
    if (!isSeq(valuesNode)) return null;
    for (const item of valuesNode.items) {
      const value = stringValue(resolve(item, doc), text);
      if (!value) return null;
      values.push(value.value);
    }
  }
  return { key: key.value, operator: operator.value as SelectorOperator, values, fromMatchLabels: false, span: key.range };
}

/** True when labels meet one requirement, as the API server decides it. */
export function meetsRequirement(requirement: LabelRequirement, labels: LabelMap): boolean {
  const label = labels.get(requirement.key);
  switch (requirement.operator) {
    case 'In':
      return label !== undefined && requirement.values.includes(label.value.value);
    case 'NotIn':
      return label === undefined || !requirement.values.includes(label.value.value);
    case 'Exists':
      return label !== undefined;
    case 'DoesNotExist':
      return label === undefined;
  }
}
