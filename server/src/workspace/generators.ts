/**
 * What a kustomization tells the other files: the ConfigMaps and Secrets it generates
 * (`configMapGenerator`, `secretGenerator`): their names and the keys `literals` and `files` give
 * them, never the values. Kustomize rewrites references to a generated object's name (it adds a
 * hash suffix), so references name it as the generator does. And, for a kustomize Component, the
 * files it adds to whatever it is applied to.
 */
import * as nodePath from 'node:path';
import { isMap, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { readYamlDocuments } from '../kubernetes/kubectl-yaml';
import { getSeq, getString, mapGet, stringValue } from '../kubernetes/nodes';
import type { ConfigFact, ConfigKind } from './objects';

const GENERATORS: readonly [string, ConfigKind][] = [
  ['configMapGenerator', 'ConfigMap'],
  ['secretGenerator', 'Secret'],
];

/**
 * The objects a kustomization's generators define. They have no namespace here (null: any), since
 * the kustomization's `namespace` moves its resources too. The keys are unknown (null) for
 * generators that read `envs` files or merge with a base's object (`behavior: merge`).
 */
export function generatedConfigs(text: string, path: string | undefined): ConfigFact[] {
  const root = kustomizationRoot(text);
  if (!root) return [];
  const facts: ConfigFact[] = [];
  for (const [section, kind] of GENERATORS) {
    for (const item of getSeq(root, section)?.items ?? []) {
      if (!isMap(item)) continue;
      const name = getString(item, 'name', text);
      if (!name) continue;
      const unknownKeys = getString(item, 'behavior', text)?.value === 'merge' || mapGet(item, 'envs') !== null || mapGet(item, 'env') !== null;
      const keys = [
        ...stringItems(mapGet(item, 'literals'), text).map((literal) => literal.split('=')[0].trim()),
        ...stringItems(mapGet(item, 'files'), text).map(fileKey),
      ];
      facts.push({ path, kind, namespace: null, name: name.value, ...name.range, keys: unknownKeys ? null : keys });
    }
  }
  return facts;
}

/**
 * The absolute paths of the files a kustomize Component (`kind: Component`) lists under
 * `resources`: they are applied over a base the Component does not name, so the objects they
 * refer to may all lie outside the workspace.
 */
export function componentResources(text: string, path: string | undefined): string[] {
  const root = kustomizationRoot(text);
  if (!root || path === undefined || getString(root, 'kind', text)?.value !== 'Component') return [];
  const dir = nodePath.dirname(nodePath.resolve(path));
  return stringItems(mapGet(root, 'resources'), text).map((entry) => nodePath.resolve(dir, entry.trim()));
}

/** The top map of a kustomization that parses; null otherwise. */
function kustomizationRoot(text: string): YAMLMap | null {
  const doc = readYamlDocuments(text)[0];
  const root = doc && doc.errors.length === 0 ? doc.contents : null;
  return isMap(root) ? root : null;
}

/** The string items of a sequence node. */
function stringItems(node: unknown, text: string): string[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((item) => stringValue(item, text)?.value ?? []);
}

/** The key a `files` entry gives: `key=path` names it, otherwise the file's name. */
function fileKey(entry: string): string {
  const eq = entry.indexOf('=');
  if (eq > 0) return entry.slice(0, eq).trim();
  return entry.trim().split(/[\\/]/).pop() ?? entry;
}
