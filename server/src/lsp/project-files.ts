/**
 * What the project on disk says about an open document: its config, whether the config ignores it,
 * whether a kustomization uses it as a patch. Cached per file until a watched file changes. The
 * `kubeready.*` settings of the document apply under its config file (see `mergeConfig`).
 */
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, DEFAULT_CONFIG, isIgnoredByConfig, isIgnoredByGlobs, mergeConfig } from '../config/config';
import type { Config } from '../config/config';
import { Project } from '../project';

/** How the project treats one file. */
export interface FileContext {
  config: Config;
  /** The config file that applies, or null (defaults). */
  configPath: string | null;
  ignored: boolean;
  /** What lists the file as not to check, for logs (set when `ignored`). */
  ignoredBy: string | null;
  isPatch: boolean;
  /** Set when the config that applies is invalid; the defaults are used instead. */
  configError: ConfigError | null;
}

const NO_FILE: FileContext = { config: DEFAULT_CONFIG, configPath: null, ignored: false, ignoredBy: null, isPatch: false, configError: null };

/** The file system path of a `file:` URI; undefined for untitled and other documents. */
export function fileSystemPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The file system paths of the workspace folders an `initialize` request names (its `rootUri` when it names none). */
export function workspaceFolderPaths(folders: readonly { uri: string }[] | null | undefined, rootUri: string | null | undefined): string[] {
  const uris = folders && folders.length > 0 ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
  return uris.map(fileSystemPath).filter((p): p is string => p !== undefined);
}

/** The deepest of the folders that holds a path (or is that path), if any. */
export function innermostFolder(folders: readonly string[], path: string): string | undefined {
  const inside = folders.filter((folder) => {
    const relative = nodePath.relative(folder, path);
    return !relative.startsWith('..') && !nodePath.isAbsolute(relative);
  });
  return inside.sort((a, b) => b.length - a.length)[0];
}

/** A short name for logs: the file's base name, or the URI of a document without a file. */
export function displayName(uri: string): string {
  const path = fileSystemPath(uri);
  return path ? path.split(/[\\/]/).pop() || path : uri;
}

/** The warning shown once for a broken config file: which file, what is wrong, what happens meanwhile. */
export function configErrorMessage(error: ConfigError): string {
  const where = error.position ? ` (line ${error.position.line}, column ${error.position.column})` : '';
  return `Kube Ready cannot use ${error.file}: ${error.problem.replace(/\.$/, '')}${where}. Files are checked with the default settings until it is fixed.`;
}

/** Per-file answers from `Project`, cached until `invalidate()`; a broken config becomes `configError`. */
export class ProjectFiles {
  private readonly cache = new Map<string, FileContext>();
  private readonly warned = new Set<string>();
  private generationCount = 0;

  private folders: readonly string[] = [];

  /**
   * @param project the project on disk
   * @param settingsOf the config the `kubeready.*` settings give for a document URI (see settings.ts)
   */
  constructor(
    private readonly project: Project = new Project(),
    private readonly settingsOf: (uri: string) => Config = () => DEFAULT_CONFIG,
  ) {}

  /** The workspace folders (file system paths), which the settings' `ignorePaths` are relative to. */
  setWorkspaceFolders(folders: readonly string[]): void {
    this.folders = folders;
    this.invalidate();
  }

  /**
   * The context of an open document: its file's context (`contextFor`) with the document's
   * settings under the config file. Settings' `ignorePaths` are relative to the workspace folder
   * that holds the file; for a file outside every folder, to the file system root (so only
   * patterns that match at any depth, such as `*.gen.yaml`, apply).
   */
  contextForDocument(uri: string): FileContext {
    const path = fileSystemPath(uri);
    const file = this.contextFor(path);
    const settings = this.settingsOf(uri);
    if (settings === DEFAULT_CONFIG) return file;
    const context = { ...file, config: mergeConfig(settings, file.config) };
    if (!file.ignored && path !== undefined && isIgnoredByGlobs(settings.ignore, this.folderOf(path), path)) {
      return { ...context, ignored: true, ignoredBy: 'the setting kubeready.ignorePaths lists it' };
    }
    return context;
  }

  /** The deepest workspace folder that holds a file, or the file system root. */
  private folderOf(path: string): string {
    return innermostFolder(this.folders, path) ?? nodePath.parse(path).root;
  }

  /**
   * True when a file or folder on disk is not to be checked: its config's `ignorePaths` or those of
   * the settings `settingsOf` gives for its URI (for a closed file: its workspace folder's). A
   * broken config ignores nothing (it is reported when a file is checked).
   */
  isIgnored(path: string): boolean {
    const settings = this.settingsOf(pathToFileURL(path).href);
    return this.configContext(path).ignored || isIgnoredByGlobs(settings.ignore, this.folderOf(path), path);
  }

  /** Changes each time the cached answers are dropped; lint results depend on it. */
  get generation(): number {
    return this.generationCount;
  }

  /** The context of a file (`undefined` path: a document not saved to disk, which gets the defaults). */
  contextFor(path: string | undefined): FileContext {
    if (path === undefined) return NO_FILE;
    let context = this.cache.get(path);
    if (!context) {
      context = this.read(path);
      this.cache.set(path, context);
    }
    return context;
  }

  /**
   * True the first time a config error is seen since the config files last changed, so that
   * each broken config is announced once.
   */
  firstReport(error: ConfigError): boolean {
    if (this.warned.has(error.message)) return false;
    this.warned.add(error.message);
    return true;
  }

  /** The settings changed: results that depend on them are stale (what was read from disk still holds). */
  settingsChanged(): void {
    this.generationCount++;
  }

  /** Forgets everything read from disk (a config file or a kustomization changed). */
  invalidate(): void {
    this.project.invalidate();
    this.cache.clear();
    this.warned.clear();
    this.generationCount++;
  }

  private read(path: string): FileContext {
    return { ...this.configContext(path), isPatch: this.project.isPatch(path) };
  }

  /** What the config file says about a file (not cached here: `Project` keeps the configs it read). */
  private configContext(path: string): Omit<FileContext, 'isPatch'> {
    try {
      const loaded = this.project.configFor(path);
      const ignored = isIgnoredByConfig(loaded, path);
      const ignoredBy = ignored ? `the config ${loaded.path} lists it under ignorePaths` : null;
      return { config: loaded.config, configPath: loaded.path, ignored, ignoredBy, configError: null };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { config: DEFAULT_CONFIG, configPath: error.file, ignored: false, ignoredBy: null, configError: error };
    }
  }
}
