/**
 * Container environment: the ConfigMaps a container reads its variables from, and the edit that
 * turns a literal `value:` into a `valueFrom` reference, in the entry's own style.
 */
import { isMap } from 'yaml';
import type { TextEdit } from '../findings';
import { columnOf, yamlScalar, yamlStyle } from './edit';
import type { Container, EnvVar, KubeFile } from './model';
import { asMap, asSeq, getIn, getString, mapGet, mapPair, sourceRange } from './nodes';

/**
 * The names of the ConfigMaps a container reads variables from, in order of appearance:
 * `envFrom[].configMapRef.name`, then `env[].valueFrom.configMapKeyRef.name`.
 */
export function configMapRefs(container: Container, text: string): string[] {
  const names: string[] = [];
  for (const item of asSeq(mapGet(container.node, 'envFrom'))?.items ?? []) {
    const name = isMap(item) ? getString(asMap(mapGet(item, 'configMapRef')), 'name', text) : null;
    if (name) names.push(name.value);
  }
  for (const env of container.env) {
    const name = getString(asMap(getIn(asMap(env.valueFrom), ['configMapKeyRef'])), 'name', text);
    if (name) names.push(name.value);
  }
  return [...new Set(names)];
}

/** Where a variable's value comes from instead of a literal. */
export interface ValueSource {
  kind: 'secretKeyRef' | 'configMapKeyRef';
  name: string;
  key: string;
}

/**
 * Replaces `value: …` of an env entry with `valueFrom: {<kind>: {name, key}}`: block style under
 * a block entry, flow style inside a flow entry. Null when the entry has no `value` pair.
 */
export function valueFromEdit(file: KubeFile, env: EnvVar, source: ValueSource): TextEdit | null {
  const pair = mapPair(env.node, 'value');
  const key = pair?.key?.range;
  const value = sourceRange(pair?.value);
  if (!key || !value) return null;
  const name = yamlScalar(source.name);
  const keyName = yamlScalar(source.key);
  if (env.node.flow) {
    return { start: key[0], end: value[1], newText: `valueFrom: {${source.kind}: {name: ${name}, key: ${keyName}}}` };
  }
  const style = yamlStyle(file);
  const pad = (level: number): string => ' '.repeat(columnOf(file.text, key[0]) + level * style.unit);
  const newText = ['valueFrom:', `${pad(1)}${source.kind}:`, `${pad(2)}name: ${name}`, `${pad(2)}key: ${keyName}`].join(style.eol);
  return { start: key[0], end: value[1], newText };
}
