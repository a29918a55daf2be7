/**
 * The ConfigMaps and Secrets a pod reads: `env[].valueFrom.configMapKeyRef` / `secretKeyRef`,
 * `envFrom[].configMapRef` / `secretRef`, and `configMap` / `secret` volumes (plain and projected),
 * with the keys they name and whether they are optional.
 */
import { isMap, isScalar } from 'yaml';
import type { PodSpec, YamlMap } from './model';
import { asMap, getMap, getSeq, getString, mapGet, resolve } from './nodes';
import type { StringValue } from './nodes';

/** One reference from a pod to a ConfigMap or Secret (one per key it names, or one without a key). */
export interface ConfigRef {
  kind: 'ConfigMap' | 'Secret';
  name: StringValue;
  /** The key read from it; null when the whole object is read (`envFrom`, a volume without `items`). */
  key: StringValue | null;
  /** `optional: true`: the pod starts without it. */
  optional: boolean;
  /** How it is read: `env`, `envFrom` or `volume`. */
  use: 'env' | 'envFrom' | 'volume';
}

/** Every ConfigMap and Secret reference of a pod spec, in source order per container, then volumes. */
export function configRefs(podSpec: PodSpec, text: string): ConfigRef[] {
  const refs: ConfigRef[] = [];
  const doc = podSpec.manifest.document.doc;
  for (const container of podSpec.containers) {
    for (const env of container.env) {
      const valueFrom = asMap(resolve(env.valueFrom, doc));
      addRef(refs, 'ConfigMap', getMap(valueFrom, 'configMapKeyRef'), 'name', 'env', text, true);
      addRef(refs, 'Secret', getMap(valueFrom, 'secretKeyRef'), 'name', 'env', text, true);
    }
    for (const item of getSeq(container.node, 'envFrom')?.items ?? []) {
      const source = asMap(resolve(item, doc));
      addRef(refs, 'ConfigMap', getMap(source, 'configMapRef'), 'name', 'envFrom', text, false);
      addRef(refs, 'Secret', getMap(source, 'secretRef'), 'name', 'envFrom', text, false);
    }
  }
  for (const item of getSeq(podSpec.node, 'volumes')?.items ?? []) {
    const volume = asMap(resolve(item, doc));
    addVolumeRefs(refs, getMap(volume, 'configMap'), getMap(volume, 'secret'), text);
    for (const source of getSeq(getMap(volume, 'projected'), 'sources')?.items ?? []) {
      const projection = asMap(resolve(source, doc));
      addVolumeRefs(refs, getMap(projection, 'configMap'), getMap(projection, 'secret'), text);
    }
  }
  return refs;
}

/** A volume source's references: the object itself, or one per `items[].key`. */
function addVolumeRefs(refs: ConfigRef[], configMap: YamlMap | null, secret: YamlMap | null, text: string): void {
  // A projected Secret is named by `name`, a Secret volume by `secretName`.
  const secretNameKey = secret && mapGet(secret, 'secretName') !== null ? 'secretName' : 'name';
  for (const [kind, source, nameKey] of [['ConfigMap', configMap, 'name'], ['Secret', secret, secretNameKey]] as const) {
    if (!source) continue;
    const items = getSeq(source, 'items')?.items.filter((i) => isMap(i) && getString(i, 'key', text) !== null) ?? [];
    if (items.length === 0) addRef(refs, kind, source, nameKey, 'volume', text, false);
    for (const item of items) addRef(refs, kind, source, nameKey, 'volume', text, false, getString(asMap(item), 'key', text));
  }
}

function addRef(
  refs: ConfigRef[],
  kind: ConfigRef['kind'],
  source: YamlMap | null,
  nameKey: string,
  use: ConfigRef['use'],
  text: string,
  readsKey: boolean,
  itemKey: StringValue | null = null,
): void {
  const name = getString(source, nameKey, text);
  if (!source || !name) return;
  const optional = mapGet(source, 'optional');
  refs.push({
    kind,
    name,
    key: readsKey ? getString(source, 'key', text) : itemKey,
    optional: isScalar(optional) && (optional.value === true || optional.value === 'true'),
    use,
  });
}
