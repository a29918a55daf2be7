/**
 * What the engine needs to know about a file's surroundings on disk: its configuration and
 * whether a kustomization uses it as a patch. Shared by the CLI and the language server,
 * with caches so that the file system is asked about each folder once (its config file, its
 * kustomizations) and each config is read once.
 */
import * as path from 'node:path';
import { HadolintConfigs } from './compat/hadolint';
import { findConfigFile, isIgnoredByConfig, loadConfigFile, NO_CONFIG } from './config/config';
import type { LoadedConfig } from './config/config';
import { folderPatches, isKustomizePatch, patchPaths } from './kubernetes/kustomize';
import { RULE_IDS } from './rules/index';

export class Project {
  private readonly configs = new Map<string, LoadedConfig>();
  /** Patch files named by kustomizations seen elsewhere in the tree (e.g. `../../patches/x.yaml`). */
  private readonly knownPatches = new Set<string>();
  /** `.hadolint.yaml` files, whose settings Dockerfiles get below their config. */
  private readonly hadolint = new HadolintConfigs();
  /** The nearest config file of each folder asked about. */
  private readonly configFiles = new Map<string, string | null>();
  /** The patches the kustomizations of each folder asked about list. */
  private readonly folderPatches = new Map<string, ReadonlySet<string>>();

  /**
   * @param explicitConfig a config file given by the user (`--config`), used for every file.
   */
  constructor(private readonly explicitConfig: string | null = null) {}

  /** The config that applies to a file (with a `.hadolint.yaml` below it for Dockerfiles). Throws `ConfigError` when one is invalid. */
  configFor(file: string): LoadedConfig {
    return this.hadolint.layer(this.ownConfigFor(file), file);
  }

  private ownConfigFor(file: string): LoadedConfig {
    if (this.explicitConfig) return this.load(path.resolve(this.explicitConfig));
    const found = findConfigFile(path.dirname(path.resolve(file)), this.configFiles);
    return found ? this.load(found) : NO_CONFIG;
  }

  /** True when the file's config lists it under `ignore`. */
  isIgnored(file: string): boolean {
    return isIgnoredByConfig(this.configFor(file), file);
  }

  /** True when a kustomization uses the file as a patch: one registered, or one in the file's folder or above. */
  isPatch(file: string): boolean {
    return this.knownPatches.has(path.resolve(file)) || isKustomizePatch(file, (dir) => this.patchesIn(dir));
  }

  /** Remembers the patches a kustomization file lists, wherever they are. */
  registerKustomization(file: string, text: string): void {
    for (const patch of patchPaths(text, path.dirname(path.resolve(file)))) this.knownPatches.add(patch);
  }

  /** Forgets cached configs and kustomizations (after such a file changed). */
  invalidate(): void {
    this.configs.clear();
    this.knownPatches.clear();
    this.hadolint.clear();
    this.configFiles.clear();
    this.folderPatches.clear();
  }

  private patchesIn(dir: string): ReadonlySet<string> {
    let patches = this.folderPatches.get(dir);
    if (!patches) {
      patches = folderPatches(dir);
      this.folderPatches.set(dir, patches);
    }
    return patches;
  }

  private load(file: string): LoadedConfig {
    let loaded = this.configs.get(file);
    if (!loaded) {
      loaded = loadConfigFile(file, RULE_IDS);
      this.configs.set(file, loaded);
    }
    return loaded;
  }
}
