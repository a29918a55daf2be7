/**
 * Kustomize patches: files a kustomization lists under `patches`, `patchesStrategicMerge` or
 * `patchesJson6902`. Their objects are partial on purpose.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** How many folders up from a file a kustomization may list it (`../patches/x.yaml`). */
const SEARCH_DEPTH = 3;

/** The absolute paths of the patch files a kustomization text lists, resolved against its folder. */
export function patchPaths(kustomizationText: string, dir: string): string[] {
  let value: unknown;
  try {
    value = parse(kustomizationText, { prettyErrors: false });
  } catch {
    return [];
  }
  if (!value || typeof value !== 'object') return [];
  const k = value as Record<string, unknown>;
  const paths: string[] = [];
  const add = (p: unknown): void => {
    if (typeof p === 'string' && p.trim() && !p.includes('\n')) paths.push(path.resolve(dir, p.trim()));
  };
  for (const entry of asArray(k.patchesStrategicMerge)) add(entry);
  for (const key of ['patches', 'patchesJson6902']) {
    for (const entry of asArray(k[key])) {
      if (typeof entry === 'string') add(entry);
      else if (entry && typeof entry === 'object') add((entry as Record<string, unknown>).path);
    }
  }
  return paths;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * True when a kustomization in the file's folder (or a few folders up) lists the file as a patch.
 * `patchesIn` gives the patches the kustomizations of one folder list (a caller may cache it).
 */
export function isKustomizePatch(file: string, patchesIn: (dir: string) => ReadonlySet<string> = (dir) => folderPatches(dir)): boolean {
  const target = path.resolve(file);
  let dir = path.dirname(target);
  for (let depth = 0; depth < SEARCH_DEPTH; depth++) {
    if (patchesIn(dir).has(target)) return true;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return false;
}

/** The absolute paths of the patches that the kustomization files of `dir` list. */
export function folderPatches(dir: string, readFile: (p: string) => string | null = readIfExists): Set<string> {
  const patches = new Set<string>();
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const text = readFile(path.join(dir, name));
    if (text !== null) for (const patch of patchPaths(text, dir)) patches.add(patch);
  }
  return patches;
}

function readIfExists(p: string): string | null {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}
