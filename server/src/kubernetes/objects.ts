/**
 * Finding objects of a file by kind and name, the way the API server resolves references
 * between them (same namespace). The lookup index is built once per parsed file.
 */
import type { KubeFile, Manifest } from './model';

/**
 * True when two objects may live in the same namespace: both name the same one, or one of them
 * names none (it lands in whatever namespace the file is applied to).
 */
export function sameNamespace(a: Manifest, b: Manifest): boolean {
  return namespacesMeet(a.namespace, b.namespace);
}

/** `sameNamespace` for namespaces as written (null: none named), as the workspace index keeps them. */
export function namespacesMeet(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

const indexes = new WeakMap<KubeFile, Map<string, Manifest[]>>();

function objectKey(group: string, kind: string, name: string): string {
  return `${group}\u0000${kind}\u0000${name}`;
}

/** The file's named objects by API group, kind and name, in document order. */
function objectIndex(file: KubeFile): Map<string, Manifest[]> {
  let index = indexes.get(file);
  if (!index) {
    index = new Map();
    for (const manifest of file.manifests) {
      if (!manifest.name) continue;
      const key = objectKey(manifest.group, manifest.kind.value, manifest.name.value);
      const list = index.get(key);
      if (list) list.push(manifest);
      else index.set(key, [manifest]);
    }
    indexes.set(file, index);
  }
  return index;
}

/** The first object of the file with this API group, kind and name, in the namespace of `near`. */
export function findObject(file: KubeFile, near: Manifest, group: string, kind: string, name: string): Manifest | null {
  return objectIndex(file).get(objectKey(group, kind, name))?.find((m) => sameNamespace(m, near)) ?? null;
}
