/**
 * What the project on disk says about an open document: its config, whether the config ignores it,
 * whether a kustomization uses it as a patch. Cached per file until a watched file changes.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError, DEFAULT_CONFIG, isIgnoredByConfig } from '../config/config';
import type { Config } from '../config/config';
import { Project } from '../project';

/** How the project treats one file. */
export interface FileContext {
  config: Config;
  /** The config file that applies, or null (defaults). */
  configPath: string | null;
  ignored: boolean;
  isPatch: boolean;
  /** Set when the config that applies is invalid; the defaults are used instead. */
  configError: ConfigError | null;
}

const NO_FILE: FileContext = { config: DEFAULT_CONFIG, configPath: null, ignored: false, isPatch: false, configError: null };

/** The file system path of a `file:` URI; undefined for untitled and other documents. */
export function fileSystemPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A short name for logs: the file's base name, or the URI of a document without a file. */
export function displayName(uri: string): string {
  const path = fileSystemPath(uri);
  return path ? path.split(/[\\/]/).pop() || path : uri;
}

/** The warning shown once for a broken config file: which file, what is wrong, what happens meanwhile. */
export function configErrorMessage(error: ConfigError): string {
  const problem = error.message.startsWith(`${error.file}: `) ? error.message.slice(error.file.length + 2) : error.message;
  return `Kube Ready cannot use ${error.file}: ${problem.replace(/\.$/, '')}. Files are checked with the default settings until it is fixed.`;
}

/** Per-file answers from `Project`, cached until `invalidate()`; a broken config becomes `configError`. */
export class ProjectFiles {
  private readonly cache = new Map<string, FileContext>();
  private readonly warned = new Set<string>();
  private generationCount = 0;

  constructor(private readonly project: Project = new Project()) {}

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

  /** Forgets everything read from disk (a config file or a kustomization changed). */
  invalidate(): void {
    this.project.invalidate();
    this.cache.clear();
    this.warned.clear();
    this.generationCount++;
  }

  private read(path: string): FileContext {
    const isPatch = this.project.isPatch(path);
    try {
      const loaded = this.project.configFor(path);
      return { config: loaded.config, configPath: loaded.path, ignored: isIgnoredByConfig(loaded, path), isPatch, configError: null };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { config: DEFAULT_CONFIG, configPath: error.file, ignored: false, isPatch, configError: error };
    }
  }
}
